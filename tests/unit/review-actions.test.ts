/**
 * `allowedActions`: what the caller may do on a review now, per role, relation and review state.
 * The UI offers exactly these, so each case here is a button shown or hidden.
 */
import { describe, expect, it } from 'vitest';
import type { Principal } from '#shared/auth/principal.ts';
import { allowedActions, type ReviewFacts, tasksFor } from '#shared/domain/review-actions.ts';
import type { ReviewState } from '#shared/domain/workflow.ts';

const user = (
  sub: string,
  role: 'secretariat' | 'focal-point' | 'expert' | 'observer',
  state: string | null,
) => ({ kind: 'user', sub, role, state, name: sub }) as Principal;
const civFocal = user('civ-focal', 'focal-point', 'CIV');
const civExpert = user('civ-expert', 'expert', 'CIV');
const turFocal = user('tur-focal', 'focal-point', 'TUR');
const turExpert = user('tur-expert', 'expert', 'TUR');
const secretariat = user('secretariat-1', 'secretariat', null);
const observer = user('observer-1', 'observer', null);

const review = (state: ReviewState, over: Partial<ReviewFacts> = {}): ReviewFacts => ({
  reviewedState: 'CIV',
  reviewerStates: ['GHA', 'TUR'],
  state,
  deadlines: [{ kind: 'self-assessment', due: '2027-06-01T00:00:00.000Z', extensions: [] }],
  acknowledgements: {},
  contacts: {},
  ...over,
});

describe('allowedActions', () => {
  it('gives the reviewed State its questionnaire before the desk review, and no reviewer action', () => {
    expect(allowedActions(civFocal, review('contacts-named'))).toEqual([
      'review.export',
      'contacts.name',
      'draft.write',
      'submission.create',
    ]);
    expect(allowedActions(civExpert, review('self-assessment-submitted'))).toEqual([
      'draft.write',
      'response.create',
    ]);
  });

  it('lets a reviewing focal point acknowledge its assignment once, and confirm the list in the dialogue', () => {
    expect(allowedActions(turFocal, review('assigned'))).toContain('assignment.acknowledge');
    const acknowledged = review('dialogue', { acknowledgements: { TUR: { by: 'tur-focal' } } });
    const actions = allowedActions(turFocal, acknowledged);
    expect(actions).not.toContain('assignment.acknowledge');
    expect(actions).toEqual(expect.arrayContaining(['observations.draft', 'observations.finalize']));
    // An expert drafts and comments but confirms nothing.
    expect(allowedActions(turExpert, acknowledged)).toEqual([
      'comment.create',
      'comment.resolve',
      'observations.draft',
    ]);
  });

  it('opens the summary steps one after the other, and nothing once it is published', () => {
    expect(allowedActions(turExpert, review('observations-agreed'))).toContain('summary.generate');
    expect(allowedActions(civFocal, review('observations-agreed'))).toContain('summary.agree');
    expect(allowedActions(secretariat, review('observations-agreed'))).not.toContain('summary.publish');
    expect(allowedActions(secretariat, review('summary-agreed'))).toContain('summary.publish');
    const met = [
      {
        kind: 'self-assessment' as const,
        due: '2027-06-01T00:00:00.000Z',
        metAt: '2027-01-01T00:00:00.000Z',
        extensions: [],
      },
    ];
    expect(allowedActions(secretariat, review('published', { deadlines: met }))).toEqual([
      'review.export',
      'contacts.name',
    ]);
    expect(allowedActions(civFocal, review('published'))).toEqual(['review.export', 'contacts.name']);
  });

  it('lets the secretariat move the review on only where a transition applies', () => {
    expect(allowedActions(secretariat, review('self-assessment-submitted'))).toContain('workflow.advance');
    expect(allowedActions(secretariat, review('desk-review'))).toContain('workflow.advance');
    expect(allowedActions(secretariat, review('dialogue'))).not.toContain('workflow.advance');
    expect(allowedActions(observer, review('dialogue'))).toEqual([]);
  });
});

describe('tasksFor', () => {
  const deadlines = [
    { kind: 'experts' as const, due: '2026-02-12T00:00:00.000Z', extensions: [] },
    { kind: 'self-assessment' as const, due: '2026-07-15T00:00:00.000Z', extensions: [] },
  ];
  it('lists the work still to do with its deadline, soonest first', () => {
    expect(tasksFor(civFocal, review('assigned', { deadlines }))).toEqual([
      { action: 'contacts.name', deadline: 'experts', due: '2026-02-12T00:00:00.000Z' },
    ]);
    const named = review('contacts-named', { deadlines, contacts: { CIV: { experts: ['civ-expert'] } } });
    expect(tasksFor(civFocal, named)).toEqual([
      { action: 'submission.create', deadline: 'self-assessment', due: '2026-07-15T00:00:00.000Z' },
    ]);
  });

  it('drops a task once it is done: experts named, self-assessment deadline met', () => {
    const done = review('self-assessment-submitted', {
      contacts: { CIV: { experts: ['civ-expert'] } },
      deadlines: [
        deadlines[0] as (typeof deadlines)[number],
        { ...(deadlines[1] as (typeof deadlines)[number]), metAt: '2026-06-01T00:00:00.000Z' },
      ],
    });
    expect(tasksFor(civFocal, done)).toEqual([]);
    // The reviewers' feedback is theirs to write; the acknowledgement comes without a date.
    expect(tasksFor(turFocal, done).map((t) => t.action)).toEqual([
      'contacts.name',
      'assignment.acknowledge',
      'comment.create',
    ]);
  });

  it('gives the secretariat the step it triggers, and no task on a published review', () => {
    expect(tasksFor(secretariat, review('desk-review'))).toEqual([{ action: 'workflow.advance' }]);
    expect(tasksFor(secretariat, review('published'))).toEqual([]);
    expect(tasksFor(civFocal, review('published'))).toEqual([]);
  });
});
