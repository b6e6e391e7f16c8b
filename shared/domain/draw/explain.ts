/**
 * Counting arguments: supply against demand per regional group and instrument (Hall's condition on
 * the group-level graph). They are necessary conditions, so a violation proves infeasibility and
 * names the group and instrument at fault; they also feed the dry run.
 */
import { INSTRUMENTS, type Instrument, REGIONAL_GROUPS } from '#shared/domain/types.ts';
import type { DrawInput } from './model.ts';
import type { Policy, SeatKind } from './policy.ts';
import { ANY, filterFor, inFilter, maskToInstruments, NO_GROUP, OTHER, type Prepared } from './prepare.ts';

const INSTRUMENT_LABELS: Record<Instrument, string> = {
  UNTOC: 'the Convention (UNTOC)',
  TIP: 'the Trafficking in Persons Protocol',
  SOM: 'the Smuggling of Migrants Protocol',
  FIREARMS: 'the Firearms Protocol',
};

export function instrumentLabel(i: Instrument): string {
  return INSTRUMENT_LABELS[i];
}

export function groupLabel(g: number): string {
  if (g === NO_GROUP) return 'States in no regional group';
  const name = REGIONAL_GROUPS[g] ?? '?';
  return name === 'GRULAC' || name === 'WEOG' ? name : `${name} group`;
}

function filterLabel(f: number): string {
  if (f === ANY) return 'any-group seats';
  if (f < OTHER) return `same-group seats of ${groupLabel(f)}`;
  return `other-group seats of ${groupLabel(f - OTHER)}`;
}

const LABELS = NO_GROUP + 1;

function neighbourhood(f: number): number {
  const all = (1 << LABELS) - 1;
  if (f === ANY) return all;
  if (f < OTHER) return 1 << f;
  return all & ~(1 << (f - OTHER));
}

function popcount(m: number): number {
  let c = 0;
  for (let x = m; x; x &= x - 1) c++;
  return c;
}

function plural(k: number, one: string, many: string): string {
  return `${k} ${k === 1 ? one : many}`;
}

/**
 * Hall-type violations: a set H of groups whose reviewers (party to an instrument, with spare
 * capacity) cannot absorb the seats that can only be filled from H. Minimal sets first.
 */
export function countingViolations(p: Prepared, cap: Int32Array, limit = 3): string[] {
  const reasons: string[] = [];
  const nReviewed = p.reviewed.length;
  for (let k = 0; k < INSTRUMENTS.length && reasons.length < limit; k++) {
    const bit = 1 << k;
    const demand = new Array<number>(ANY + 1).fill(0);
    for (const rv of p.reviewed) {
      if ((rv.fullMask & bit) === 0) continue;
      for (const s of rv.seats) demand[s.filter] = (demand[s.filter] ?? 0) + 1;
    }
    if (demand.every((d) => d === 0)) continue;
    const count = new Array<number>(LABELS).fill(0);
    const supply = new Array<number>(LABELS).fill(0);
    for (let x = 0; x < p.n; x++) {
      const c = cap[x] ?? 0;
      if (!p.canReview[x] || c <= 0 || ((p.inst[x] ?? 0) & bit) === 0) continue;
      const g = p.group[x] ?? NO_GROUP;
      count[g] = (count[g] ?? 0) + 1;
      supply[g] = (supply[g] ?? 0) + Math.min(c, nReviewed);
    }
    const masks = Array.from({ length: (1 << LABELS) - 1 }, (_, i) => i + 1).sort(
      (a, b) => popcount(a) - popcount(b) || a - b,
    );
    const violated: number[] = [];
    for (const h of masks) {
      if (violated.some((v) => (v & h) === v)) continue;
      let d = 0;
      const parts: string[] = [];
      for (let f = 0; f <= ANY; f++) {
        const df = demand[f] ?? 0;
        if (df > 0 && (neighbourhood(f) & ~h) === 0) {
          d += df;
          parts.push(`${filterLabel(f)}: ${df}`);
        }
      }
      let s = 0;
      let c = 0;
      for (let g = 0; g < LABELS; g++) {
        if (h & (1 << g)) {
          s += supply[g] ?? 0;
          c += count[g] ?? 0;
        }
      }
      if (d <= s) continue;
      violated.push(h);
      const inst = INSTRUMENT_LABELS[INSTRUMENTS[k] ?? 'UNTOC'];
      const onlySame = popcount(h) === 1 && parts.length === 1 && parts[0]?.startsWith('same-group');
      if (onlySame) {
        const g = Math.log2(h);
        reasons.push(
          `${groupLabel(g)} has ${plural(c, 'eligible reviewer', 'eligible reviewers')} for ${inst} ` +
            `(able to take ${plural(s, 'review', 'reviews')}) but ${plural(d, 'State', 'States')} under review need one from that group`,
        );
      } else {
        const names = Array.from({ length: LABELS }, (_, g) => g)
          .filter((g) => h & (1 << g))
          .map(groupLabel)
          .join(', ');
        reasons.push(
          `Reviewers party to ${inst} from ${names}: ${plural(c, 'State', 'States')} able to take ` +
            `${plural(s, 'review', 'reviews')}, but ${d} seats can only be filled from them (${parts.join('; ')})`,
        );
      }
      if (reasons.length >= limit) break;
    }
  }
  return reasons;
}

/** Seats with no eligible reviewer at all, before any other seat is filled. */
export function emptySeatReasons(p: Prepared, policy: Policy, cap: Int32Array, limit = 5): string[] {
  const reasons: string[] = [];
  const blocked = new Map<number, Set<number>>();
  const block = (reviewed: number, reviewer: number): void => {
    let s = blocked.get(reviewed);
    if (!s) {
      s = new Set();
      blocked.set(reviewed, s);
    }
    s.add(reviewer);
  };
  for (const key of p.exclusions) block(key % p.n, Math.floor(key / p.n));
  for (const key of p.historyPairs) {
    const reviewer = Math.floor(key / p.n);
    const reviewedIdx = key % p.n;
    if (policy.noMutual) block(reviewer, reviewedIdx);
    if (policy.noRepeatPairs) block(reviewedIdx, reviewer);
  }
  // Count reviewers with spare capacity per (filter, required instruments): first per (group,
  // instruments) in one pass over the States, then summed over groups in range and over supersets.
  const byGroup = new Int32Array(8 * 16);
  for (let x = 0; x < p.n; x++) {
    if (!p.canReview[x] || (cap[x] ?? 0) <= 0) continue;
    const g = p.group[x] ?? NO_GROUP;
    const k = (g < 0 ? 7 : g) * 16 + ((p.inst[x] ?? 0) & 15);
    byGroup[k] = (byGroup[k] ?? 0) + 1;
  }
  const counts = new Int32Array((ANY + 1) * 16);
  for (let f = 0; f <= ANY; f++) {
    for (let g = 0; g < 8; g++) {
      if (!inFilter(f, g === 7 ? -1 : g)) continue;
      for (let m = 0; m < 16; m++) {
        const c = byGroup[g * 16 + m] ?? 0;
        if (c === 0) continue;
        for (let sub = m; ; sub = (sub - 1) & m) {
          counts[f * 16 + sub] = (counts[f * 16 + sub] ?? 0) + c;
          if (sub === 0) break;
        }
      }
    }
  }
  const extrasOn = policy.extraReviewerForMissingInstruments;
  const needs: number[] = [];
  for (const rv of p.reviewed) {
    if (rv.seats.length > rv.maxTotal) {
      const name = `${p.iso3[rv.idx]} (${groupLabel(p.group[rv.idx] ?? NO_GROUP)})`;
      reasons.push(`${name} needs ${rv.seats.length} reviewers but may have at most ${rv.maxTotal}`);
      continue;
    }
    needs.length = 0;
    if (extrasOn) {
      for (let k = 0; k < INSTRUMENTS.length; k++) if (rv.fullMask & (1 << k)) needs.push(1 << k);
    } else {
      needs.push(rv.fullMask);
    }
    for (const s of rv.seats) {
      for (const need of needs) {
        let c = counts[s.filter * 16 + need] ?? 0;
        if (policy.noSelfReview && isCandidate(p, cap, need, s.filter, rv.idx)) c--;
        const blockedHere = blocked.get(rv.idx);
        if (blockedHere)
          for (const x of blockedHere) if (x !== rv.idx && isCandidate(p, cap, need, s.filter, x)) c--;
        if (c <= 0) {
          const name = `${p.iso3[rv.idx]} (${groupLabel(p.group[rv.idx] ?? NO_GROUP)})`;
          const inst = maskToInstruments(need)
            .map((i) => INSTRUMENT_LABELS[i])
            .join(' and ');
          reasons.push(
            `${name} has no eligible reviewer party to ${inst} for its ${seatKindLabel(s.kind)} seat ` +
              `(after excluding itself, declared conflicts, earlier pairs and States at their review cap)`,
          );
        }
        if (reasons.length >= limit) return reasons;
      }
    }
  }
  return reasons;
}

function isCandidate(p: Prepared, cap: Int32Array, need: number, filter: number, x: number): boolean {
  return (
    p.canReview[x] === 1 &&
    (cap[x] ?? 0) > 0 &&
    ((p.inst[x] ?? 0) & need) === need &&
    inFilter(filter, p.group[x] ?? NO_GROUP)
  );
}

export function seatKindLabel(kind: SeatKind): string {
  return kind === 'any' ? 'any-group' : kind;
}

export interface SupplyRow {
  group: string;
  instrument: Instrument;
  seatKind: SeatKind;
  /** Seats of this kind, for this instrument, held by States under review in this group. */
  demand: number;
  /** Distinct States that could fill them (party to the instrument, in range, spare capacity). */
  eligibleReviewers: number;
  /** Reviews those States can still take. */
  capacity: number;
  ok: boolean;
}

export interface DryRunReport {
  statesUnderReview: number;
  seatsToFill: number;
  rows: SupplyRow[];
  conflicts: { reviewer: string; reviewed: string; reason?: string; affectsThisDraw: boolean }[];
  excluded: { iso3: string; reason: string }[];
  /** Reasons that already prove the draw impossible (empty when the counts allow a draw). */
  problems: string[];
  feasibleByCounts: boolean;
}

export function supplyRows(p: Prepared, policy: Policy, cap: Int32Array): SupplyRow[] {
  const rows: SupplyRow[] = [];
  const kinds = [...new Set(policy.seats.map((s) => s.kind))];
  const nReviewed = p.reviewed.length;
  for (let g = 0; g < LABELS; g++) {
    const mine = p.reviewed.filter((rv) => (p.group[rv.idx] ?? NO_GROUP) === g);
    if (mine.length === 0) continue;
    INSTRUMENTS.forEach((instrument, k) => {
      const bit = 1 << k;
      const reviewedFor = mine.filter((rv) => rv.fullMask & bit).length;
      if (reviewedFor === 0) return;
      for (const kind of kinds) {
        const seatsOfKind = policy.seats.filter((s) => s.kind === kind).length;
        const f = filterFor(kind, g);
        let eligible = 0;
        let capacity = 0;
        for (let x = 0; x < p.n; x++) {
          const c = cap[x] ?? 0;
          if (!p.canReview[x] || c <= 0 || ((p.inst[x] ?? 0) & bit) === 0) continue;
          if (!inFilter(f, p.group[x] ?? NO_GROUP)) continue;
          eligible++;
          capacity += Math.min(c, nReviewed);
        }
        const demand = reviewedFor * seatsOfKind;
        rows.push({
          group: groupLabel(g),
          instrument,
          seatKind: kind,
          demand,
          eligibleReviewers: eligible,
          capacity,
          ok: capacity >= demand && eligible >= seatsOfKind,
        });
      }
    });
  }
  return rows;
}

export function conflictList(input: DrawInput): DryRunReport['conflicts'] {
  const under = new Set(input.underReview.map((u) => u.iso3));
  return input.exclusions.map((e) => ({
    reviewer: e.reviewer,
    reviewed: e.reviewed,
    ...(e.reason === undefined ? {} : { reason: e.reason }),
    affectsThisDraw: under.has(e.reviewed),
  }));
}
