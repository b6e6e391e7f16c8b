/**
 * Words for the API's codes, in one place: the screens show these, never the slugs
 * (`ta-need`, `self-assessment-submitted`). The codes stay in `data-*` attributes for tests.
 */
import type { CommentStatus, EntryStatus } from '#shared/domain/dialogue.ts';
import type { ObservationKind } from '#shared/domain/types.ts';
import type { DeadlineKind, ReviewState } from '#shared/domain/workflow.ts';

export const KIND_LABEL: Record<ObservationKind, string> = {
  'good-practice': 'Good practice',
  challenge: 'Challenge',
  recommendation: 'Recommendation',
  'ta-need': 'Technical assistance need',
};

export const ENTRY_STATUS_LABEL: Record<EntryStatus, string> = {
  draft: 'Draft',
  agreed: 'Agreed',
  amended: 'Amended by the reviewed State',
  disputed: 'Disputed',
  withdrawn: 'Withdrawn',
};

export const COMMENT_STATUS_LABEL: Record<CommentStatus, string> = {
  open: 'Open',
  answered: 'Answered',
  resolved: 'Resolved',
};

export const REVIEW_STATE_LABEL: Record<ReviewState, string> = {
  assigned: 'Assigned',
  'contacts-named': 'Contacts named',
  'self-assessment-submitted': 'Self-assessment submitted',
  'desk-review': 'Desk review',
  dialogue: 'Dialogue',
  'observations-agreed': 'Observations agreed',
  'summary-agreed': 'Summary agreed',
  published: 'Published',
};

export const DEADLINE_LABEL: Record<DeadlineKind, string> = {
  'focal-point': 'Name the focal point',
  experts: 'Name the experts',
  'self-assessment': 'Submit the self-assessment',
  feedback: 'Reviewers’ written feedback',
};

export const RELATION_LABEL: Record<string, string> = {
  reviewed: 'Reviewed State',
  reviewer: 'Reviewing State',
  secretariat: 'Secretariat',
  observer: 'Observer',
};
