/**
 * The agreed follow-ups of a review, in the shapes the summary, the gap report and the response
 * report take: only agreed statuses leave the dialogue.
 */

import type { Cycle } from '../../domain/cycle.ts';
import type { FollowUp } from '../../domain/follow-up/model.ts';
import type { FollowUpPolicy } from '../../domain/follow-up/policy.ts';
import type { Review } from '../../domain/review.ts';
import type { SummaryFollowUp } from '../../domain/summary/input.ts';
import { listCycles } from '../../repos/cycles.ts';
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
