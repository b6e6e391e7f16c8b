/**
 * Keeping the answer index (shared/repos/answer-index.ts) in step with submitted versions:
 * written with the submission (its version item in the submission's transaction), and
 * backfilled for versions submitted before the index existed.
 */
import type { Answers } from '../domain/questionnaire/index.ts';
import type { IndexedSubmission } from '../domain/response-report/index.ts';
import type { Review } from '../domain/review.ts';
import type { VersionRecord } from '../domain/self-assessment/records.ts';
import { writeAnswerIndex } from '../repos/answer-index.ts';
import { listCycles } from '../repos/cycles.ts';
import { listAttachments, listVersions } from '../repos/self-assessments.ts';
import { liveCycleReviews } from './review-access.ts';

/** What the index records of one version of `review`'s self-assessment. */
export const indexedSubmissionOf = async (
  review: Review,
  v: VersionRecord,
  answers: Answers,
): Promise<IndexedSubmission> => {
  const attachmentNames =
    v.attachmentIds.length === 0
      ? {}
      : Object.fromEntries(
          (await listAttachments(review.reviewId, v.instrument))
            .filter((a) => v.attachmentIds.includes(a.attachmentId))
            .map((a) => [a.attachmentId, a.name]),
        );
  const due = review.deadlines.find((d) => d.kind === 'self-assessment')?.due;
  return {
    iso3: review.reviewedState,
    cycleId: review.cycleId,
    reviewId: review.reviewId,
    version: v.n,
    submittedAt: v.submittedAt,
    questionnaireId: v.questionnaireId,
    questionnaireVersion: v.questionnaireVersion,
    ...(due ? { due } : {}),
    answers,
    attachmentNames,
  };
};

/** Indexes one submitted version of `review`'s self-assessment (the backfill). Idempotent. */
const indexSubmittedVersion = async (review: Review, v: VersionRecord, answers: Answers): Promise<void> =>
  writeAnswerIndex(await indexedSubmissionOf(review, v, answers), v.instrument);

export interface BackfillProgress {
  versions: number;
  reviews: number;
}

/**
 * Indexes every submitted version of every review (all cycles, or one), reading each frozen
 * document once. Safe to run again: it rewrites the same items.
 */
export const backfillAnswerIndex = async (
  loadAnswers: (v: VersionRecord) => Promise<Answers>,
  opts: { cycleId?: string; onProgress?: (p: BackfillProgress) => void } = {},
): Promise<BackfillProgress> => {
  const cycles = opts.cycleId ? [opts.cycleId] : (await listCycles()).map((c) => c.cycleId);
  const progress: BackfillProgress = { versions: 0, reviews: 0 };
  for (const cycleId of cycles) {
    for (const review of await liveCycleReviews(cycleId)) {
      for (const instrument of review.instruments) {
        for (const v of await listVersions(review.reviewId, instrument)) {
          if (v.status !== 'submitted') continue;
          await indexSubmittedVersion(review, v, await loadAnswers(v));
          progress.versions++;
        }
      }
      progress.reviews++;
      opts.onProgress?.(progress);
    }
  }
  return progress;
};
