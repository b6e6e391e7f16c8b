/**
 * The task list ("what I must do next, by when"): the review's `tasks` from the server, in words,
 * each linking to the screen where it is done, with its due date and whether it is late.
 */
import { h } from 'preact';
import type { AllowedAction } from '#shared/domain/review-actions.ts';
import type { DeadlineKind } from '#shared/domain/workflow.ts';
import { fmtDate, link } from '../ui.ts';

/** What each task asks, and the tab of the review where it is done. */
const TASK: Partial<Record<AllowedAction, { text: string; tab: string }>> = {
  'assignment.acknowledge': { text: 'Acknowledge the assignment', tab: 'overview' },
  'contacts.name': { text: 'Name your State’s experts', tab: 'overview' },
  'submission.create': { text: 'Submit the self-assessment', tab: 'self-assessment' },
  'comment.create': { text: 'Comment on the self-assessment (written feedback)', tab: 'comments' },
  'observations.respond': { text: 'Answer the list of observations', tab: 'observations' },
  'observations.finalize': {
    text: 'Confirm the list of observations once it is agreed',
    tab: 'observations',
  },
  'workflow.advance': { text: 'Move the review to its next step', tab: 'overview' },
  'summary.generate': { text: 'Generate the draft summary', tab: 'summary' },
  'summary.agree': { text: 'Agree to the summary', tab: 'summary' },
  'summary.publish': { text: 'Publish the summary', tab: 'summary' },
};

export interface TaskView {
  action: AllowedAction;
  deadline?: DeadlineKind;
  due?: string;
}

/** One task as a list item: a link to where it is done, then "by <date>" (late when overdue). */
export const taskItem = (reviewId: string, t: TaskView, overdue: readonly string[], prefix = '') => {
  const what = TASK[t.action];
  if (!what) return null;
  const late = t.deadline !== undefined && overdue.includes(t.deadline);
  return h(
    'li',
    { 'data-task': t.action, class: late ? 'task late' : 'task' },
    prefix,
    link(`/reviews/${reviewId}/${what.tab}`, what.text),
    t.due ? ` — by ${fmtDate(t.due)}` : '',
    late ? h('strong', { class: 'overdue' }, ' (late)') : null,
  );
};

/** The task list of one review, at the top of its overview. */
export const TaskList = ({
  reviewId,
  tasks,
  overdue,
}: {
  reviewId: string;
  tasks: readonly TaskView[];
  overdue: readonly string[];
}) =>
  h(
    'section',
    { class: 'card tasks', 'aria-labelledby': 'tasks-h', 'data-testid': 'tasks' },
    h('h2', { id: 'tasks-h' }, 'What you must do next'),
    tasks.length
      ? h('ol', {}, ...tasks.map((t) => taskItem(reviewId, t, overdue)))
      : h('p', { class: 'muted' }, 'Nothing for you to do on this review now.'),
  );
