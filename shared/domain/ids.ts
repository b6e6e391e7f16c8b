/**
 * Every id format, declared once: the route schemas, the domain schemas that reference an id and
 * the storage keys (shared/repos/keys.ts, shared/data-model.ts) all take their pattern from here,
 * so nothing can refer to an id that no real thing can have.
 */
import * as z from 'zod';

/**
 * A segment safe in a DynamoDB or S3 key: the ids we mint (UUIDs, cycle ids), ISO3 codes,
 * instruments, digests. Never user free text.
 */
export const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/;

/** `{mechanism}-{year}-{random}`, minted when a cycle is created; never a dot (review ids use one). */
export const CycleIdSchema = z.string().regex(SAFE_SEGMENT, 'must be a cycle id');

/** Draw ids are ours (UUIDs). */
export const DrawIdSchema = z.string().regex(SAFE_SEGMENT, 'must be a draw id');

/** Attachment ids are ours (UUIDs), safe as an S3 key segment. */
export const AttachmentIdSchema = z.string().regex(SAFE_SEGMENT, 'must be an attachment id');

/** Review ids are `{cycleId}.{ISO3}` (`reviewIdOf`); nothing else reaches a key. */
export const ReviewIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be a review id like C2026.CIV');

export const reviewIdOf = (cycleId: string, iso3: string): string => `${cycleId}.${iso3}`;

/** The cycle a review id belongs to (cycle ids have no dot, so it is all before the last one). */
export const cycleIdOfReview = (reviewId: string): string =>
  reviewId.slice(0, Math.max(0, reviewId.lastIndexOf('.')));

/** Comment, response and observation ids we generate (time-ordered, so item order is creation order). */
export const DialogueIdSchema = z.string().regex(/^[a-z0-9]{8,40}$/, 'not a dialogue id');

/** A person: a directory id (UUID) or a sign-in subject. */
export const PersonIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/, 'letters, digits, . _ @ - only');

/** Ids of a summary's observations become HTML anchors and PDF destinations: a safe alphabet. */
export const SummaryObservationIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'letters, digits and . _ : - only (max 128)');
