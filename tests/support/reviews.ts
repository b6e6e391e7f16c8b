/**
 * Test fixture: a confirmed review written straight to the table (as the draw confirmation
 * would), so area tests do not depend on running a draw first.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '#shared/auth/principal.ts';
import { dynamo } from '#shared/aws/clients.ts';
import type { Instrument } from '#shared/domain/types.ts';
import { DEADLINE_PRESETS, initialDeadlines, type ReviewState } from '#shared/domain/workflow.ts';
import { tableName, writeAll } from '#shared/repos/dynamo.ts';
import { type Review, reviewCreatePut, reviewIdOf } from '#shared/repos/reviews.ts';
import { SA_KEYS, type VersionRecord } from '#shared/repos/self-assessments.ts';
import { DEMO_USERS } from '../../scripts/local/demo-users.ts';

export const seedReview = async (overrides: Partial<Review> = {}): Promise<Review> => {
  const cycleId = overrides.cycleId ?? 'C2026';
  const reviewedState = overrides.reviewedState ?? 'CIV';
  const now = new Date('2026-01-15T09:00:00.000Z').toISOString();
  const review: Review = {
    reviewId: reviewIdOf(cycleId, reviewedState),
    cycleId,
    drawId: 'D1',
    mechanism: 'untoc',
    reviewedState,
    instruments: ['UNTOC', 'TIP'],
    seats: [
      { reviewer: 'GHA', instruments: ['UNTOC', 'TIP'], reason: 'same-group' },
      { reviewer: 'TUR', instruments: ['UNTOC', 'TIP'], reason: 'other-group' },
    ],
    reviewerStates: ['GHA', 'TUR'],
    state: 'contacts-named' satisfies ReviewState,
    deadlines: initialDeadlines(now, DEADLINE_PRESETS.untoc),
    acknowledgements: {},
    contacts: {},
    redrawsUsed: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  await writeAll([reviewCreatePut(review)], 'review exists');
  return review;
};

/** The principal a demo user's token carries. */
export const principalOf = (sub: string): Principal => {
  const u = DEMO_USERS.find((x) => x.sub === sub);
  if (!u) throw new Error(`no demo user ${sub}`);
  return { kind: 'user', sub: u.sub, role: u.role, state: u.state, name: u.name };
};

/** A submitted self-assessment version record (no document in S3): enough to anchor comments on. */
export const seedSubmittedVersion = async (
  reviewId: string,
  instrument: Instrument,
  n = 1,
): Promise<void> => {
  const record: VersionRecord = {
    reviewId,
    instrument,
    n,
    status: 'submitted',
    contentDigest: 'd'.repeat(64),
    questionnaireId: `untoc-${instrument.toLowerCase()}`,
    questionnaireVersion: 1,
    draftVersion: 1,
    submittedAt: '2026-02-01T09:00:00.000Z',
    submittedBy: 'civ-focal',
    submittedByName: 'Awa Koné',
    reservedAt: '2026-02-01T09:00:00.000Z',
    attachmentIds: [],
  };
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...SA_KEYS.version(reviewId, instrument, n), ...record },
    }),
  );
};
