/**
 * Submitting a self-assessment: the draft's answers checked for submission, a version number
 * reserved, the frozen document published (./publish.ts). Safe to retry: unchanged answers give
 * the latest version again, and a retry finds its own reservation by the content digest.
 */
import type { User } from '../../auth/principal.ts';
import { ConflictError, ValidationError } from '../../domain/errors.ts';
import { type FieldIssue, validateAnswers } from '../../domain/questionnaire/index.ts';
import type { VersionRecord } from '../../domain/self-assessment/records.ts';
import type { SubmissionSummary } from '../../domain/self-assessment/views.ts';
import { checkTransition, latenessOf } from '../../domain/workflow.ts';
import {
  abandonVersion,
  conflictWith,
  deleteObject,
  findAttachment,
  listVersions,
  reserveVersion,
} from '../../repos/self-assessments.ts';
import type { RecordingContext } from '../context.ts';
import { deadlinePolicyOf, loadWithDraftFor, type SelfAssessmentRef } from './access.ts';
import { contentDigestOf, orderAnswers, referencedAttachments } from './answers.ts';
import { publish, versionKey } from './publish.ts';
import { summaryOf } from './versions.ts';

/** A pending submission older than this whose draft has changed since is abandoned (its request died). */
const STALE_PENDING_MS = 2 * 60_000;
/** TransactWriteItems takes 100 items; the version record, the review + audit and the answer-index version item use four. */
const MAX_ATTACHMENTS_PER_SUBMISSION = 90;

/** The submitted version, and whether this call created it (else the answers were unchanged since it). */
export interface Submitted {
  summary: SubmissionSummary;
  created: boolean;
}

/**
 * Submits the draft as a new immutable version.
 *
 * 1. The review is loaded for `submission.create` with the draft and its questionnaire; the
 *    review must be open to a submission and the draft, when `If-Match` names one, at that version.
 * 2. The answers must be complete and valid, and every attachment they reference confirmed (400
 *    listing each field otherwise); a late submission is refused when the cycle's policy says so.
 * 3. Unchanged answers since the latest version give that version again (200, nothing written).
 * 4. Else the next version number is reserved (a pending reservation of a dead request is
 *    abandoned), and `publish` writes the document and commits the version, the review's move and
 *    the audit entry (with `ctx.recordResult`, the Idempotency-Key) in one transaction.
 */
export const submitSelfAssessment = async (
  actor: User,
  input: SelfAssessmentRef & { expectedVersion?: number | undefined },
  { now, recordResult }: RecordingContext<Submitted>,
): Promise<Submitted> => {
  const { reviewId, instrument } = input;
  // The versions are queried beside the batch read (a Query cannot join it); they too are used
  // only once the caller may submit.
  const [allowedToSubmit, versionsRead] = await Promise.allSettled([
    loadWithDraftFor(actor, input, 'submission.create'),
    listVersions(reviewId, instrument),
  ]);
  if (allowedToSubmit.status === 'rejected') throw allowedToSubmit.reason;
  if (versionsRead.status === 'rejected') throw versionsRead.reason;
  const { review, cycle, draft, def } = allowedToSubmit.value;
  const allowed = checkTransition(review.state, 'submit-self-assessment');
  if (!allowed.ok) throw new ConflictError(allowed.reason, { current: { state: review.state } });

  const expected = input.expectedVersion;
  if (expected !== undefined && (draft?.version ?? 0) !== expected) {
    throw conflictWith(draft, instrument, expected);
  }
  const checked = validateAnswers(def, draft?.answers ?? {}, 'submit');
  const issues: FieldIssue[] = checked.ok ? [] : [...checked.issues];
  const answers = orderAnswers(def, checked.ok ? checked.value : {});
  const refs = checked.ok ? referencedAttachments(def, answers) : [];
  for (const ref of refs) {
    const a = await findAttachment(reviewId, instrument, ref.id);
    if (!a) issues.push({ path: ref.path, code: 'unknown_attachment', message: `no attachment ${ref.id}` });
    else if (a.status !== 'ready') {
      issues.push({
        path: ref.path,
        code: 'attachment_not_confirmed',
        message: `attachment ${ref.id} is not confirmed yet`,
      });
    }
  }
  if (refs.length > MAX_ATTACHMENTS_PER_SUBMISSION) {
    issues.push({
      path: 'answers',
      code: 'too_many_attachments',
      message: `at most ${MAX_ATTACHMENTS_PER_SUBMISSION} attachments per submission`,
    });
  }
  if (issues.length > 0) {
    const missing = issues.filter((i) => i.code === 'required').map((i) => i.path);
    throw new ValidationError(
      `the ${instrument} self-assessment cannot be submitted: ${issues.map((i) => i.path).join(', ')}`,
      { missing, issues },
    );
  }

  const contentDigest = contentDigestOf(def, answers);
  const late = latenessOf(review.deadlines, 'self-assessment', now.toISOString());
  if (late && deadlinePolicyOf(review, cycle).lateSubmissions === 'refuse') {
    throw new ConflictError(
      `the self-assessment was due on ${late.due.slice(0, 10)}; this cycle's policy refuses late submissions (ask the secretariat to extend the deadline)`,
      { rule: 'late-submissions', late },
    );
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const versions = attempt === 0 ? versionsRead.value : await listVersions(reviewId, instrument);
    const latest = versions.filter((v) => v.status === 'submitted').at(-1);
    // Unchanged since the latest version (or a retry after it was published): no duplicate.
    if (latest?.contentDigest === contentDigest) {
      return { summary: summaryOf(latest), created: false };
    }

    // A retry finds its own reservation by the content digest and finishes it.
    let mine = versions.find((v) => v.status === 'pending' && v.contentDigest === contentDigest);
    const reserved = !mine;
    if (!mine) {
      const staleBefore = new Date(now.getTime() - STALE_PENDING_MS);
      for (const other of versions.filter((v) => v.status === 'pending')) {
        if (Date.parse(other.reservedAt) >= staleBefore.getTime()) {
          throw new ConflictError(
            'another submission of this self-assessment is in progress; retry shortly',
            {
              current: { pendingVersion: other.n },
            },
          );
        }
        // Its document, if the dead request wrote one, is referenced by nothing: remove it.
        if (await abandonVersion(other, staleBefore)) await deleteObject(versionKey(review, other));
      }
      const reservation: VersionRecord = {
        reviewId,
        instrument,
        n: (versions.at(-1)?.n ?? 0) + 1,
        status: 'pending',
        contentDigest,
        questionnaireId: def.id,
        questionnaireVersion: def.version,
        draftVersion: draft?.version ?? 1,
        submittedAt: now.toISOString(),
        submittedBy: actor.sub,
        submittedByName: actor.name,
        reservedAt: now.toISOString(),
        attachmentIds: refs.map((r) => r.id),
        late,
      };
      if (!(await reserveVersion(reservation))) continue; // someone took the number: look again
      mine = reservation;
    }
    const resultFor = (v: VersionRecord): Submitted => ({ summary: summaryOf(v), created: true });
    // The Idempotency-Key is taken in the submission's own transaction (route: idempotent
    // 'in-transaction'), with the answer it will give.
    const published = await publish(
      actor,
      review,
      def,
      answers,
      mine,
      now,
      reserved,
      recordResult ? (v) => recordResult(resultFor(v)) : undefined,
    );
    return resultFor(published);
  }
  throw new ConflictError('concurrent submissions kept taking the next version number; retry');
};
