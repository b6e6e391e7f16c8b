/**
 * Integrity of the draw under races (issue 13): who takes part in a review always follows the
 * confirmed draw. Real handlers on the embedded DynamoDB and S3; requests fired in parallel.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { seedLocal } from '../../scripts/local/seed.ts';
import { type ApiResponse, apiClient, useLocalPlatform } from '../support/local-aws.ts';

const platform = await useLocalPlatform(seedLocal);
afterAll(() => platform.stop());
const call = apiClient(platform);
const secretariat = (method: string, path: string, body?: unknown) =>
  call('secretariat-1', method, path, { body });

interface DrawRecord {
  drawId: string;
  assignments: { reviewed: string; instrument: string; reviewers: { iso3: string }[] }[];
}
interface ReviewRow {
  reviewId: string;
  reviewedState: string;
  drawId: string;
  seats: { reviewer: string; instruments: string[] }[];
}

const UNDER_REVIEW = [
  'CIV',
  'GHA',
  'TUR',
  'BRA',
  'FRA',
  'JPN',
  'POL',
  'KEN',
  'MEX',
  'IND',
  'SEN',
  'DEU',
  'ARG',
  'EGY',
  'CAN',
  'ITA',
];

/** A cycle of 16 States with its first draw confirmed. */
const confirmedCycle = async (policy: Record<string, unknown> = {}) => {
  const created = await secretariat('POST', '/cycles', {
    name: 'Integrity',
    mechanism: 'untoc',
    year: 2026,
    instruments: ['UNTOC', 'TIP', 'SOM', 'FIREARMS'],
    underReview: UNDER_REVIEW,
    policy,
  });
  expect(created.status, created.text).toBe(201);
  const cycleId: string = created.json.cycleId;
  const proposed = await secretariat('POST', `/cycles/${cycleId}/draws`);
  expect(proposed.status, proposed.text).toBe(201);
  const confirmed = await secretariat(
    'POST',
    `/cycles/${cycleId}/draws/${proposed.json.drawId}/confirmation`,
  );
  expect(confirmed.status, confirmed.text).toBe(200);
  return cycleId;
};

/** reviewer → instruments, as a comparable string, for one reviewed State. */
const seatKey = (pairs: [string, string][]) =>
  pairs
    .map(([reviewer, instrument]) => `${reviewer}:${instrument}`)
    .sort()
    .join(' ');

/** The invariant: every review's seats are exactly the confirmed draw's assignment. */
const assertReviewsFollowTheConfirmedDraw = async (cycleId: string, label: string) => {
  const cycle = (await secretariat('GET', `/cycles/${cycleId}`)).json;
  const record = (await secretariat('GET', `/cycles/${cycleId}/draws/${cycle.confirmedDrawId}`))
    .json as DrawRecord;
  const reviews = (await secretariat('GET', `/cycles/${cycleId}/reviews`)).json.reviews as ReviewRow[];
  expect(reviews.map((r) => r.reviewedState).sort(), label).toEqual([...UNDER_REVIEW].sort());
  for (const r of reviews) {
    const drawn = seatKey(
      record.assignments
        .filter((a) => a.reviewed === r.reviewedState)
        .flatMap((a) => a.reviewers.map((x) => [x.iso3, a.instrument] as [string, string])),
    );
    const seated = seatKey(
      r.seats.flatMap((s) => s.instruments.map((i) => [s.reviewer, i] as [string, string])),
    );
    expect(seated, `${label}: seats of ${r.reviewId}`).toBe(drawn);
  }
  return { cycle, record, reviews };
};

const reviewerOf = (record: DrawRecord, reviewed: string) =>
  record.assignments.find((a) => a.reviewed === reviewed && a.instrument === 'UNTOC')?.reviewers[0]?.iso3 ??
  '';

describe('redraw confirmation is all or nothing', () => {
  it('under parallel redraw requests and confirmations, a 409 changes nothing and every review keeps the confirmed seats', async () => {
    const cycleId = await confirmedCycle({ redrawBudget: 8 });
    let conflicts = 0;
    for (let round = 0; round < 4; round++) {
      const { record } = await assertReviewsFollowTheConfirmedDraw(cycleId, `before round ${round}`);
      const target = UNDER_REVIEW[round] ?? '';
      const requested = await secretariat('POST', `/cycles/${cycleId}/redraws`, {
        reviewed: target,
        reviewerToReplace: reviewerOf(record, target),
      });
      expect(requested.status, requested.text).toBe(201);
      // Two confirmations of that redraw race three requests for other States (each request
      // moves the cycle's version, which is what made a confirmation fail halfway).
      const noise = UNDER_REVIEW.slice(4 + 3 * round, 7 + 3 * round);
      const replies: ApiResponse[] = await Promise.all([
        secretariat('POST', `/cycles/${cycleId}/draws/${requested.json.drawId}/confirmation`),
        ...noise.map((reviewed) =>
          secretariat('POST', `/cycles/${cycleId}/redraws`, {
            reviewed,
            reviewerToReplace: reviewerOf(record, reviewed),
          }),
        ),
        secretariat('POST', `/cycles/${cycleId}/draws/${requested.json.drawId}/confirmation`),
      ]);
      for (const r of replies) expect([200, 201, 409], r.text).toContain(r.status);
      conflicts += replies.filter((r) => r.status === 409).length;
      await assertReviewsFollowTheConfirmedDraw(cycleId, `after round ${round}`);
    }
    // The races were real: some of the parallel calls lost.
    expect(conflicts).toBeGreaterThan(0);
  });

  it('writes the redraw confirmation into the review’s own audit log', async () => {
    const cycleId = await confirmedCycle();
    const first = (await secretariat('GET', `/cycles/${cycleId}`)).json.confirmedDrawId as string;
    const record = (await secretariat('GET', `/cycles/${cycleId}/draws/${first}`)).json as DrawRecord;
    const replaced = reviewerOf(record, 'CIV');
    const requested = await call('civ-focal', 'POST', `/cycles/${cycleId}/redraws`, {
      body: { reviewed: 'CIV', reviewerToReplace: replaced },
    });
    expect(requested.status, requested.text).toBe(201);
    const confirmed = await secretariat(
      'POST',
      `/cycles/${cycleId}/draws/${requested.json.drawId}/confirmation`,
    );
    expect(confirmed.status, confirmed.text).toBe(200);
    const audit = await secretariat('GET', `/reviews/${cycleId}.CIV/audit`);
    expect(audit.status, audit.text).toBe(200);
    const entry = (
      audit.json.entries as { action: string; actor: string; details?: Record<string, unknown> }[]
    ).find((e) => e.action === 'redraw.confirm');
    expect(entry, JSON.stringify(audit.json.entries)).toBeDefined();
    expect(entry?.actor).toBe('secretariat-1');
    expect(entry?.details).toMatchObject({
      drawId: requested.json.drawId,
      previousDrawId: first,
      replaced,
    });
  });
});
