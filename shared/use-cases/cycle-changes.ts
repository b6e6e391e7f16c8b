/**
 * Changing a cycle before its draw is confirmed (issue 16, item 17): edit it, discard a proposed
 * draw, withdraw the cycle. Nothing is erased: a discarded draw keeps its stored record (seed,
 * inputs, result) and gains who, when and why on the cycle; a withdrawn cycle stays listed for
 * the secretariat. Once a draw is confirmed none of this is possible (409).
 */
import type { Principal } from '../auth/principal.ts';
import { assertCan } from '../domain/authz.ts';
import { type Cycle, cycleChangeRefusal, type DiscardedDraw, proposedDrawRefusal } from '../domain/cycle.ts';
import type { ExclusionSchema } from '../domain/draw/model.ts';
import type { Policy } from '../domain/draw/policy.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import type { Instrument, Iso3 } from '../domain/types.ts';
import type { DeadlinePolicy } from '../domain/workflow.ts';
import { getCycle, listDrawItems, type StoredCycle, saveCycleChange } from '../repos/cycles.ts';
import type { UseCaseContext } from './context.ts';
import { resolveUnderReview } from './cycles.ts';
import { confirmedDrawsOf } from './review-access.ts';
import { assertVersion, staleIfConflict } from './versioning.ts';

type Actor = Principal;

/** What an edit may change (the mechanism fixes the presets and stays). */
export interface CycleChanges {
  name?: string;
  year?: number;
  instruments?: Instrument[];
  underReview?: 'all' | Iso3[];
  exclusions?: ReturnType<typeof ExclusionSchema.parse>[];
  policy?: Partial<Omit<Policy, 'mechanism'>>;
  deadlines?: Partial<DeadlinePolicy>;
}

const refuseIfClosed = (cycle: Cycle): void => {
  const closed = cycleChangeRefusal(cycle);
  if (closed) throw new ConflictError(closed, { confirmedDrawId: cycle.confirmedDrawId ?? null });
};

const by = (actor: Actor) => (actor.kind === 'user' ? actor.sub : 'system');

/** The cycle after discarding its proposed draw, and the entry that keeps it. */
const discarding = (cycle: Cycle, recordDigest: string, reason: string, actor: Actor, now: Date) => {
  const entry: DiscardedDraw = {
    drawId: cycle.proposedDrawId ?? '',
    recordDigest,
    reason,
    by: by(actor),
    at: now.toISOString(),
  };
  const next: Cycle = {
    ...cycle,
    proposedDrawId: undefined,
    discardedDraws: [...(cycle.discardedDraws ?? []), entry],
  };
  return { next, entry };
};

const digestOf = async (cycleId: string, drawId: string): Promise<string> => {
  const item = (await listDrawItems(cycleId)).find((d) => d.drawId === drawId);
  if (!item) throw new NotFoundError(`draw ${drawId} of cycle ${cycleId} not found`);
  return item.recordDigest;
};

const discardAudit = (entry: DiscardedDraw) => ({
  action: 'draw.discard',
  object: `draw/${entry.drawId}`,
  details: { drawId: entry.drawId, recordDigest: entry.recordDigest, reason: entry.reason },
});

const bumped = (stored: StoredCycle, cycle: Cycle, now: Date): StoredCycle => ({
  ...stored,
  cycle: { ...cycle, version: stored.cycle.version + 1, updatedAt: now.toISOString() },
});

export const cycleChangeUseCases = {
  /** PATCH: the fields given, on the version read; draw inputs only while no draw is proposed. */
  updateCycle: async (
    actor: Actor,
    input: { cycleId: string; expectedVersion: number; changes: CycleChanges },
    { now }: UseCaseContext,
  ) => {
    assertCan(actor, 'cycle.manage');
    const stored = await getCycle(input.cycleId);
    const { cycle } = stored;
    assertVersion(input.expectedVersion, cycle.version, `cycle ${cycle.cycleId}`);
    refuseIfClosed(cycle);
    const fields = Object.keys(input.changes);
    const proposed = proposedDrawRefusal(cycle, fields);
    if (proposed) throw new ConflictError(proposed, { proposedDrawId: cycle.proposedDrawId });
    const { underReview, policy, deadlines, ...plain } = input.changes;
    const instruments = input.changes.instruments ?? cycle.instruments;
    const changed: Cycle = {
      ...cycle,
      ...plain,
      ...(underReview || input.changes.instruments
        ? { underReview: await resolveUnderReview(underReview ?? cycle.underReview, instruments) }
        : {}),
      ...(policy ? { policy: { ...cycle.policy, ...policy } } : {}),
      ...(deadlines ? { deadlines: { ...cycle.deadlines, ...deadlines } } : {}),
    };
    const next = bumped(stored, changed, now);
    await staleIfConflict(
      saveCycleChange(
        next,
        [{ action: 'cycle.update', object: `cycle/${cycle.cycleId}`, details: { fields } }],
        {
          principal: actor,
          now,
        },
      ),
    );
    return next.cycle;
  },

  /** Sets a proposed first draw aside with a reason; its record stays, shown in the draw history. */
  discardDraw: async (
    actor: Actor,
    input: { cycleId: string; drawId: string; reason: string },
    { now }: UseCaseContext,
  ) => {
    assertCan(actor, 'cycle.manage');
    const stored = await getCycle(input.cycleId);
    const { cycle } = stored;
    refuseIfClosed(cycle);
    if (cycle.proposedDrawId !== input.drawId) {
      const earlier = cycle.discardedDraws?.find((d) => d.drawId === input.drawId);
      throw new ConflictError(
        earlier
          ? `draw ${input.drawId} was already discarded on ${earlier.at.slice(0, 10)}`
          : `draw ${input.drawId} is not the proposed draw of cycle ${cycle.name}`,
        { proposedDrawId: cycle.proposedDrawId ?? null },
      );
    }
    const { next, entry } = discarding(
      cycle,
      await digestOf(cycle.cycleId, input.drawId),
      input.reason,
      actor,
      now,
    );
    const saved = bumped(stored, next, now);
    await saveCycleChange(saved, [discardAudit(entry)], { principal: actor, now });
    return saved.cycle;
  },

  /** "Deleting" a cycle before its draw is confirmed: marked withdrawn, a proposed draw discarded with it. */
  withdrawCycle: async (
    actor: Actor,
    input: { cycleId: string; reason: string },
    { now }: UseCaseContext,
  ) => {
    assertCan(actor, 'cycle.manage');
    const stored = await getCycle(input.cycleId);
    refuseIfClosed(stored.cycle);
    let cycle = stored.cycle;
    const audits = [];
    if (cycle.proposedDrawId) {
      const { next, entry } = discarding(
        cycle,
        await digestOf(cycle.cycleId, cycle.proposedDrawId),
        input.reason,
        actor,
        now,
      );
      cycle = next;
      audits.push(discardAudit(entry));
    }
    const withdrawn = { reason: input.reason, by: by(actor), at: now.toISOString() };
    const saved = bumped(stored, { ...cycle, withdrawn }, now);
    audits.push({
      action: 'cycle.withdraw',
      object: `cycle/${cycle.cycleId}`,
      details: { reason: input.reason },
    });
    await saveCycleChange(saved, audits, { principal: actor, now });
    return saved.cycle;
  },

  /**
   * Every draw of the cycle, with where it stands: proposed, confirmed, discarded (who, when,
   * why) or superseded (a redraw request drawn anew on a newer draw).
   */
  listDraws: async (actor: Actor, input: { cycleId: string }) => {
    assertCan(actor, 'draw.read');
    const { cycle } = await getCycle(input.cycleId);
    const discarded = new Map((cycle.discardedDraws ?? []).map((d) => [d.drawId, d]));
    const confirmed = new Set(confirmedDrawsOf(cycle));
    const draws = (await listDrawItems(cycle.cycleId)).map((d) => {
      const status = confirmed.has(d.drawId)
        ? 'confirmed'
        : d.drawId === cycle.proposedDrawId
          ? 'proposed'
          : discarded.has(d.drawId)
            ? 'discarded'
            : 'superseded';
      const entry = discarded.get(d.drawId);
      return {
        drawId: d.drawId,
        recordDigest: d.recordDigest,
        status,
        ...(entry ? { discarded: { reason: entry.reason, by: entry.by, at: entry.at } } : {}),
      } as const;
    });
    return { draws };
  },
};
