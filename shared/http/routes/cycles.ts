import * as z from 'zod';
import { CYCLE_ACTIONS, CycleSchema, DiscardedDrawSchema } from '../../domain/cycle.ts';
import { DrawRecordSchema, ExclusionSchema } from '../../domain/draw/model.ts';
import { PolicySchema } from '../../domain/draw/policy.ts';
import { CycleIdSchema, DrawIdSchema } from '../../domain/ids.ts';
import { PublicStatusPolicySchema } from '../../domain/public/review-status.ts';
import { RegistryFingerprintSchema, UnverifiedFactSchema } from '../../domain/registry/diff.ts';
import { ReviewSchema } from '../../domain/review.ts';
import { InstrumentSchema, Iso3Schema, MechanismSchema, RegionalGroupSchema } from '../../domain/types.ts';
import { DeadlinePolicySchema } from '../../domain/workflow.ts';
import { defineRoute } from '../route.ts';

const CycleParamsSchema = z.object({ cycleId: CycleIdSchema });
const DrawParamsSchema = z.object({ cycleId: CycleIdSchema, drawId: DrawIdSchema });

/** The public face of a cycle: everything but the secret, which only the draw reveals. */
export const CycleViewSchema = CycleSchema.extend({
  secret: z.string().optional(),
  /** On one cycle read: what the caller may do to it now. */
  actions: z.array(z.enum(CYCLE_ACTIONS)).optional(),
});

const CycleFieldsSchema = z
  .object({
    name: z.string().min(1).max(200),
    mechanism: MechanismSchema,
    year: z.number().int().min(2000).max(2100),
    instruments: z.array(InstrumentSchema).min(1),
    /** `all`: every registered State party to at least one of the instruments. */
    underReview: z.union([z.literal('all'), z.array(Iso3Schema).min(1)]),
    exclusions: z.array(ExclusionSchema).default([]),
    /** Overrides of the preset's policy settings (unconfirmed rules are settings). */
    policy: PolicySchema.partial().omit({ mechanism: true }).strict().default({}),
    deadlines: DeadlinePolicySchema.partial().strict().default({}),
  })
  .strict();
const CreateCycleSchema = CycleFieldsSchema;

/** An edit names only what changes; the mechanism stays (it fixed the presets). */
const UpdateCycleSchema = CycleFieldsSchema.omit({ mechanism: true })
  .extend({
    exclusions: z.array(ExclusionSchema),
    policy: PolicySchema.partial().omit({ mechanism: true }).strict(),
    deadlines: DeadlinePolicySchema.partial().strict(),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'name at least one field to change');

const ReasonSchema = z.object({ reason: z.string().trim().min(1, 'give the reason').max(2000) }).strict();

const DrawHistorySchema = z.object({
  draws: z.array(
    z.object({
      drawId: z.string(),
      recordDigest: z.string(),
      status: z.enum(['proposed', 'confirmed', 'discarded', 'superseded']),
      discarded: DiscardedDrawSchema.omit({ drawId: true, recordDigest: true }).optional(),
    }),
  ),
});

export const DryRunSchema = z.object({
  statesUnderReview: z.number().int(),
  seatsToFill: z.number().int(),
  rows: z.array(
    z.object({
      group: z.string(),
      instrument: InstrumentSchema,
      seatKind: z.string(),
      demand: z.number().int(),
      eligibleReviewers: z.number().int(),
      capacity: z.number().int(),
      ok: z.boolean(),
    }),
  ),
  conflicts: z.array(
    z.object({
      reviewer: z.string(),
      reviewed: z.string(),
      reason: z.string().optional(),
      affectsThisDraw: z.boolean(),
    }),
  ),
  excluded: z.array(z.object({ iso3: z.string(), reason: z.string() })),
  problems: z.array(z.string()),
  feasibleByCounts: z.boolean(),
  /** The registry the dry run read (as the draw record will carry it). */
  registry: RegistryFingerprintSchema.optional(),
  /** Facts with no source the draw depends on (participation in the cycle's instruments, groups). */
  unverified: z.array(UnverifiedFactSchema).optional(),
});

const AssignmentRowSchema = z.object({
  reviewed: Iso3Schema,
  reviewedName: z.string(),
  group: RegionalGroupSchema.nullable(),
  instrument: InstrumentSchema,
  reviewers: z.array(z.object({ iso3: Iso3Schema, name: z.string(), reason: z.string() })),
});

export const cycleRoutes = [
  defineRoute({
    operationId: 'createCycle',
    method: 'POST',
    path: '/cycles',
    fn: 'cycles',
    auth: 'user',
    summary: 'Create a review cycle from a mechanism preset and publish its seed commitment (secretariat)',
    tags: ['cycles'],
    body: CreateCycleSchema,
    response: CycleViewSchema,
    status: 201,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'listCycles',
    method: 'GET',
    path: '/cycles',
    fn: 'cycles',
    auth: 'user',
    summary: 'Review cycles, newest first',
    tags: ['cycles'],
    response: z.object({ cycles: z.array(CycleViewSchema) }),
  }),
  defineRoute({
    operationId: 'getCycle',
    method: 'GET',
    path: '/cycles/{cycleId}',
    fn: 'cycles',
    auth: 'user',
    summary: 'One cycle with its seed commitment (and the revealed secret once drawn)',
    tags: ['cycles'],
    params: CycleParamsSchema,
    response: CycleViewSchema,
  }),
  defineRoute({
    operationId: 'updateCycle',
    method: 'PATCH',
    path: '/cycles/{cycleId}',
    fn: 'cycles',
    auth: 'user',
    summary:
      'Edit a cycle before its draw is confirmed (secretariat; If-Match). States, instruments, exclusions and policy only while no draw is proposed (409)',
    tags: ['cycles'],
    params: CycleParamsSchema,
    version: 'required',
    body: UpdateCycleSchema,
    response: CycleViewSchema,
  }),
  defineRoute({
    operationId: 'withdrawCycle',
    method: 'POST',
    path: '/cycles/{cycleId}/withdrawal',
    fn: 'cycles',
    auth: 'user',
    summary:
      'Withdraw (delete) a cycle before its draw is confirmed, with a reason: kept and listed for the secretariat, a proposed draw discarded with it (secretariat)',
    tags: ['cycles'],
    params: CycleParamsSchema,
    body: ReasonSchema,
    response: CycleViewSchema,
  }),
  defineRoute({
    operationId: 'listDraws',
    method: 'GET',
    path: '/cycles/{cycleId}/draws',
    fn: 'cycles',
    auth: 'user',
    summary:
      'The draw history of a cycle: every draw stored, proposed, confirmed, discarded (who, when, why) or superseded',
    tags: ['cycles'],
    params: CycleParamsSchema,
    response: DrawHistorySchema,
  }),
  defineRoute({
    operationId: 'discardDraw',
    method: 'POST',
    path: '/cycles/{cycleId}/draws/{drawId}/discard',
    fn: 'cycles',
    auth: 'user',
    summary:
      'Discard the proposed draw before confirmation, with a reason; its record stays in the draw history (secretariat)',
    tags: ['cycles'],
    params: DrawParamsSchema,
    body: ReasonSchema,
    response: CycleViewSchema,
  }),
  defineRoute({
    operationId: 'setPublicStatusPolicy',
    method: 'PUT',
    path: '/cycles/{cycleId}/public-status-policy',
    fn: 'cycles',
    auth: 'user',
    summary:
      'Which public status (not started, in progress, completed, summary published) each workflow stage of the cycle shows on the public review-status page; null restores the default (secretariat, If-Match)',
    tags: ['cycles'],
    params: CycleParamsSchema,
    version: 'required',
    body: z.strictObject({ publicStatus: PublicStatusPolicySchema.nullable() }),
    response: CycleViewSchema,
  }),
  defineRoute({
    operationId: 'dryRunDraw',
    method: 'POST',
    path: '/cycles/{cycleId}/dry-run',
    fn: 'cycles',
    auth: 'user',
    summary: 'Check before drawing: eligible reviewers against demand per group and instrument, conflicts',
    tags: ['cycles'],
    params: CycleParamsSchema,
    response: DryRunSchema,
  }),
  defineRoute({
    operationId: 'proposeDraw',
    method: 'POST',
    path: '/cycles/{cycleId}/draws',
    fn: 'cycles',
    auth: 'user',
    summary:
      'Reveal the seed and propose the draw of lots (secretariat); 422 explains an infeasible instance',
    tags: ['cycles'],
    params: CycleParamsSchema,
    response: DrawRecordSchema,
    status: 201,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'getDraw',
    method: 'GET',
    path: '/cycles/{cycleId}/draws/{drawId}',
    fn: 'cycles',
    auth: 'user',
    summary: 'A draw record: policy, inputs and digest, seed and reveal, algorithm version, result',
    tags: ['cycles'],
    params: DrawParamsSchema,
    response: DrawRecordSchema,
  }),
  defineRoute({
    operationId: 'verifyDraw',
    method: 'GET',
    path: '/cycles/{cycleId}/draws/{drawId}/verification',
    fn: 'cycles',
    auth: 'user',
    summary: 'Recompute the draw from its record alone and compare',
    tags: ['cycles'],
    params: DrawParamsSchema,
    response: z.object({
      ok: z.boolean(),
      firstDifference: z.string().optional(),
      /** The draw was discarded before confirmation: by whom, when and why. */
      discarded: DiscardedDrawSchema.optional(),
    }),
  }),
  defineRoute({
    operationId: 'confirmDraw',
    method: 'POST',
    path: '/cycles/{cycleId}/draws/{drawId}/confirmation',
    fn: 'cycles',
    auth: 'user',
    summary: 'Confirm a proposed draw or redraw, all or nothing; starts the reviews (secretariat)',
    tags: ['cycles'],
    params: DrawParamsSchema,
    response: DrawRecordSchema,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'requestRedraw',
    method: 'POST',
    path: '/cycles/{cycleId}/redraws',
    fn: 'cycles',
    auth: 'user',
    summary:
      'Propose a redraw of one reviewer of one reviewed State, within its budget (its focal point or the secretariat)',
    tags: ['cycles'],
    params: CycleParamsSchema,
    body: z
      .object({
        reviewed: Iso3Schema,
        reviewerToReplace: Iso3Schema,
        instrument: InstrumentSchema.optional(),
      })
      .strict(),
    response: DrawRecordSchema,
    status: 201,
    idempotent: true,
  }),
  defineRoute({
    operationId: 'getAssignments',
    method: 'GET',
    path: '/cycles/{cycleId}/assignments',
    fn: 'cycles',
    auth: 'user',
    summary: 'Confirmed assignments, by reviewed State, by reviewing State and by regional group',
    tags: ['cycles'],
    params: CycleParamsSchema,
    query: z
      .object({
        reviewed: Iso3Schema.optional(),
        reviewer: Iso3Schema.optional(),
        group: RegionalGroupSchema.optional(),
      })
      .strict(),
    response: z.object({
      drawId: z.string(),
      assignments: z.array(AssignmentRowSchema),
      byReviewer: z.record(
        z.string(),
        z.array(z.object({ reviewed: Iso3Schema, instruments: z.array(InstrumentSchema) })),
      ),
      byGroup: z.record(z.string(), z.number().int()),
    }),
  }),
  defineRoute({
    operationId: 'listCycleReviews',
    method: 'GET',
    path: '/cycles/{cycleId}/reviews',
    fn: 'cycles',
    auth: 'user',
    summary: 'The reviews of a cycle the caller may see',
    tags: ['cycles'],
    params: CycleParamsSchema,
    response: z.object({ reviews: z.array(ReviewSchema) }),
  }),
] as const;
