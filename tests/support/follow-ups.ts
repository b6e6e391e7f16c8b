/**
 * Test fixture: a State's review in an earlier cycle with an agreed list of observations, made
 * through the API (reviewers draft, the reviewed focal point agrees, the secretariat confirms),
 * so that its next review has follow-up items.
 */
import type { Review } from '#shared/domain/review.ts';
import type { ApiResponse } from './local-aws.ts';
import { seedReview } from './reviews.ts';

type Call = (
  sub: string | null,
  method: string,
  path: string,
  opts?: { body?: unknown; headers?: Record<string, string> },
) => Promise<ApiResponse>;

export interface DraftObservation {
  article: string;
  kind: string;
  text: string;
}

/** Drafts, agrees and confirms `observations` on a review seeded in `dialogue`; returns their ids. */
export const agreeObservations = async (
  call: Call,
  review: Review,
  observations: readonly DraftObservation[],
): Promise<string[]> => {
  const base = `/reviews/${review.reviewId}`;
  const ids: string[] = [];
  for (const o of observations) {
    const created = await call('tur-expert', 'POST', `${base}/observations`, { body: o });
    if (created.status !== 201) throw new Error(`observation not created: ${created.status} ${created.text}`);
    const agreed = await call('civ-focal', 'POST', `${base}/observations/${created.json.id}/responses`, {
      body: { action: 'agree' },
      headers: { 'if-match': String(created.json.version) },
    });
    if (agreed.status !== 200) throw new Error(`observation not agreed: ${agreed.status} ${agreed.text}`);
    ids.push(created.json.id);
  }
  const confirmed = await call('secretariat-1', 'POST', `${base}/observations/confirmations`, {
    body: { offPlatformNote: 'Agreed at the country visit, minutes on file.' },
  });
  if (confirmed.status !== 200) throw new Error(`list not confirmed: ${confirmed.status} ${confirmed.text}`);
  return ids;
};

/** Drafts, agrees (CIV's focal point) and publishes (secretariat) the combined summary of a review. */
export const publishSummary = async (call: Call, reviewId: string): Promise<void> => {
  const base = `/reviews/${reviewId}/summaries/combined`;
  const draft = await call('tur-expert', 'POST', base);
  const agreed = await call('civ-focal', 'POST', `${base}/agreement`, {
    body: { documentVersion: draft.json.documentVersion },
  });
  const published = await call('secretariat-1', 'POST', `${base}/publication`, {
    body: { documentVersion: agreed.json.documentVersion },
  });
  if (published.status !== 200) throw new Error(`not published: ${published.status} ${published.text}`);
};

/** CIV's review in an earlier cycle (2025), in dialogue, reviewed by GHA and TUR. */
export const seedEarlierReview = (cycleId = 'C2025'): Promise<Review> =>
  seedReview({
    cycleId,
    state: 'dialogue',
    createdAt: '2025-01-15T09:00:00.000Z',
    updatedAt: '2025-01-15T09:00:00.000Z',
  });
