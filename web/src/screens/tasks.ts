/**
 * The task list ("what I must do next, by when"): the review's `tasks` from the server, in words,
 * each linking to the screen where it is done, with its due date and whether it is late.
 */
import { h } from 'preact';
import type { AllowedAction } from '#shared/domain/review-actions.ts';
import type { DeadlineKind } from '#shared/domain/workflow.ts';
import { type MessageKey, t as tr } from '../i18n/index.ts';
import { fmtDate, link } from '../ui.ts';

/** What each task asks, and the tab of the review where it is done. */
const TASK: Partial<Record<AllowedAction, { key: MessageKey; tab: string }>> = {
  'assignment.acknowledge': { key: 'task.assignment.acknowledge', tab: 'overview' },
  'contacts.name': { key: 'task.contacts.name', tab: 'overview' },
  'submission.create': { key: 'task.submission.create', tab: 'self-assessment' },
  'comment.create': { key: 'task.comment.create', tab: 'comments' },
  'observations.respond': { key: 'task.observations.respond', tab: 'observations' },
  'observations.finalize': { key: 'task.observations.finalize', tab: 'observations' },
  'workflow.advance': { key: 'task.workflow.advance', tab: 'overview' },
  'summary.generate': { key: 'task.summary.generate', tab: 'summary' },
  'summary.agree': { key: 'task.summary.agree', tab: 'summary' },
  'summary.publish': { key: 'task.summary.publish', tab: 'summary' },
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
    link(`/reviews/${reviewId}/${what.tab}`, tr(what.key)),
    t.due ? tr('tasks.by', { date: fmtDate(t.due) }) : '',
    late ? h('strong', { class: 'overdue' }, tr('tasks.late')) : null,
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
    h('h2', { id: 'tasks-h' }, tr('tasks.title')),
    tasks.length
      ? h('ol', {}, ...tasks.map((t) => taskItem(reviewId, t, overdue)))
      : h('p', { class: 'muted' }, tr('tasks.noneHere')),
  );
