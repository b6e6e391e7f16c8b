/**
 * Every DynamoDB key of the single table, declared once: partition and sort keys, the prefixes
 * the queries match, and the names of the secondary indexes (from shared/data-model.ts). The
 * repositories build keys only through these; the item layouts are listed per area in docs/.
 */
import { TABLE } from '../data-model.ts';
import type { Instrument, Iso3 } from '../domain/types.ts';

/** Secondary access path 1: items by kind or parent (lists). */
export const GSI1 = TABLE.globalIndexes[0].indexName;
/** Secondary access path 2: pending outbox messages by due time. */
export const GSI2 = TABLE.globalIndexes[1].indexName;

/** The single-item sort key of an entity that is alone in its partition. */
const META = 'META';

/** Version numbers in sort keys: zero-padded, so they sort as numbers. */
const SEQ_DIGITS = 6;
const seq = (n: number): string => String(n).padStart(SEQ_DIGITS, '0');

// ---------- a review's partition: the review and what belongs to it ----------

const REVIEW = 'REVIEW#';
const reviewPk = (reviewId: string) => `${REVIEW}${reviewId}`;

export const reviewKeys = {
  partition: reviewPk,
  /** Begins every review partition key (the reminder sweep scans for review items). */
  partitionPrefix: REVIEW,
  meta: (reviewId: string) => ({ pk: reviewPk(reviewId), sk: META }),
  metaSk: META,
  /** gsi1: the reviews of a cycle, by reviewed State. */
  byCycle: (cycleId: string) => `CYCLE#${cycleId}#REVIEWS`,
} as const;

/** Self-assessment items, under the review's partition. */
export const SA_KEYS = {
  draft: (reviewId: string, instrument: Instrument) => ({
    pk: reviewPk(reviewId),
    sk: `SA#${instrument}#DRAFT`,
  }),
  version: (reviewId: string, instrument: Instrument, n: number) => ({
    pk: reviewPk(reviewId),
    sk: `SA#${instrument}#V#${seq(n)}`,
  }),
  versionPrefix: (instrument: Instrument) => `SA#${instrument}#V#`,
  attachment: (reviewId: string, instrument: Instrument, attachmentId: string) => ({
    pk: reviewPk(reviewId),
    sk: `SA#${instrument}#ATT#${attachmentId}`,
  }),
  attachmentPrefix: (instrument: Instrument) => `SA#${instrument}#ATT#`,
} as const;

const COMMENT = 'COMMENT#';
const HISTORY = '#H#';
const RESPONSE = '#R#';

/** Dialogue items: a comment's head, history, responses and thread marker, the counters, seen markers. */
export const commentKeys = {
  prefix: COMMENT,
  head: (reviewId: string, commentId: string) => ({ pk: reviewPk(reviewId), sk: `${COMMENT}${commentId}` }),
  version: (reviewId: string, commentId: string, version: number) => ({
    pk: reviewPk(reviewId),
    sk: `${COMMENT}${commentId}${HISTORY}${seq(version)}`,
  }),
  historyPrefix: (commentId: string) => `${COMMENT}${commentId}${HISTORY}`,
  response: (reviewId: string, commentId: string, responseId: string) => ({
    pk: reviewPk(reviewId),
    sk: `${COMMENT}${commentId}${RESPONSE}${responseId}`,
  }),
  responsePrefix: (commentId: string) => `${COMMENT}${commentId}${RESPONSE}`,
  thread: (reviewId: string, commentId: string) => ({
    pk: reviewPk(reviewId),
    sk: `${COMMENT}${commentId}#T`,
  }),
  counts: (reviewId: string) => ({ pk: reviewPk(reviewId), sk: 'DIALOGUE#COUNTS' }),
  seen: (reviewId: string, sub: string, commentId: string) => ({
    pk: reviewPk(reviewId),
    sk: `SEEN#${sub}#${commentId}`,
  }),
  seenPrefix: (sub: string) => `SEEN#${sub}#`,
  /**
   * True for the sort key of a comment head, the only key a comment page ends on (a cursor the
   * client sends back is checked with it before it reaches a query).
   */
  isHeadSk: (sk: string): boolean => sk.startsWith(COMMENT) && !sk.includes(HISTORY) && sk.length < 120,
} as const;

const OBSERVATION = 'OBS#';
export const observationKeys = {
  prefix: OBSERVATION,
  entry: (reviewId: string, id: string) => ({ pk: reviewPk(reviewId), sk: `${OBSERVATION}${id}` }),
  list: (reviewId: string) => ({ pk: reviewPk(reviewId), sk: 'OBSLIST' }),
} as const;

const SUMMARY = 'SUMMARY#';
const PUBLISHED_SUMMARIES = 'PUBLISHED#SUMMARIES';
export const summaryKeys = {
  prefix: SUMMARY,
  head: (reviewId: string, scope: string) => ({ pk: reviewPk(reviewId), sk: `${SUMMARY}${scope}` }),
  /** The atomic counter of document versions of one review and scope. */
  sequence: (reviewId: string, scope: string) => ({ pk: reviewPk(reviewId), sk: `${SUMMARY}${scope}#SEQ` }),
  /** The public index: one partition, the only thing the public endpoints read. */
  publishedPartition: PUBLISHED_SUMMARIES,
  published: (h: { reviewedState: string; reviewId: string; scope: string }) => ({
    pk: PUBLISHED_SUMMARIES,
    sk: `${h.reviewedState}#${h.reviewId}#${h.scope}`,
  }),
} as const;

const FOLLOW_UP = 'FOLLOWUP#';
export const followUpKeys = {
  prefix: FOLLOW_UP,
  item: (reviewId: string, followUpId: string) => ({
    pk: reviewPk(reviewId),
    sk: `${FOLLOW_UP}${followUpId}`,
  }),
  /** gsi1: every follow-up of one root observation, across the cycles. */
  chain: (root: { reviewId: string; observationId: string }) =>
    `FOLLOWUP-ROOT#${root.reviewId}#${root.observationId}`,
} as const;

/** Technical-assistance tracking: one partition, one item per observation. */
export const taNeedKeys = {
  partition: 'TA-NEEDS',
  sortKey: (reviewId: string, observationId: string) => `${reviewId}#${observationId}`,
} as const;

// ---------- cycles, the registry, questionnaires, reports ----------

export const cycleKeys = {
  meta: (cycleId: string) => ({ pk: `CYCLE#${cycleId}`, sk: META }),
  draw: (cycleId: string, drawId: string) => ({ pk: `CYCLE#${cycleId}`, sk: `DRAW#${drawId}` }),
  /** gsi1: every cycle, by creation. */
  list: 'CYCLES',
  listSort: (c: { createdAt: string; cycleId: string }) => `${c.createdAt}#${c.cycleId}`,
} as const;

export const registryKeys = {
  state: (iso3: string) => ({ pk: `STATE#${iso3}`, sk: META }),
  /** gsi1: every State, by name. */
  states: 'STATES',
  organization: (id: string) => ({ pk: `ORG#${id}`, sk: META }),
  /** gsi1: every organization, by name. */
  organizations: 'ORGANIZATIONS',
  import: (importId: string) => ({ pk: `REGIMPORT#${importId}`, sk: META }),
  publicContact: (iso3: Iso3) => ({ pk: `STATE#${iso3}`, sk: 'PUBLIC-CONTACT' }),
  /** gsi1: the States that published a contact. */
  publicContacts: 'PUBLIC-CONTACTS',
} as const;

const CONSENT = 'CONSENT#';
export const countrySetKeys = {
  set: (id: string) => ({ pk: `COUNTRYSET#${id}`, sk: META }),
  consent: (id: string, iso3: Iso3) => ({ pk: `COUNTRYSET#${id}`, sk: `${CONSENT}${iso3}` }),
  consentPrefix: CONSENT,
  /** gsi1: every country set. */
  list: 'COUNTRYSETS',
} as const;

const QUESTIONNAIRE_VERSION = 'V#';
export const questionnaireKeys = {
  upload: (uploadId: string) => ({ pk: `QUPLOAD#${uploadId}`, sk: META }),
  /** gsi1: every upload, by time. */
  uploads: 'QUPLOADS',
  partition: (id: string) => `QUESTIONNAIRE#${id}`,
  version: (id: string, version: number) => ({
    pk: `QUESTIONNAIRE#${id}`,
    sk: `${QUESTIONNAIRE_VERSION}${seq(version)}`,
  }),
  versionPrefix: QUESTIONNAIRE_VERSION,
  head: (id: string) => ({ pk: `QUESTIONNAIRE#${id}`, sk: 'HEAD' }),
} as const;

/** The answer index (docs/analytics.md): sharded partitions per cycle and instrument. */
export const answerIndexKeys = {
  partition: (cycleId: string, instrument: Instrument, shard: number) =>
    `ANSWERS#${cycleId}#${instrument}#${shard}`,
  sortKey: (iso3: Iso3, version: number, questionId: string) => `${iso3}#${seq(version)}#${questionId}`,
} as const;

// ---------- people, notifications, audit, idempotency ----------

export const personKeys = {
  /** A signed-in user's profile (role, State, name), by token subject. */
  profile: (sub: string) => ({ pk: `PERSON#${sub}`, sk: 'PROFILE' }),
  /** gsi1: recorded people by State (`~` for none), for the contact picker. */
  recorded: 'PEOPLE#RECORDED',
  recordedSort: (state: string | null, sub: string) => `${state ?? '~'}#${sub}`,
  /** Begins the gsi1 sort keys of one State's recorded people. */
  statePrefix: (state: string) => `${state}#`,
} as const;

export const directoryKeys = {
  person: (personId: string) => ({ pk: `DIR#PERSON#${personId}`, sk: META }),
  email: (email: string) => ({ pk: `DIR#EMAIL#${email}`, sk: META }),
  nomination: (id: string) => ({ pk: `DIR#NOMINATION#${id}`, sk: META }),
  invitation: (id: string) => ({ pk: `DIR#INVITE#${id}`, sk: META }),
  /** gsi1 partitions and sort keys of the directory lists. */
  people: 'DIR#PEOPLE',
  personSort: (p: { state?: string | null; personId: string }) => `${p.state ?? '~'}#${p.personId}`,
  nominations: 'DIR#NOMINATIONS',
  nominationSort: (n: { state: string; recordedAt: string; nominationId: string }) =>
    `${n.state}#${n.recordedAt}#${n.nominationId}`,
  invitations: 'DIR#INVITATIONS',
  invitationSort: (i: { createdAt: string; invitationId: string }) => `${i.createdAt}#${i.invitationId}`,
  /** Begins the gsi1 sort keys of one State's people or nominations. */
  statePrefix: (state: string) => `${state}#`,
} as const;

const MESSAGE = 'MSG#';
export const notificationKeys = {
  /** The user's own settings (language), by directory person id or sign-in subject. */
  userSettings: (userKey: string) => ({ pk: `USER#${userKey}`, sk: 'PREFS#USER' }),
  preferences: (sub: string) => ({ pk: `USER#${sub}`, sk: 'NOTIFY#PREFS' }),
  read: (sub: string) => ({ pk: `USER#${sub}`, sk: 'NOTIFY#READ' }),
  outbox: (outboxId: string, recipient: string) => ({ pk: `OUTBOX#${outboxId}`, sk: `TO#${recipient}` }),
  outboxPartition: (outboxId: string) => `OUTBOX#${outboxId}`,
  /** gsi2: pending outbox items by due time (sparse). */
  pending: 'OUTBOX#PENDING',
  pendingSort: (dueAt: string, outboxId: string, recipient: string) => `${dueAt}#${outboxId}#${recipient}`,
  mailbox: (recipient: string) => `MAILBOX#${recipient}`,
  message: (deliveredAt: string, messageId: string) => `${MESSAGE}${deliveredAt}#${messageId}`,
  messagePrefix: MESSAGE,
  /** Sorts after the sort key of every message delivered before `at` (and before those after it). */
  messagesBefore: (at: string) => `${MESSAGE}${at}`,
  /** Sorts after the sort key of every message delivered at or before `at`. */
  messagesAfter: (at: string) => `${MESSAGE}${at}#\uffff`,
} as const;

export const auditKeys = {
  partition: (scope: string) => `AUDIT#${scope}`,
  /** Time-ordered, and unique even for changes in the same millisecond. */
  sortKey: (at: string, unique: string) => `${at}#${unique}`,
} as const;

export const idempotencyKeys = {
  record: (scope: string) => ({ pk: `IDEMP#${scope}`, sk: 'IDEMP' }),
} as const;
