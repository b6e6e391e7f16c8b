/** The review as its caller sees it (GET /reviews/{id} and every review the workflow answers with). */
import type { Principal } from '../../auth/principal.ts';
import { relationTo } from '../../domain/authz.ts';
import { ForbiddenError } from '../../domain/errors.ts';
import type { Review } from '../../domain/review.ts';
import { allowedActions, tasksFor } from '../../domain/review-actions.ts';
import type { ReviewView } from '../../domain/review-view.ts';
import type { Iso3 } from '../../domain/types.ts';
import { type DeadlineKind, isOverdue } from '../../domain/workflow.ts';

/** Reviewing States that have not acknowledged their assignment yet. */
export const missingAcknowledgements = (r: Review): Iso3[] =>
  r.reviewerStates.filter((s) => !r.acknowledgements[s]).sort();

const overdueKinds = (r: Review, now: Date): DeadlineKind[] =>
  r.deadlines.filter((d) => isOverdue(d, now)).map((d) => d.kind);

export const viewOf = (p: Principal, r: Review, now: Date): ReviewView => {
  const rel = relationTo(p, r);
  if (rel === 'none') throw new ForbiddenError('no part in this review');
  return {
    ...r,
    relation: rel,
    overdue: overdueKinds(r, now),
    missingAcknowledgements: missingAcknowledgements(r),
    allowedActions: allowedActions(p, r),
    tasks: tasksFor(p, r),
  };
};

/** The state and version a refusal answers with, so the caller can reload. */
export const currentOf = (r: Review) => ({ current: { state: r.state, version: r.version } });
