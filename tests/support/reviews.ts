/**
 * Test fixture: a confirmed review written straight to the table (as the draw confirmation
 * would), with a cycle whose confirmed draws include the review's, so area tests do not depend
 * on running a draw first.
 */

import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '#shared/auth/principal.ts';
import { dynamo } from '#shared/aws/clients.ts';
import { POLICY_PRESETS } from '#shared/domain/draw/policy.ts';
import { reviewIdOf } from '#shared/domain/ids.ts';
import { questionnaireForInstrument } from '#shared/domain/questionnaire/index.ts';
import type { Review } from '#shared/domain/review.ts';
import type { VersionRecord } from '#shared/domain/self-assessment/records.ts';
import type { Instrument } from '#shared/domain/types.ts';
import { DEADLINE_PRESETS, initialDeadlines, type ReviewState } from '#shared/domain/workflow.ts';
import { isConditionFailure, tableName, writeAll } from '#shared/repos/dynamo.ts';
import { SA_KEYS } from '#shared/repos/keys.ts';
import { reviewCreatePut } from '#shared/repos/reviews.ts';

/** The review's cycle (created once), with the review's draw among its confirmed draws. */
const seedCycleOf = async (r: Review): Promise<void> => {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `CYCLE#${r.cycleId}`, sk: 'META' },
        UpdateExpression:
          'SET cycleId = :c, #name = :c, mechanism = :m, #year = :y, instruments = :i, underReview = if_not_exists(underReview, :none), ' +
          'exclusions = :none, policy = :p, deadlines = :dl, commitment = :z, revealed = :t, confirmedDrawId = :d, ' +
          'confirmedDraws = list_append(if_not_exists(confirmedDraws, :none), :ds), version = :one, createdAt = :at, createdBy = :by, ' +
          // Listed like a cycle the API creates (repos/cycles.ts toItem), so cycle listings see it.
          'gsi1pk = :g, gsi1sk = :gs',
        ConditionExpression: 'attribute_not_exists(confirmedDraws) OR NOT contains(confirmedDraws, :d)',
        ExpressionAttributeNames: { '#name': 'name', '#year': 'year' },
        ExpressionAttributeValues: {
          ':c': r.cycleId,
          ':m': r.mechanism,
          ':y': 2026,
          ':i': r.instruments,
          ':none': [],
          ':p': POLICY_PRESETS[r.mechanism],
          ':dl': DEADLINE_PRESETS[r.mechanism],
          ':z': '0'.repeat(64),
          ':t': true,
          ':d': r.drawId,
          ':ds': [r.drawId],
          ':one': 1,
          ':at': r.createdAt,
          ':by': 'seed',
          ':g': 'CYCLES',
          ':gs': `${r.createdAt}#${r.cycleId}`,
        },
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
};

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
  await seedCycleOf(review);
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
  questionnaireVersion = 1,
): Promise<void> => {
  const record: VersionRecord = {
    reviewId,
    instrument,
    n,
    status: 'submitted',
    contentDigest: 'd'.repeat(64),
    questionnaireId: questionnaireForInstrument(instrument).id,
    questionnaireVersion,
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

export { completeAnswers } from './answers.ts';
