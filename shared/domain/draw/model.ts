/**
 * Inputs and records of the drawing of lots (zod schemas beside their types).
 */
import * as z from 'zod';
import { InstrumentSchema, Iso3Schema, StatePartySchema } from '#shared/domain/types.ts';
import { RegistryFingerprintSchema } from '../registry/diff.ts';
import { PolicySchema, SeatKindSchema } from './policy.ts';

/** Bumped whenever a change could alter any result for the same inputs and seed. */
export const ALGORITHM_VERSION = 'cop-review-draw/1';

/**
 * A State party as the draw sees it: the reference data format, plus the markers a file may use for a
 * regional economic integration organization (e.g. the EU party to UNTOC).
 */
export const DrawStateSchema = StatePartySchema.extend({
  isOrganization: z.boolean().optional(),
  kind: z.enum(['state', 'organization']).optional(),
});
export type DrawState = z.infer<typeof DrawStateSchema>;

export const UnderReviewSchema = z.object({
  iso3: Iso3Schema,
  /** Instruments reviewed; default: every instrument the State is party to. */
  instruments: z.array(InstrumentSchema).optional(),
  /** UPR: ask for one reviewer from its own group (honoured when the policy allows it). */
  requestOwnGroup: z.boolean().optional(),
  /** The State agreed to more (or fewer) reviewing States than the policy maximum. */
  maxReviewersTotal: z.number().int().min(1).max(32).optional(),
});

const PairSchema = z.object({ reviewer: Iso3Schema, reviewed: Iso3Schema });

const LoadSchema = z.object({
  iso3: Iso3Schema,
  /** Reviews already assigned to this State in the year of the draw. */
  year: z.number().int().min(0),
  /** Reviews already assigned to this State in the cycle. */
  cycle: z.number().int().min(0),
});
export type Load = z.infer<typeof LoadSchema>;

export const ExclusionSchema = z.object({
  reviewer: Iso3Schema,
  reviewed: Iso3Schema,
  reason: z.string().optional(),
});

export const DrawInputSchema = z.object({
  cycleId: z.string().optional(),
  states: z.array(DrawStateSchema),
  underReview: z.array(UnderReviewSchema),
  history: z
    .object({
      loads: z.array(LoadSchema).default([]),
      /** Pairs drawn earlier in the same cycle. */
      pairs: z.array(PairSchema).default([]),
    })
    .default({ loads: [], pairs: [] }),
  /** Declared conflicts: `reviewer` must not review `reviewed`. */
  exclusions: z.array(ExclusionSchema).default([]),
  /** The registry the states were read from (its newest source date and content digest), for verifiers. */
  registry: RegistryFingerprintSchema.optional(),
});
export type DrawInput = z.infer<typeof DrawInputSchema>;
export type DrawInputRaw = z.input<typeof DrawInputSchema>;

const REASONS = [
  'same-group',
  'same-group-similar-legal-system',
  'other-group',
  'any-group',
  'any-group-similar-legal-system',
  'extra-for-missing-instruments',
  'redraw',
] as const;
const ReasonSchema = z.enum(REASONS);
export type Reason = z.infer<typeof ReasonSchema>;

const AssignedReviewerSchema = z.object({
  iso3: Iso3Schema,
  /** 1-based seat of the policy this reviewer fills. */
  seat: z.number().int().min(1),
  seatKind: SeatKindSchema,
  reason: ReasonSchema,
});
export type AssignedReviewer = z.infer<typeof AssignedReviewerSchema>;

const AssignmentSchema = z.object({
  reviewed: Iso3Schema,
  instrument: InstrumentSchema,
  reviewers: z.array(AssignedReviewerSchema),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

const RedrawRequestSchema = z.object({
  previousDrawId: z.string(),
  previousRecordDigest: z.string(),
  /** The assignments the redraw starts from (so the record alone suffices to verify it). */
  previousAssignments: z.array(AssignmentSchema),
  /** Redraws already used per reviewed State before this one. */
  previousRedraws: z.record(z.string(), z.number().int().min(0)),
  reviewed: Iso3Schema,
  reviewerToReplace: Iso3Schema,
  instrument: InstrumentSchema.optional(),
  /**
   * The reviewed State's request number (1, 2, ... up to the redraw budget). With a revealed
   * secret the seed is deriveRedrawSeed(secret, cycleId, reviewed, position).
   */
  position: z.number().int().min(1).optional(),
});
export type RedrawRequest = z.infer<typeof RedrawRequestSchema>;

const RevealSchema = z.object({
  cycleId: z.string(),
  secret: z.string(),
  commitment: z.string(),
});
export type Reveal = z.infer<typeof RevealSchema>;

export const DrawRecordSchema = z.object({
  algorithmVersion: z.string(),
  drawId: z.string(),
  status: z.enum(['proposed', 'confirmed']),
  policy: PolicySchema,
  inputs: DrawInputSchema,
  inputDigest: z.string(),
  seed: z.string(),
  reveal: RevealSchema.optional(),
  previousDrawId: z.string().optional(),
  redraw: RedrawRequestSchema.optional(),
  /** Redraws used per reviewed State, this one included (carried along the chain). */
  redrawsUsed: z.record(z.string(), z.number().int().min(0)).default({}),
  excluded: z.array(z.object({ iso3: Iso3Schema, reason: z.string() })),
  /** The most reviews any State carries this year once the draw is applied (history included). */
  maxLoad: z.number().int().min(0),
  assignments: z.array(AssignmentSchema),
  recordDigest: z.string(),
});
export type DrawRecord = z.infer<typeof DrawRecordSchema>;

export interface Infeasibility {
  kind: 'infeasible' | 'undecided' | 'invalid-input';
  /** One line per reason, most specific first, naming groups, instruments and counts. */
  reasons: string[];
}

export type DrawResult = { ok: true; record: DrawRecord } | { ok: false; infeasible: Infeasibility };
