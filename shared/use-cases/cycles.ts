/**
 * Cycles and the drawing of lots over HTTP. The draw itself is the pure domain in
 * shared/domain/draw; this file gathers its inputs from the registry, stores records and turns a
 * confirmed draw into reviews.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import { assertCan, can, relationTo } from '../domain/authz.ts';
import { type Cycle, cycleActions, cycleChangeRefusal } from '../domain/cycle.ts';
import { confirmDraw, draw, dryRun, redraw, verifyDraw } from '../domain/draw/draw.ts';
import type { DrawInputRaw, DrawRecord, ExclusionSchema } from '../domain/draw/model.ts';
import { POLICY_PRESETS, type Policy } from '../domain/draw/policy.ts';
import { commitSecret, deriveSeed } from '../domain/draw/prng.ts';
import {
  ConflictError,
  ForbiddenError,
  fieldError,
  NotFoundError,
  UnprocessableError,
} from '../domain/errors.ts';
import { reviewIdOf } from '../domain/ids.ts';
import { registryFingerprint, unverifiedFacts } from '../domain/registry/diff.ts';
import type { RegisteredState } from '../domain/registry/records.ts';
import { nextVersion, type Review, type Seat } from '../domain/review.ts';
import type { Instrument, Iso3, Mechanism, RegionalGroup, RegistryState } from '../domain/types.ts';
import {
  DEADLINE_PRESETS,
  type DeadlinePolicy,
  initialDeadlines,
  redrawRefusal,
} from '../domain/workflow.ts';
import {
  claimConfirmation,
  createCycle,
  getCycle,
  getDraw,
  listCycles,
  type StoredCycle,
  saveConfirmedDraw,
  saveConfirmedRedraw,
  saveProposedDraw,
  saveRedrawRequest,
} from '../repos/cycles.ts';
import { listStates, loadRegistryContent } from '../repos/registry.ts';
import { listCycleReviews, reviewDelete, reviewPut } from '../repos/reviews.ts';
import type { UseCaseContext } from './context.ts';
import { confirmedDrawsOf, findLiveReview, liveCycleReviews } from './review-access.ts';

const view = ({ cycle, secret }: StoredCycle) => (cycle.revealed ? { ...cycle, secret } : cycle);

const drawInput = async (cycle: Cycle): Promise<DrawInputRaw & { states: RegistryState[] }> => {
  const { content } = await loadRegistryContent();
  const states = content.states;
  const byIso3 = new Map(states.map((s) => [s.iso3, s]));
  return {
    cycleId: cycle.cycleId,
    registry: registryFingerprint(content),
    states,
    underReview: cycle.underReview.map((iso3) => ({
      iso3,
      instruments: (byIso3.get(iso3)?.instruments ?? []).filter((i) => cycle.instruments.includes(i)),
    })),
    exclusions: cycle.exclusions,
  };
};

/** One seat per reviewing State, with every instrument it covers for the reviewed State. */
const seatsOf = (record: DrawRecord, reviewed: Iso3): Seat[] => {
  const seats = new Map<Iso3, Seat>();
  for (const a of record.assignments) {
    if (a.reviewed !== reviewed) continue;
    for (const r of a.reviewers) {
      const seat = seats.get(r.iso3) ?? {
        reviewer: r.iso3,
        instruments: [] as Instrument[],
        reason: r.reason,
      };
      seat.instruments.push(a.instrument);
      seats.set(r.iso3, seat);
    }
  }
  return [...seats.values()];
};

const reviewedStatesOf = (record: DrawRecord): Iso3[] => [
  ...new Set(record.assignments.map((a) => a.reviewed)),
];

/** The review after a confirmed redraw: the new seats; States no longer reviewing lose their part. */
const redrawnReview = (current: Review, record: DrawRecord, now: Date): Review => {
  const reviewed = current.reviewedState;
  const seats = seatsOf(record, reviewed);
  const parties = new Set([reviewed, ...seats.map((s) => s.reviewer)]);
  const keep = <T>(m: Record<string, T>) =>
    Object.fromEntries(Object.entries(m).filter(([k]) => parties.has(k)));
  return {
    ...current,
    drawId: record.drawId,
    seats,
    reviewerStates: seats.map((s) => s.reviewer),
    acknowledgements: keep(current.acknowledgements),
    contacts: keep(current.contacts),
    redrawsUsed: record.redrawsUsed[reviewed] ?? current.redrawsUsed,
    openRedraw: undefined,
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
};

/** The reviews a first draw creates. */
const firstReviews = (cycle: Cycle, record: DrawRecord, now: Date): Review[] => {
  const started = now.toISOString();
  return reviewedStatesOf(record).map((reviewed) => {
    const seats = seatsOf(record, reviewed);
    const review: Review = {
      reviewId: reviewIdOf(cycle.cycleId, reviewed),
      cycleId: cycle.cycleId,
      drawId: record.drawId,
      mechanism: cycle.mechanism,
      reviewedState: reviewed,
      instruments: [
        ...new Set(record.assignments.filter((a) => a.reviewed === reviewed).map((a) => a.instrument)),
      ],
      seats,
      reviewerStates: seats.map((s) => s.reviewer),
      state: 'assigned',
      deadlines: initialDeadlines(started, cycle.deadlines),
      acknowledgements: {},
      contacts: {},
      redrawsUsed: 0,
      version: 1,
      createdAt: started,
      updatedAt: started,
    };
    return review;
  });
};

/** A withdrawn cycle takes no new draw and no confirmation (cycleChangeRefusal words it). */
const refuseIfWithdrawn = (cycle: Cycle): void => {
  if (cycle.withdrawn)
    throw new ConflictError(cycleChangeRefusal(cycle) ?? 'withdrawn', { withdrawn: cycle.withdrawn });
};

const infeasible = (reasons: string[], kind: string) =>
  new UnprocessableError(`no draw is possible (${kind}): ${reasons[0] ?? 'see details'}`, { kind, reasons });

const nameOf = (states: Map<string, RegisteredState>, iso3: string) => states.get(iso3)?.name ?? iso3;

/** The States a cycle reviews: `all` resolved against the registry; an unknown code is refused, naming the field. */
export const resolveUnderReview = async (underReview: 'all' | Iso3[], instruments: Instrument[]) => {
  const registered = await listStates();
  if (underReview === 'all')
    return registered.filter((s) => s.instruments.some((i) => instruments.includes(i))).map((s) => s.iso3);
  const known = new Set(registered.map((s) => s.iso3));
  const unknown = underReview.filter((iso3) => !known.has(iso3));
  if (unknown.length) throw fieldError('underReview', `not in the registry: ${unknown.join(', ')}`);
  return underReview;
};

type Actor = Principal;
type CycleRef = { cycleId: string };
type DrawRef = { cycleId: string; drawId: string };

/** A new cycle: the mechanism's preset, with the secretariat's overrides. */
export interface CycleInput {
  name: string;
  mechanism: Mechanism;
  year: number;
  instruments: Instrument[];
  /** `all`: every registered State party to at least one of the instruments. */
  underReview: 'all' | Iso3[];
  exclusions: z.infer<typeof ExclusionSchema>[];
  policy: Partial<Omit<Policy, 'mechanism'>>;
  deadlines: Partial<DeadlinePolicy>;
}

/** The cycles use cases, one per operation of the cycles routes (shared/http/bindings/cycles.ts). */
export const cycleUseCases = {
  createCycle: async (principal: Actor, args: CycleInput, { now }: UseCaseContext) => {
    assertCan(principal, 'cycle.manage');
    const preset = POLICY_PRESETS[args.mechanism];
    const underReview = await resolveUnderReview(args.underReview, args.instruments);
    const secret = randomBytes(32).toString('hex');
    const cycle: Cycle = {
      cycleId: `${args.mechanism}-${args.year}-${randomUUID().slice(0, 8)}`,
      name: args.name,
      mechanism: args.mechanism,
      year: args.year,
      instruments: args.instruments,
      underReview,
      exclusions: args.exclusions,
      policy: { ...preset, ...args.policy },
      deadlines: { ...DEADLINE_PRESETS[args.mechanism], ...args.deadlines },
      commitment: commitSecret(secret),
      revealed: false,
      version: 1,
      createdAt: now.toISOString(),
      createdBy: principal.kind === 'user' ? principal.sub : 'system',
    };
    await createCycle(cycle, secret, { principal, now, action: 'cycle.create' });
    return cycle;
  },

  listCycles: async (principal: Actor, _args: unknown) => {
    assertCan(principal, 'cycle.read');
    // A withdrawn cycle is history the secretariat keeps; nobody else has anything to do with it.
    const manager = can(principal, 'cycle.manage');
    const cycles = (await listCycles()).filter((c) => manager || !c.withdrawn);
    return { cycles };
  },

  getCycle: async (principal: Actor, args: CycleRef) => {
    assertCan(principal, 'cycle.read');
    const stored = await getCycle(args.cycleId);
    return { ...view(stored), actions: cycleActions(stored.cycle, can(principal, 'cycle.manage')) };
  },

  dryRunDraw: async (principal: Actor, args: CycleRef) => {
    assertCan(principal, 'cycle.manage');
    const { cycle } = await getCycle(args.cycleId);
    const input = await drawInput(cycle);
    return {
      ...dryRun(input, cycle.policy),
      registry: input.registry,
      unverified: unverifiedFacts(input.states, cycle.instruments),
    };
  },

  proposeDraw: async (principal: Actor, args: CycleRef, { now }: UseCaseContext) => {
    assertCan(principal, 'cycle.manage');
    const stored = await getCycle(args.cycleId);
    const { cycle, secret } = stored;
    refuseIfWithdrawn(cycle);
    if (cycle.confirmedDrawId) {
      throw new ConflictError(
        `cycle ${cycle.cycleId} already has a confirmed draw; request a redraw instead`,
        {
          confirmedDrawId: cycle.confirmedDrawId,
        },
      );
    }
    const reveal = { cycleId: cycle.cycleId, secret, commitment: cycle.commitment };
    const result = draw(await drawInput(cycle), cycle.policy, deriveSeed(secret, cycle.cycleId), { reveal });
    if (!result.ok) throw infeasible(result.infeasible.reasons, result.infeasible.kind);
    const next: StoredCycle = {
      secret,
      cycle: { ...cycle, revealed: true, proposedDrawId: result.record.drawId, version: cycle.version + 1 },
    };
    await saveProposedDraw(result.record, next, { principal, now, action: 'draw.propose' });
    return result.record;
  },

  getDraw: async (principal: Actor, args: DrawRef) => {
    assertCan(principal, 'draw.read');
    return await getDraw(args.cycleId, args.drawId);
  },

  verifyDraw: async (principal: Actor, args: DrawRef) => {
    assertCan(principal, 'draw.read');
    const [{ cycle }, record] = await Promise.all([
      getCycle(args.cycleId),
      getDraw(args.cycleId, args.drawId),
    ]);
    const previous = record.previousDrawId ? await getDraw(args.cycleId, record.previousDrawId) : undefined;
    // A discarded draw verifies like any other, and says that it was discarded (by whom, when, why).
    // (Drawn again on the same inputs, the same draw is proposed anew and may be confirmed.)
    const current = cycle.proposedDrawId === record.drawId || confirmedDrawsOf(cycle).includes(record.drawId);
    const discarded = current ? undefined : cycle.discardedDraws?.findLast((d) => d.drawId === record.drawId);
    return { ...verifyDraw(record, previous), ...(discarded ? { discarded } : {}) };
  },

  confirmDraw: async (principal: Actor, args: DrawRef, { now }: UseCaseContext) => {
    assertCan(principal, 'cycle.manage');
    const stored = await getCycle(args.cycleId);
    const { cycle } = stored;
    const proposed = await getDraw(cycle.cycleId, args.drawId);
    if (proposed.status === 'confirmed' && cycle.confirmedDrawId === proposed.drawId) return proposed;
    refuseIfWithdrawn(cycle);
    if (
      proposed.drawId !== cycle.proposedDrawId &&
      cycle.discardedDraws?.some((d) => d.drawId === proposed.drawId)
    )
      throw new ConflictError(`draw ${proposed.drawId} was discarded; propose a draw again to confirm one`, {
        proposedDrawId: cycle.proposedDrawId ?? null,
      });
    const current = cycle.confirmedDrawId ? await getDraw(cycle.cycleId, cycle.confirmedDrawId) : null;
    const confirmed = confirmDraw(proposed, current);
    const audit = { principal, now, action: 'draw.confirm' };
    const redrawn = confirmed.redraw;
    if (!redrawn) {
      // Claim the confirmation, write the reviews fenced by the claim, then move the pointer.
      const attempt = randomUUID();
      const claimed: StoredCycle = {
        ...stored,
        cycle: { ...cycle, confirming: { drawId: confirmed.drawId, attempt }, version: cycle.version + 1 },
      };
      await claimConfirmation(claimed, audit);
      const reviews = firstReviews(cycle, confirmed, now);
      const drawn = new Set(reviews.map((r) => r.reviewId));
      const leftovers = (await listCycleReviews(cycle.cycleId)).filter((r) => !drawn.has(r.reviewId));
      const next: StoredCycle = {
        ...stored,
        cycle: {
          ...cycle,
          confirmedDrawId: confirmed.drawId,
          confirmedDraws: [confirmed.drawId],
          confirming: undefined,
          proposedDrawId: undefined,
          version: claimed.cycle.version + 1,
        },
      };
      await saveConfirmedDraw(
        confirmed,
        next,
        attempt,
        [...reviews.map(reviewPut), ...leftovers.map((r) => reviewDelete(r.reviewId))],
        audit,
      );
      return confirmed;
    }
    const next: StoredCycle = {
      ...stored,
      cycle: {
        ...cycle,
        confirmedDrawId: confirmed.drawId,
        confirmedDraws: [...confirmedDrawsOf(cycle), confirmed.drawId],
        proposedDrawId: undefined,
        version: cycle.version + 1,
      },
    };
    const reviewId = reviewIdOf(cycle.cycleId, redrawn.reviewed);
    const review = await findLiveReview(reviewId);
    if (!review) throw new ConflictError(`review ${reviewId} does not exist; confirm the first draw first`);
    const closed = redrawRefusal(review.state, cycle.redrawWindow);
    if (closed) throw new ConflictError(closed, { state: review.state });
    if (review.openRedraw?.drawId !== confirmed.drawId)
      throw new ConflictError(
        `draw ${confirmed.drawId} is not the open redraw request of ${review.reviewedState}`,
        {
          openRedraw: review.openRedraw ?? null,
        },
      );
    await saveConfirmedRedraw(confirmed, next, redrawnReview(review, confirmed, now), audit, {
      action: 'redraw.confirm',
      details: {
        drawId: confirmed.drawId,
        previousDrawId: redrawn.previousDrawId,
        replaced: redrawn.reviewerToReplace,
        ...(redrawn.instrument ? { instrument: redrawn.instrument } : {}),
        reviewers: seatsOf(confirmed, redrawn.reviewed).map((s) => s.reviewer),
      },
    });
    return confirmed;
  },

  requestRedraw: async (
    principal: Actor,
    args: CycleRef & { reviewed: Iso3; reviewerToReplace: Iso3; instrument?: Instrument },
    { now }: UseCaseContext,
  ) => {
    const stored = await getCycle(args.cycleId);
    const { cycle } = stored;
    if (!cycle.confirmedDrawId) throw new ConflictError('nothing to redraw: the cycle has no confirmed draw');
    const review = await findLiveReview(reviewIdOf(cycle.cycleId, args.reviewed));
    const allowed =
      can(principal, 'cycle.manage') || (review !== null && can(principal, 'redraw.request', review));
    if (!allowed) {
      if (review && relationTo(principal, review) !== 'none')
        throw new ForbiddenError('not allowed: redraw.request');
      throw new ForbiddenError(
        'only the secretariat or the reviewed State’s focal point may request a redraw',
      );
    }
    if (!review) throw new NotFoundError(`review ${reviewIdOf(cycle.cycleId, args.reviewed)} not found`);
    const closed = redrawRefusal(review.state, cycle.redrawWindow);
    if (closed) throw new ConflictError(closed, { state: review.state });
    const open = review.openRedraw;
    const sameRequest =
      open?.reviewerToReplace === args.reviewerToReplace && open?.instrument === args.instrument;
    if (open && (open.basedOn === cycle.confirmedDrawId || !sameRequest)) {
      throw new ConflictError(
        open.basedOn === cycle.confirmedDrawId
          ? `a redraw request for ${args.reviewed} is open (draw ${open.drawId}); it must be confirmed before another`
          : `a redraw request for ${args.reviewed} is open (draw ${open.drawId}); another redraw was confirmed since, so ask for that same replacement again to draw it anew at the same position`,
        { openRedraw: open },
      );
    }
    // A request keeps its position when it is drawn again on a newer draw (another State's redraw
    // was confirmed meanwhile); otherwise it takes the next one. The seed follows from the position.
    const position = open ? open.position : (review.redrawRequests ?? review.redrawsUsed) + 1;
    const previous = await getDraw(cycle.cycleId, cycle.confirmedDrawId);
    const { cycleId: _cycle, ...request } = args;
    const result = redraw(previous, { ...request, position });
    if (!result.ok) throw infeasible(result.infeasible.reasons, result.infeasible.kind);
    const next: StoredCycle = {
      ...stored,
      cycle: { ...cycle, proposedDrawId: result.record.drawId, version: cycle.version + 1 },
    };
    const requested = nextVersion(review, now, {
      redrawRequests: position,
      openRedraw: {
        drawId: result.record.drawId,
        position,
        basedOn: previous.drawId,
        reviewerToReplace: args.reviewerToReplace,
        ...(args.instrument ? { instrument: args.instrument } : {}),
      },
    });
    await saveRedrawRequest(result.record, next, requested, { principal, now, action: 'redraw.request' });
    return result.record;
  },

  getAssignments: async (
    principal: Actor,
    args: CycleRef & { reviewed?: Iso3; reviewer?: Iso3; group?: RegionalGroup },
  ) => {
    assertCan(principal, 'draw.read');
    // The registry does not depend on the cycle: read beside it (one round trip fewer).
    const [{ cycle }, registry] = await Promise.all([getCycle(args.cycleId), listStates()]);
    if (!cycle.confirmedDrawId) throw new ConflictError('the cycle has no confirmed draw yet');
    const record = await getDraw(cycle.cycleId, cycle.confirmedDrawId);
    const states = new Map(registry.map((s) => [s.iso3, s]));
    const groupOf = (iso3: string) => {
      const s = states.get(iso3);
      return s ? (s.group ?? s.drawGroup ?? null) : null;
    };
    const rows = record.assignments
      .filter(
        (a) =>
          (!args.reviewed || a.reviewed === args.reviewed) &&
          (!args.reviewer || a.reviewers.some((r) => r.iso3 === args.reviewer)) &&
          (!args.group || groupOf(a.reviewed) === args.group),
      )
      .map((a) => ({
        reviewed: a.reviewed,
        reviewedName: nameOf(states, a.reviewed),
        group: groupOf(a.reviewed),
        instrument: a.instrument,
        reviewers: a.reviewers.map((r) => ({ iso3: r.iso3, name: nameOf(states, r.iso3), reason: r.reason })),
      }));
    const byReviewer: Record<string, { reviewed: Iso3; instruments: Instrument[] }[]> = {};
    for (const row of rows) {
      for (const r of row.reviewers) {
        const list = byReviewer[r.iso3] ?? [];
        const entry = list.find((e) => e.reviewed === row.reviewed);
        if (entry) entry.instruments.push(row.instrument);
        else list.push({ reviewed: row.reviewed, instruments: [row.instrument] });
        byReviewer[r.iso3] = list;
      }
    }
    const byGroup: Record<string, number> = {};
    for (const iso3 of new Set(rows.map((r) => r.reviewed))) {
      const g = groupOf(iso3) ?? 'none';
      byGroup[g] = (byGroup[g] ?? 0) + 1;
    }
    return { drawId: record.drawId, assignments: rows, byReviewer, byGroup };
  },

  listCycleReviews: async (principal: Actor, args: CycleRef) => {
    assertCan(principal, 'cycle.read');
    const { cycle } = await getCycle(args.cycleId);
    const reviews = (await liveCycleReviews(cycle.cycleId)).filter((r) => can(principal, 'review.read', r));
    return { reviews };
  },
};
