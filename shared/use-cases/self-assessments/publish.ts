/**
 * Publishing a reserved version: the frozen document written to S3 at its reserved key, then one
 * transaction that marks the version submitted, freezes its attachments, moves the review (its
 * deadlines with it) and appends the audit entry.
 */
import type { Principal } from '../../auth/principal.ts';
import { BUCKET_LAYOUT } from '../../data-model.ts';
import { ConflictError } from '../../domain/errors.ts';
import {
  type Answers,
  exportSubmission,
  type QuestionnaireDefinition,
  type SubmissionMeta,
} from '../../domain/questionnaire/index.ts';
import { nextVersion, type Review } from '../../domain/review.ts';
import type { VersionRecord } from '../../domain/self-assessment/records.ts';
import { checkTransition, DEADLINE_PRESETS, feedbackDeadline, markMet } from '../../domain/workflow.ts';
import { stateByIso3 } from '../../reference-data.ts';
import { answerIndexParts } from '../../repos/answer-index.ts';
import type { IdempotencyItem } from '../../repos/idempotency.ts';
import { getReview, saveReview } from '../../repos/reviews.ts';
import {
  attachmentSubmitUpdate,
  deleteObject,
  findVersion,
  headObject,
  putObject,
  readObject,
  sha256Hex,
  versionSubmitUpdate,
} from '../../repos/self-assessments.ts';
import { indexedSubmissionOf } from '../answer-index.ts';

/**
 * The frozen document: the JSON export format (importable as it is), built only from the
 * reservation and the answers, so a retry rebuilds exactly the same bytes.
 */
const documentBytes = (
  review: Review,
  def: QuestionnaireDefinition,
  answers: Answers,
  v: VersionRecord,
): Uint8Array => {
  const meta: SubmissionMeta = {
    stateName: stateByIso3(review.reviewedState)?.name ?? review.reviewedState,
    version: v.n,
    submittedAt: v.submittedAt,
    submittedBy: v.submittedByName,
  };
  return Buffer.from(`${JSON.stringify(exportSubmission(def, answers, meta), null, 2)}\n`, 'utf8');
};

/** The key reserved for a version's document. */
export const versionKey = (review: Review, v: Pick<VersionRecord, 'instrument' | 'n'>): string =>
  BUCKET_LAYOUT.selfAssessmentVersion(review.cycleId, review.reviewedState, v.instrument, v.n);

/**
 * Finishes a pending reservation: writes the document at its reserved key (never over different
 * bytes), then one transaction flips the record to submitted, freezes the attachments, moves the
 * review and appends the audit entry. Safe to run again after a crash at any point.
 */
export const publish = async (
  principal: Principal,
  first: Review,
  def: QuestionnaireDefinition,
  answers: Answers,
  v: VersionRecord,
  now: Date,
  /**
   * True when this request has just reserved `v`: no earlier attempt of it can have written the
   * document, so it is put without looking first. (A concurrent retry of the same reservation
   * writes the same bytes: they are a function of the reservation, whose number is never reused.)
   */
  reservedNow: boolean,
  /** The idempotency record to write in the commit transaction, given the submitted version. */
  keyItem?: (submitted: VersionRecord) => IdempotencyItem,
): Promise<VersionRecord> => {
  const objectKey = versionKey(first, v);
  const bytes = documentBytes(first, def, answers, v);
  const sha256 = sha256Hex(bytes);
  const storeDocument = async (): Promise<void> => {
    if (!reservedNow && (await headObject(objectKey))) {
      // An earlier attempt of this same reservation wrote it; it must hold the same bytes.
      if (sha256Hex(await readObject(objectKey)) !== sha256) {
        throw new Error(`${objectKey} exists with different content; refusing to overwrite`);
      }
    } else {
      await putObject(objectKey, bytes, 'application/json');
    }
  };
  const published = { objectKey, sha256, size: bytes.byteLength };
  const submitted: VersionRecord = { ...v, status: 'submitted', ...published };
  // The answer index: its items before the commit point (unseen without their version item),
  // the version item in the same transaction as the submission (a version has more answers
  // than a transaction takes items), so a failure anywhere leaves no indexed partial version.
  // Being unseen until then, they are written while the document goes to S3.
  const index = answerIndexParts(await indexedSubmissionOf(first, v, answers), v.instrument);
  await Promise.all([storeDocument(), index.writeAnswers()]);

  let review = first;
  for (let attempt = 0; attempt < 4; attempt++) {
    if (attempt > 0) review = await getReview(first.reviewId);
    const to = checkTransition(review.state, 'submit-self-assessment');
    if (!to.ok) throw new ConflictError(to.reason, { current: { state: review.state } });
    const at = v.submittedAt;
    const hasFeedback = review.deadlines.some((d) => d.kind === 'feedback');
    const deadlines = markMet(review.deadlines, 'self-assessment', at);
    try {
      await saveReview(
        nextVersion(review, now, {
          state: to.to,
          deadlines: hasFeedback
            ? deadlines
            : [...deadlines, feedbackDeadline(at, DEADLINE_PRESETS[review.mechanism])],
        }),
        {
          principal,
          now,
          action: 'self-assessment.submit',
          details: { instrument: v.instrument, version: v.n, sha256, objectKey, late: v.late ?? null },
        },
        [
          versionSubmitUpdate(v, published),
          ...v.attachmentIds.map((id) => attachmentSubmitUpdate(v.reviewId, v.instrument, id, v.n)),
          index.versionPut,
          ...(keyItem ? [keyItem(submitted)] : []),
        ],
      );
      return submitted;
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      const current = await findVersion(v.reviewId, v.instrument, v.n);
      // Another attempt of the same submission finished it first: the same result.
      if (current?.status === 'submitted' && current.contentDigest === v.contentDigest) return current;
      if (current?.status !== 'pending') {
        // Abandoned while this request was slow: the document it wrote is referenced by nothing.
        await deleteObject(objectKey);
        throw new ConflictError(`version ${v.n} was abandoned meanwhile; submit again`, {
          current: { version: v.n, status: current?.status ?? null },
        });
      }
      // Else the review changed meanwhile (or an attachment is no longer confirmed): reload and retry.
    }
  }
  throw new ConflictError('the review keeps changing; retry the submission with the same Idempotency-Key');
};
