/**
 * Words for the API's codes, in one place: the screens show these, never the slugs
 * (`ta-need`, `self-assessment-submitted`). The codes stay in `data-*` attributes for tests.
 */
import type { CommentStatus, EntryStatus } from '#shared/domain/dialogue.ts';
import type { ObservationKind } from '#shared/domain/types.ts';
import type { DeadlineKind, ReviewState } from '#shared/domain/workflow.ts';
import { type MessageKey, t } from './i18n/index.ts';

/**
 * A code → words table whose words are looked up in the interface language each time they are
 * read (getters), so the screens keep indexing it like a plain record.
 */
function inLanguage<K extends string>(keys: Record<K, MessageKey>): Readonly<Record<K, string>> {
  const out = {} as Record<K, string>;
  for (const code of Object.keys(keys) as K[])
    Object.defineProperty(out, code, { enumerable: true, get: () => t(keys[code]) });
  return out;
}

export const KIND_LABEL: Readonly<Record<ObservationKind, string>> = inLanguage({
  'good-practice': 'kind.good-practice',
  challenge: 'kind.challenge',
  recommendation: 'kind.recommendation',
  'ta-need': 'kind.ta-need',
});

export const ENTRY_STATUS_LABEL: Readonly<Record<EntryStatus, string>> = inLanguage({
  draft: 'entry.draft',
  agreed: 'entry.agreed',
  amended: 'entry.amended',
  disputed: 'entry.disputed',
  withdrawn: 'entry.withdrawn',
});

export const COMMENT_STATUS_LABEL: Readonly<Record<CommentStatus, string>> = inLanguage({
  open: 'comment.open',
  answered: 'comment.answered',
  resolved: 'comment.resolved',
});

export const REVIEW_STATE_LABEL: Readonly<Record<ReviewState, string>> = inLanguage({
  assigned: 'reviewState.assigned',
  'contacts-named': 'reviewState.contacts-named',
  'self-assessment-submitted': 'reviewState.self-assessment-submitted',
  'desk-review': 'reviewState.desk-review',
  dialogue: 'reviewState.dialogue',
  'observations-agreed': 'reviewState.observations-agreed',
  'summary-agreed': 'reviewState.summary-agreed',
  published: 'reviewState.published',
});

export const DEADLINE_LABEL: Readonly<Record<DeadlineKind, string>> = inLanguage({
  'focal-point': 'deadline.focal-point',
  experts: 'deadline.experts',
  'self-assessment': 'deadline.self-assessment',
  feedback: 'deadline.feedback',
});

export const RELATION_LABEL: Readonly<Record<string, string>> = inLanguage({
  reviewed: 'relation.reviewed',
  reviewer: 'relation.reviewer',
  secretariat: 'relation.secretariat',
  observer: 'relation.observer',
});

const ROLE_KEY = {
  secretariat: 'role.secretariat',
  'focal-point': 'role.focal-point',
  expert: 'role.expert',
  observer: 'role.observer',
} as const satisfies Record<string, MessageKey>;

/** A user role in words, in the interface language. */
export const roleLabel = (role: keyof typeof ROLE_KEY): string => t(ROLE_KEY[role]);
