/**
 * The agreed follow-ups of a review, in the shapes the summary, the gap report and the response
 * report take: only agreed statuses leave the dialogue.
 */

import type { Cycle } from '../../domain/cycle.ts';
import type { FollowUp } from '../../domain/follow-up/model.ts';
import type { FollowUpPolicy } from '../../domain/follow-up/policy.ts';
import type { ReportFollowUp } from '../../domain/response-report/follow-ups.ts';
import { type Review, ReviewSchema } from '../../domain/review.ts';
import type { SummaryFollowUp } from '../../domain/summary/input.ts';
import { listCycles } from '../../repos/cycles.ts';
import { getMany } from '../../repos/dynamo.ts';
import { reviewKeys } from '../../repos/keys.ts';
import { followUpsOf, policyOf } from './load.ts';

const toSummaryFollowUps = (items: readonly FollowUp[], policy: FollowUpPolicy): SummaryFollowUp[] =>
  items.flatMap((f) => {
    if (!f.agreed) return [];
    const status = f.agreed.status;
    const labels = policy.scale.find((s) => s.id === status)?.labels ?? { en: status };
    return [
      {
        id: f.followUpId,
        article: f.observation.article,
        kind: f.observation.kind,
        text: f.observation.text,
        ...(f.observation.cluster ? { cluster: f.observation.cluster } : {}),
        fromCycleId: f.root.cycleId,
        status,
        statusLabels: labels,
        ...(f.report?.explanation ? { explanation: f.report.explanation } : {}),
      },
    ];
  });

/** The agreed follow-ups of a review for its summary. */
export const agreedFollowUps = async (review: Review, cycles?: Cycle[]): Promise<SummaryFollowUp[]> => {
  const all = cycles ?? (await listCycles());
  const items = await followUpsOf(review, all);
  return toSummaryFollowUps(
    items,
    policyOf(
      all.find((c) => c.cycleId === review.cycleId),
      review,
    ),
  );
};

/** BatchGetItem takes at most 100 keys. */
const BATCH = 100;

/**
 * The agreed follow-ups of the given reviews, for the response report: each with its State, its
 * status and when it was agreed, and the statuses of the reviews' scales (English words).
 */
export const agreedForReport = async (
  reviewIds: readonly string[],
): Promise<{ followUps: ReportFollowUp[]; statuses: { id: string; label: string }[] }> => {
  const keys = reviewIds.map(reviewKeys.meta);
  const items: (Record<string, unknown> | undefined)[] = [];
  for (let i = 0; i < keys.length; i += BATCH) items.push(...(await getMany(keys.slice(i, i + BATCH))));
  const reviews = items.flatMap((item) => (item ? [ReviewSchema.parse(item)] : []));
  if (reviews.length === 0) return { followUps: [], statuses: [] };
  const cycles = await listCycles();
  const statuses = new Map<string, string>();
  const perReview = await Promise.all(
    reviews.map(async (review) => {
      const policy = policyOf(
        cycles.find((c) => c.cycleId === review.cycleId),
        review,
      );
      for (const s of policy.scale) if (!statuses.has(s.id)) statuses.set(s.id, s.labels.en ?? s.id);
      return (await followUpsOf(review, cycles)).flatMap((f): ReportFollowUp[] =>
        f.agreed
          ? [
              {
                iso3: review.reviewedState,
                article: f.observation.article,
                kind: f.observation.kind,
                text: f.observation.text,
                status: f.agreed.status,
                agreedAt: f.agreed.at,
              },
            ]
          : [],
      );
    }),
  );
  return { followUps: perReview.flat(), statuses: [...statuses].map(([id, label]) => ({ id, label })) };
};
