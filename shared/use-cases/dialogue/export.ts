/**
 * The review export: everything the caller may read of a review (the review, the submitted
 * versions, comments with history and responses, observations, audit) as one JSON document with
 * the SHA-256 an archive keeper recomputes.
 */
import type { User } from '../../auth/principal.ts';
import type { AuditEntry } from '../../domain/audit.ts';
import { canonicalJson, sha256Hex } from '../../domain/draw/canonical.ts';
import { auditScope, listAudit } from '../../repos/audit.ts';
import { loadAllComments } from '../../repos/comments.ts';
import { getList, listEntries } from '../../repos/observations.ts';
import { listVersions } from '../../repos/self-assessments.ts';
import type { UseCaseContext } from '../context.ts';
import { loadReviewFor } from '../review-access.ts';
import { visibleTo } from './access.ts';

const allAudit = async (reviewId: string): Promise<AuditEntry[]> => {
  const out: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAudit(auditScope.review(reviewId), { limit: 500, cursor });
    out.push(...page.entries);
    cursor = page.cursor;
  } while (cursor);
  return out;
};

const EXPORT_FORMAT = 'cop-review/review-export';
const EXPORT_FORMAT_VERSION = 1;

/** The digest an archive keeper recomputes: SHA-256 of the canonical JSON of the document. */
const exportDigest = (document: unknown): string => sha256Hex(canonicalJson(document));

export const exportReview = async (actor: User, input: { reviewId: string }, { now }: UseCaseContext) => {
  const review = await loadReviewFor(actor, input.reviewId, 'review.export');
  const readable = visibleTo(actor, review);
  const full = readable.includes('reviewers');
  const [dialogue, entries, list, audit, versions] = await Promise.all([
    loadAllComments(review.reviewId),
    listEntries(review.reviewId),
    getList(review.reviewId),
    allAudit(review.reviewId),
    Promise.all(review.instruments.map((i) => listVersions(review.reviewId, i))),
  ]);
  const comments = dialogue.comments
    .filter((c) => readable.includes(c.visibility))
    .map((c) => ({
      ...c,
      history: dialogue.versions.filter(
        (v) => v.commentId === c.commentId && readable.includes(v.visibility),
      ),
      responses: dialogue.responses.filter((r) => r.commentId === c.commentId),
    }));
  const readableIds = new Set(comments.map((c) => c.commentId));
  const document = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    reviewId: review.reviewId,
    exportedAt: now.toISOString(),
    exportedBy: actor.sub,
    /** `full` for the secretariat; `reviewed-state` leaves out what only reviewers may see. */
    scope: full ? 'full' : 'reviewed-state',
    review,
    // The submitted versions (records with the S3 key and SHA-256 of each frozen document);
    // the documents themselves are archived in S3 and checked against these digests.
    selfAssessmentVersions: versions.flat().filter((v) => v.status === 'submitted'),
    comments,
    observations: { list, entries },
    // Entries about a comment follow the comment's current visibility too: a reply narrowed
    // with its thread leaves the reviewed State's export with its earlier entries.
    audit: audit.filter(
      (a) =>
        full ||
        (a.details?.visibility !== 'reviewers' &&
          (!a.object.startsWith('comment/') || readableIds.has(a.object.slice('comment/'.length)))),
    ),
  };
  return { document, sha256: exportDigest(document) };
};
