/**
 * Independent checks for the draw tests: a rule auditor for any assignment and a naive exhaustive
 * search, written without the solver's data structures so that the two can disagree.
 */
import type { Assignment, DrawInput, DrawInputRaw } from '#shared/domain/draw/model.ts';
import { DrawInputSchema } from '#shared/domain/draw/model.ts';
import type { Policy, SeatKind } from '#shared/domain/draw/policy.ts';
import type { Instrument } from '#shared/domain/types.ts';

interface St {
  iso3: string;
  group: string | null;
  instruments: Instrument[];
  org: boolean;
}

function statesOf(input: DrawInput): Map<string, St> {
  return new Map(
    input.states.map((s) => [
      s.iso3,
      {
        iso3: s.iso3,
        group: s.group ?? s.drawGroup ?? null,
        instruments: s.instruments,
        org: s.isOrganization === true || s.kind === 'organization',
      },
    ]),
  );
}

interface Reviewed {
  iso3: string;
  instruments: Instrument[];
  kinds: SeatKind[];
  maxTotal: number;
}

function reviewedOf(input: DrawInput, policy: Policy, states: Map<string, St>): Reviewed[] {
  const order = ['UNTOC', 'TIP', 'SOM', 'FIREARMS'];
  return input.underReview
    .filter((u) => policy.includeOrganizations || !states.get(u.iso3)?.org)
    .map((u) => ({
      iso3: u.iso3,
      instruments: [...(u.instruments ?? states.get(u.iso3)?.instruments ?? [])].sort(
        (a, b) => order.indexOf(a) - order.indexOf(b),
      ),
      kinds: policy.seats.map((s, j) =>
        j === 0 && policy.ownGroupOnRequest && u.requestOwnGroup ? 'same-group' : s.kind,
      ),
      maxTotal: u.maxReviewersTotal ?? policy.maxReviewersTotal,
    }))
    .filter((r) => r.instruments.length > 0);
}

function inRange(kind: SeatKind, reviewedGroup: string | null, reviewerGroup: string | null): boolean {
  if (reviewedGroup === null || kind === 'any') return true;
  return kind === 'same-group' ? reviewerGroup === reviewedGroup : reviewerGroup !== reviewedGroup;
}

/** Every rule of the policy, checked on the output. Returns the violations (empty = valid). */
export function auditAssignments(raw: DrawInputRaw, policy: Policy, assignments: Assignment[]): string[] {
  const input = DrawInputSchema.parse(raw);
  const states = statesOf(input);
  const out: string[] = [];
  const reviewed = reviewedOf(input, policy, states);
  const expected = new Set(reviewed.flatMap((r) => r.instruments.map((i) => `${r.iso3}/${i}`)));
  const seen = new Set<string>();
  for (const a of assignments) {
    const key = `${a.reviewed}/${a.instrument}`;
    if (!expected.has(key)) out.push(`unexpected entry ${key}`);
    if (seen.has(key)) out.push(`duplicate entry ${key}`);
    seen.add(key);
  }
  for (const k of expected) if (!seen.has(k)) out.push(`missing entry ${k}`);

  const pairs = new Set<string>();
  const load = new Map<string, number>();
  for (const r of reviewed) {
    const mine = assignments.filter((a) => a.reviewed === r.iso3);
    const rg = states.get(r.iso3)?.group ?? null;
    const seatOf = new Map<string, number>();
    for (const a of mine) {
      for (const x of a.reviewers) {
        const st = states.get(x.iso3);
        if (!st) {
          out.push(`${x.iso3} is not a State party`);
          continue;
        }
        if (st.org && !policy.includeOrganizations) out.push(`organization ${x.iso3} drawn`);
        if (!st.instruments.includes(a.instrument))
          out.push(`${x.iso3} not party to ${a.instrument} yet reviews ${r.iso3}`);
        if (policy.noSelfReview && x.iso3 === r.iso3) out.push(`${r.iso3} reviews itself`);
        const kind = r.kinds[x.seat - 1];
        if (kind === undefined) out.push(`seat ${x.seat} does not exist`);
        else if (!inRange(kind, rg, st.group))
          out.push(`${x.iso3} out of range for ${r.iso3} seat ${x.seat} (${kind})`);
        const prev = seatOf.get(x.iso3);
        if (prev !== undefined && prev !== x.seat) out.push(`${x.iso3} holds two seats of ${r.iso3}`);
        seatOf.set(x.iso3, x.seat);
      }
      for (let j = 1; j <= r.kinds.length; j++) {
        const c = a.reviewers.filter((x) => x.seat === j).length;
        if (c !== 1) out.push(`${r.iso3}/${a.instrument} seat ${j} has ${c} reviewers`);
      }
    }
    // Extras: only for instruments the seat's first reviewer is not party to.
    const base = mine.find((a) => a.instrument === r.instruments[0]);
    for (let j = 1; j <= r.kinds.length; j++) {
      const primary = base?.reviewers.find((x) => x.seat === j)?.iso3;
      const holders = new Set(
        mine.flatMap((a) => a.reviewers.filter((x) => x.seat === j).map((x) => x.iso3)),
      );
      if (!policy.extraReviewerForMissingInstruments && holders.size > 1)
        out.push(`${r.iso3} seat ${j} split`);
      if (holders.size > 2) out.push(`${r.iso3} seat ${j} has ${holders.size} reviewers`);
      for (const a of mine) {
        const x = a.reviewers.find((y) => y.seat === j);
        if (x && x.iso3 !== primary && states.get(primary ?? '')?.instruments.includes(a.instrument)) {
          out.push(`${r.iso3}/${a.instrument} seat ${j}: extra ${x.iso3} although ${primary} is party`);
        }
      }
    }
    if (seatOf.size > r.maxTotal) out.push(`${r.iso3} has ${seatOf.size} reviewers (max ${r.maxTotal})`);
    if (policy.distinctReviewerGroups) {
      const groups = [...seatOf.keys()].map((x) => states.get(x)?.group ?? null);
      if (new Set(groups).size !== groups.length) out.push(`${r.iso3} reviewers share a group`);
    }
    for (const x of seatOf.keys()) {
      pairs.add(`${x}>${r.iso3}`);
      load.set(x, (load.get(x) ?? 0) + 1);
      if (input.exclusions.some((e) => e.reviewer === x && e.reviewed === r.iso3))
        out.push(`excluded ${x}>${r.iso3}`);
      if (
        policy.noRepeatPairs &&
        input.history.pairs.some((p) => p.reviewer === x && p.reviewed === r.iso3)
      ) {
        out.push(`repeat ${x}>${r.iso3}`);
      }
    }
  }
  if (policy.noMutual) {
    const hist = new Set(input.history.pairs.map((p) => `${p.reviewer}>${p.reviewed}`));
    for (const p of pairs) {
      const [a, b] = p.split('>');
      if (pairs.has(`${b}>${a}`) || hist.has(`${b}>${a}`)) out.push(`mutual ${p}`);
    }
  }
  for (const [x, n] of load) {
    const l = input.history.loads.filter((h) => h.iso3 === x);
    const year = l.reduce((s, h) => s + h.year, 0) + n;
    const cycle = l.reduce((s, h) => s + h.cycle, 0) + n;
    if (policy.maxReviewsPerYear !== null && year > policy.maxReviewsPerYear)
      out.push(`${x} year load ${year}`);
    if (policy.maxReviewsPerCycle !== null && cycle > policy.maxReviewsPerCycle)
      out.push(`${x} cycle load ${cycle}`);
  }
  return out;
}

/** Naive exhaustive search (tiny instances only): does any assignment satisfy every rule? */
export function bruteForceFeasible(raw: DrawInputRaw, policy: Policy): boolean {
  const input = DrawInputSchema.parse(raw);
  const states = statesOf(input);
  const reviewed = reviewedOf(input, policy, states);
  const all = [...states.values()].filter((s) => policy.includeOrganizations || !s.org);
  const capOf = (x: string): number => {
    const l = input.history.loads.filter((h) => h.iso3 === x);
    const y = l.reduce((s, h) => s + h.year, 0);
    const c = l.reduce((s, h) => s + h.cycle, 0);
    return Math.min(
      policy.maxReviewsPerYear === null ? 1e9 : policy.maxReviewsPerYear - y,
      policy.maxReviewsPerCycle === null ? 1e9 : policy.maxReviewsPerCycle - c,
    );
  };
  const used = new Map<string, number>();
  const pairs = new Set<string>();
  const hist = new Set(input.history.pairs.map((p) => `${p.reviewer}>${p.reviewed}`));
  const ok = (x: St, r: Reviewed, mine: St[]): boolean => {
    if (policy.noSelfReview && x.iso3 === r.iso3) return false;
    if (mine.some((m) => m.iso3 === x.iso3)) return false;
    if (policy.distinctReviewerGroups && mine.some((m) => m.group === x.group)) return false;
    if ((used.get(x.iso3) ?? 0) >= capOf(x.iso3)) return false;
    if (input.exclusions.some((e) => e.reviewer === x.iso3 && e.reviewed === r.iso3)) return false;
    if (policy.noMutual && (pairs.has(`${r.iso3}>${x.iso3}`) || hist.has(`${r.iso3}>${x.iso3}`)))
      return false;
    if (policy.noRepeatPairs && hist.has(`${x.iso3}>${r.iso3}`)) return false;
    return mine.length < r.maxTotal;
  };
  const take = (x: St, r: Reviewed): void => {
    used.set(x.iso3, (used.get(x.iso3) ?? 0) + 1);
    pairs.add(`${x.iso3}>${r.iso3}`);
  };
  const drop = (x: St, r: Reviewed): void => {
    used.set(x.iso3, (used.get(x.iso3) ?? 0) - 1);
    pairs.delete(`${x.iso3}>${r.iso3}`);
  };
  const fill = (ri: number, seat: number, mine: St[]): boolean => {
    const r = reviewed[ri];
    if (!r) return true;
    if (seat >= r.kinds.length) return fill(ri + 1, 0, []);
    const kind = r.kinds[seat] ?? 'any';
    const rg = states.get(r.iso3)?.group ?? null;
    const need = policy.extraReviewerForMissingInstruments ? r.instruments.slice(0, 1) : r.instruments;
    for (const x of all) {
      if (!inRange(kind, rg, x.group) || !need.every((i) => x.instruments.includes(i)) || !ok(x, r, mine))
        continue;
      take(x, r);
      const missing = r.instruments.filter((i) => !x.instruments.includes(i));
      if (missing.length === 0) {
        if (fill(ri, seat + 1, [...mine, x])) return true;
      } else {
        for (const y of all) {
          if (!inRange(kind, rg, y.group) || !missing.every((i) => y.instruments.includes(i))) continue;
          if (!ok(y, r, [...mine, x])) continue;
          take(y, r);
          const done = fill(ri, seat + 1, [...mine, x, y]);
          drop(y, r);
          if (done) return true;
        }
      }
      drop(x, r);
    }
    return false;
  };
  return fill(0, 0, []);
}
