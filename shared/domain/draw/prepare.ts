/**
 * Turns validated inputs + policy into compact integer arrays the solver and the explanations share.
 */
import { INSTRUMENTS, type Instrument, REGIONAL_GROUPS, type RegionalGroup } from '#shared/domain/types.ts';
import type { DrawInput, DrawState } from './model.ts';
import type { Policy, SeatKind } from './policy.ts';

/** Group label used for States in no regional group (and with no draw group). */
export const NO_GROUP = REGIONAL_GROUPS.length;
/** Filter codes: g (same group g), OTHER + g (any group but g), ANY. */
export const OTHER = REGIONAL_GROUPS.length;
export const ANY = 2 * REGIONAL_GROUPS.length;
/** Effectively unlimited capacity. */
export const UNLIMITED = 1 << 29;

interface PreparedSeat {
  seatNo: number;
  kind: SeatKind;
  filter: number;
  prefer: boolean;
}

interface PreparedReviewed {
  idx: number;
  fullMask: number;
  seats: PreparedSeat[];
  maxTotal: number;
}

export interface Prepared {
  n: number;
  iso3: string[];
  index: Map<string, number>;
  group: Int8Array;
  legal: Int8Array;
  inst: Uint8Array;
  /** May act as a reviewer in this draw (organizations excluded unless the policy says so). */
  canReview: Uint8Array;
  capBase: Int32Array;
  yearLoad: Int32Array;
  reviewed: PreparedReviewed[];
  /** Keys reviewer * n + reviewed. */
  exclusions: Set<number>;
  historyPairs: Set<number>;
  excluded: { iso3: string; reason: string }[];
}

export function instrumentBit(i: Instrument): number {
  return 1 << INSTRUMENTS.indexOf(i);
}

export function maskToInstruments(mask: number): Instrument[] {
  return INSTRUMENTS.filter((_, k) => (mask & (1 << k)) !== 0);
}

export function isOrganization(s: DrawState): boolean {
  return s.isOrganization === true || s.kind === 'organization';
}

export function drawGroupOf(s: DrawState): RegionalGroup | null {
  return s.group ?? s.drawGroup ?? null;
}

export function filterFor(kind: SeatKind, group: number): number {
  if (group === NO_GROUP) return ANY;
  if (kind === 'same-group') return group;
  if (kind === 'other-group') return OTHER + group;
  return ANY;
}

export function inFilter(filter: number, group: number): boolean {
  if (filter === ANY) return true;
  if (filter < OTHER) return group === filter;
  return group !== filter - OTHER;
}

export class InvalidDrawInput extends Error {}

export function prepare(input: DrawInput, policy: Policy): Prepared {
  const n = input.states.length;
  const index = new Map<string, number>();
  const group = new Int8Array(n);
  const legal = new Int8Array(n);
  const inst = new Uint8Array(n);
  const canReview = new Uint8Array(n);
  const excluded: { iso3: string; reason: string }[] = [];
  const legalCodes = new Map<string, number>();
  input.states.forEach((s, k) => {
    if (index.has(s.iso3)) throw new InvalidDrawInput(`${s.iso3} appears twice in the States parties`);
    index.set(s.iso3, k);
    const g = drawGroupOf(s);
    group[k] = g === null ? NO_GROUP : REGIONAL_GROUPS.indexOf(g);
    if (!legalCodes.has(s.legalSystem)) legalCodes.set(s.legalSystem, legalCodes.size);
    legal[k] = legalCodes.get(s.legalSystem) ?? 0;
    inst[k] = s.instruments.reduce((m, i) => m | instrumentBit(i), 0);
    const org = isOrganization(s);
    canReview[k] = org && !policy.includeOrganizations ? 0 : 1;
    if (org && !policy.includeOrganizations) {
      excluded.push({
        iso3: s.iso3,
        reason: 'regional economic integration organization (policy excludes them)',
      });
    }
  });
  const iso3 = input.states.map((s) => s.iso3);
  const lookup = (code: string, what: string): number => {
    const k = index.get(code);
    if (k === undefined) throw new InvalidDrawInput(`${what} ${code} is not among the States parties`);
    return k;
  };

  const yearLoad = new Int32Array(n);
  const cycleLoad = new Int32Array(n);
  for (const l of input.history.loads) {
    const k = lookup(l.iso3, 'load entry');
    yearLoad[k] = (yearLoad[k] ?? 0) + l.year;
    cycleLoad[k] = (cycleLoad[k] ?? 0) + l.cycle;
  }
  const capBase = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    let c = UNLIMITED;
    if (policy.maxReviewsPerYear !== null) c = Math.min(c, policy.maxReviewsPerYear - (yearLoad[k] ?? 0));
    if (policy.maxReviewsPerCycle !== null) c = Math.min(c, policy.maxReviewsPerCycle - (cycleLoad[k] ?? 0));
    capBase[k] = canReview[k] ? Math.max(0, c) : 0;
  }

  const exclusions = new Set<number>();
  for (const e of input.exclusions) {
    exclusions.add(lookup(e.reviewer, 'exclusion reviewer') * n + lookup(e.reviewed, 'exclusion reviewed'));
  }
  const historyPairs = new Set<number>();
  for (const p of input.history.pairs) {
    historyPairs.add(lookup(p.reviewer, 'history reviewer') * n + lookup(p.reviewed, 'history reviewed'));
  }

  const reviewed: PreparedReviewed[] = [];
  const seen = new Set<string>();
  for (const u of input.underReview) {
    if (seen.has(u.iso3))
      throw new InvalidDrawInput(`${u.iso3} is listed twice among the States under review`);
    seen.add(u.iso3);
    const k = lookup(u.iso3, 'State under review');
    const state = input.states[k];
    if (state === undefined) continue;
    if (isOrganization(state) && !policy.includeOrganizations) continue;
    const wanted = u.instruments ?? state.instruments;
    let fullMask = 0;
    for (const i of wanted) {
      if (((inst[k] ?? 0) & instrumentBit(i)) === 0) {
        throw new InvalidDrawInput(`${u.iso3} is to be reviewed for ${i} but is not party to it`);
      }
      fullMask |= instrumentBit(i);
    }
    if (fullMask === 0) continue;
    const g = group[k] ?? NO_GROUP;
    const seats: PreparedSeat[] = policy.seats.map((s, j) => {
      const kind: SeatKind =
        j === 0 && policy.ownGroupOnRequest && u.requestOwnGroup === true ? 'same-group' : s.kind;
      return { seatNo: j + 1, kind, filter: filterFor(kind, g), prefer: s.preferSimilarLegalSystem };
    });
    reviewed.push({ idx: k, fullMask, seats, maxTotal: u.maxReviewersTotal ?? policy.maxReviewersTotal });
  }
  return {
    n,
    iso3,
    index,
    group,
    legal,
    inst,
    canReview,
    capBase,
    yearLoad,
    reviewed,
    exclusions,
    historyPairs,
    excluded,
  };
}
