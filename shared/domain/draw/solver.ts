/**
 * Complete backtracking search for one draw.
 *
 * Variables are seats (one per policy seat of each State under review, plus the extra seats that
 * appear when a drawn reviewer is not party to every instrument). Seats are chosen most-constrained
 * first (fewest reviewers with spare capacity in their class), candidate reviewers are tried in a
 * uniformly random order from the seeded PRNG, and every rule is checked before a candidate is
 * placed (forward checking on capacity: saturated reviewers leave every class at once). On a dead
 * end the search undoes the last choice and tries the next candidate, so when it stops without an
 * assignment every combination has been ruled out: the instance is infeasible.
 */
import type { Policy, SeatKind } from './policy.ts';
import { ANY, inFilter, type Prepared } from './prepare.ts';
import type { Prng } from './prng.ts';

export interface SolvedReviewer {
  x: number;
  seatNo: number;
  kind: SeatKind;
  extra: boolean;
  /** Instruments (bit mask) this reviewer covers for the reviewed State. */
  cover: number;
  similarLegal: boolean;
}

interface HardestSeat {
  r: number;
  seatNo: number;
  extra: boolean;
  failures: number;
}

export type SolveOutcome =
  | { status: 'sat'; byReviewed: SolvedReviewer[][]; nodes: number; maxLoad: number }
  | { status: 'unsat' | 'limit'; nodes: number; hardest: HardestSeat | null };

interface Var {
  r: number;
  seatNo: number;
  kind: SeatKind;
  filter: number;
  need: number;
  prefer: boolean;
  extra: boolean;
  cls: number;
  prefCls: number;
}

interface Frame {
  v: number;
  /** Class stack the seat came from, or -1 for the focus stack. */
  source: number;
  /** Seats of the same State pushed on the focus stack when this one was taken. */
  expanded: number;
  tier: number;
  tried: number[];
  list: number[] | null;
  li: number;
  randomTries: number;
  chosen: number;
  extraVar: number;
  saturated: boolean;
}

const RANDOM_TRIES = 16;
const SMALL_CLASS = 48;

function lowBit(m: number): number {
  return m & -m;
}

/**
 * Search one assignment. `cap` holds each State's spare capacity for this draw and is consumed
 * (pass a copy). Deterministic for a given PRNG state.
 */
export function solve(
  p: Prepared,
  policy: Policy,
  cap: Int32Array,
  prng: Prng,
  nodeLimit: number,
): SolveOutcome {
  const { n, group, inst, legal, canReview, reviewed } = p;
  const extrasOn = policy.extraReviewerForMissingInstruments;

  // Classes: reviewers matching (group filter, required instruments, legal system or any).
  // Reviewers are first sorted into signatures (group × instruments × legal system); a class is a
  // union of signatures, so building it tests one byte per reviewer, and the classes a reviewer
  // belongs to are shared by its whole signature. Every class is built before the search starts
  // (the extra seats' classes included, see below), while each reviewer's capacity is still the
  // initial one, so a signature's class list is exactly each of its reviewers' list.
  let legalMin = 0;
  let legalMax = 0;
  for (let x = 0; x < n; x++) {
    legalMin = Math.min(legalMin, legal[x] ?? 0);
    legalMax = Math.max(legalMax, legal[x] ?? 0);
  }
  const legalCount = legalMax - legalMin + 1;
  // Signatures that occur, numbered in order of first appearance; raw code (group × 16 +
  // instruments) × legalCount + legal system.
  const compactOf = new Int32Array(8 * 16 * legalCount).fill(-1);
  const sigRaw: number[] = [];
  const sig = new Int32Array(n);
  for (let x = 0; x < n; x++) {
    if (!canReview[x]) {
      sig[x] = -1;
      continue;
    }
    // Groups are 0..NO_GROUP; slot 7 stands for an unknown group (-1), which inFilter still places.
    const g = group[x] ?? -1;
    const raw = ((g < 0 ? 7 : g) * 16 + ((inst[x] ?? 0) & 15)) * legalCount + (legal[x] ?? 0) - legalMin;
    let k = compactOf[raw] ?? -1;
    if (k < 0) {
      k = sigRaw.length;
      compactOf[raw] = k;
      sigRaw.push(raw);
    }
    sig[x] = k;
  }
  const sigClasses: number[][] = sigRaw.map(() => []);
  // Class id by (filter + 1, required instruments, legal system + 1 or 0 for any); -1 until built.
  // Filters range over -1 (same-group seat of a State with an unknown group) to ANY.
  const classIds = new Int32Array((ANY + 2) * 16 * (legalCount + 1)).fill(-1);
  const active: Int32Array[] = [];
  const pos: Int32Array[] = [];
  const len: number[] = [];
  const pending: number[][] = [];
  const seatClasses: number[] = [];
  const classFor = (filter: number, need: number, lg: number, isSeatClass: boolean): number => {
    const key = ((filter + 1) * 16 + (need & 15)) * (legalCount + 1) + (lg >= 0 ? lg - legalMin + 1 : 0);
    const known = classIds[key] ?? -1;
    if (known >= 0) return known;
    const id = active.length;
    classIds[key] = id;
    const match = new Uint8Array(sigRaw.length);
    for (let k = 0; k < sigRaw.length; k++) {
      const raw = sigRaw[k] ?? 0;
      const l = raw % legalCount;
      const gm = (raw - l) / legalCount;
      const g = gm >> 4;
      if (!inFilter(filter, g === 7 ? -1 : g)) continue;
      if ((gm & 15 & need) !== need) continue;
      if (lg >= 0 && l + legalMin !== lg) continue;
      match[k] = 1;
      sigClasses[k]?.push(id);
    }
    const act = new Int32Array(n);
    // Read only for members (a reviewer leaves only classes it is in), so no fill is needed.
    const ps = new Int32Array(n);
    let l = 0;
    for (let x = 0; x < n; x++) {
      const k = sig[x] ?? -1;
      if (k < 0 || match[k] === 0 || (cap[x] ?? 0) <= 0) continue;
      act[l] = x;
      ps[x] = l;
      l++;
    }
    active.push(act);
    pos.push(ps);
    len.push(l);
    pending.push([]);
    if (isSeatClass) seatClasses.push(id);
    return id;
  };
  const classesOf = (x: number): number[] => sigClasses[sig[x] ?? -1] ?? [];

  const vars: Var[] = [];
  const newVar = (
    r: number,
    seatNo: number,
    kind: SeatKind,
    filter: number,
    need: number,
    prefer: boolean,
    extra: boolean,
  ): number => {
    const rv = reviewed[r];
    const cls = classFor(filter, need, -1, true);
    const prefCls = prefer && rv ? classFor(filter, need, legal[rv.idx] ?? 0, false) : -1;
    vars.push({ r, seatNo, kind, filter, need, prefer, extra, cls, prefCls });
    return vars.length - 1;
  };

  const reserved = new Int32Array(reviewed.length);
  const assigned: SolvedReviewer[][] = reviewed.map(() => []);
  const initial: number[] = [];
  const rest: number[][] = [];
  reviewed.forEach((rv, r) => {
    const need = extrasOn ? lowBit(rv.fullMask) : rv.fullMask;
    const mine = rv.seats.map((s) => newVar(r, s.seatNo, s.kind, s.filter, need, s.prefer, false));
    // The seat with the fewest candidates represents the State; its other seats follow right after it.
    mine.sort((a, b) => (len[vars[a]?.cls ?? 0] ?? 0) - (len[vars[b]?.cls ?? 0] ?? 0));
    initial.push(mine[0] ?? 0);
    rest.push(mine.slice(1));
    reserved[r] = rv.seats.length;
    if (extrasOn) {
      // Create every class an extra seat may need now, so none is built mid-search.
      const rest = rv.fullMask & ~need;
      for (let sub = rest; sub > 0; sub = (sub - 1) & rest) {
        for (const s of rv.seats) classFor(s.filter, sub, -1, true);
      }
    }
  });
  // Seats of one class are taken in an order drawn by lot, not in input order.
  prng.shuffle(initial);
  let pendCount = vars.length;
  for (const v of initial) pending[vars[v]?.cls ?? 0]?.push(v);
  /** Seats of the State being filled: a State is completed before the next is started, so a dead end is met (and undone) close to its cause. */
  const focus: number[] = [];
  const groupSpare = new Float64Array(8);
  {
    // Without a cap, a notional one (the average load plus one) keeps groups comparable by size.
    let reviewers = 0;
    for (let x = 0; x < n; x++) if (canReview[x] && (cap[x] ?? 0) > 0) reviewers++;
    const notional = Math.ceil(vars.length / Math.max(1, reviewers)) + 1;
    for (let x = 0; x < n; x++) {
      if (canReview[x])
        groupSpare[group[x] ?? 0] = (groupSpare[group[x] ?? 0] ?? 0) + Math.min(cap[x] ?? 0, notional);
    }
  }

  const pairSet = new Set<number>();
  const load = Int32Array.from(p.yearLoad);
  const balanceSamples = policy.distinctReviewerGroups ? 8 : policy.balancedLoad ? 2 : 1;
  const failures = new Map<number, HardestSeat>();

  const removeActive = (c: number, x: number): void => {
    const act = active[c] as Int32Array;
    const ps = pos[c] as Int32Array;
    const i = ps[x] ?? -1;
    const last = (len[c] ?? 1) - 1;
    const y = act[last] ?? x;
    act[i] = y;
    ps[y] = i;
    act[last] = x;
    ps[x] = -1;
    len[c] = last;
  };
  const restoreActive = (c: number, x: number): void => {
    const act = active[c] as Int32Array;
    const ps = pos[c] as Int32Array;
    const l = len[c] ?? 0;
    act[l] = x;
    ps[x] = l;
    len[c] = l + 1;
  };

  const hasExclusions = p.exclusions.size > 0;
  const hasHistory = p.historyPairs.size > 0;
  const eligible = (v: Var, y: number): boolean => {
    if ((cap[y] ?? 0) <= 0) return false;
    const rv = reviewed[v.r];
    if (!rv) return false;
    const target = rv.idx;
    if (policy.noSelfReview && y === target) return false;
    const mine = assigned[v.r] ?? [];
    for (const a of mine) {
      if (a.x === y) return false;
      if (policy.distinctReviewerGroups && group[a.x] === group[y]) return false;
    }
    if (hasExclusions && p.exclusions.has(y * n + target)) return false;
    if (
      policy.noMutual &&
      (pairSet.has(target * n + y) || (hasHistory && p.historyPairs.has(target * n + y)))
    )
      return false;
    if (policy.noRepeatPairs && hasHistory && p.historyPairs.has(y * n + target)) return false;
    const needsExtra = !v.extra && extrasOn && ((inst[y] ?? 0) & rv.fullMask) !== rv.fullMask ? 1 : 0;
    if (mine.length + (reserved[v.r] ?? 0) + needsExtra > rv.maxTotal) return false;
    return true;
  };

  // Less loaded first; at equal load, from the regional group with more spare capacity left
  // (keeps scarce groups available for the seats that can only use them).
  // When reviewers must come from distinct groups, the group's spare capacity decides first: a
  // scarce group exhausted early leaves later States without enough distinct groups.
  const better = (a: number, b: number): boolean => {
    const la = load[a] ?? 0;
    const lb = load[b] ?? 0;
    const ga = groupSpare[group[a] ?? 0] ?? 0;
    const gb = groupSpare[group[b] ?? 0] ?? 0;
    if (policy.distinctReviewerGroups && ga !== gb) return ga > gb;
    if (la !== lb) return la < lb;
    return ga > gb;
  };

  const nextCandidate = (f: Frame): number => {
    const v = vars[f.v] as Var;
    const rv = reviewed[v.r];
    const ownLegal = rv ? (legal[rv.idx] ?? -1) : -1;
    const tiers = v.prefCls >= 0 ? [v.prefCls, v.cls] : [v.cls];
    // In the second tier, skip reviewers the preferred tier already offered.
    const skip = (y: number): boolean => f.tier > 0 && v.prefCls >= 0 && legal[y] === ownLegal;
    while (f.tier < tiers.length) {
      const c = tiers[f.tier] ?? 0;
      const act = active[c] as Int32Array;
      if (f.list === null) {
        const l = len[c] ?? 0;
        if (l > SMALL_CLASS && f.randomTries < RANDOM_TRIES) {
          // First choice: the less loaded of two reviewers drawn uniformly among the eligible ones
          // ("power of two choices": balanced loads, no reviewer favoured by position).
          let best = -1;
          let seen = 0;
          while (f.randomTries < RANDOM_TRIES && seen < balanceSamples) {
            f.randomTries++;
            const y = act[prng.int(l)] ?? 0;
            if (y === best || skip(y) || f.tried.includes(y) || !eligible(v, y)) continue;
            seen++;
            if (best < 0 || better(y, best)) best = y;
          }
          if (best >= 0) {
            f.randomTries = RANDOM_TRIES;
            f.tried.push(best);
            return best;
          }
        }
        const list: number[] = [];
        for (let i = 0; i < l; i++) {
          const y = act[i] ?? 0;
          if (!skip(y) && !f.tried.includes(y) && eligible(v, y)) list.push(y);
        }
        prng.shuffle(list);
        // Least loaded first; the sort is stable, so ties keep the order drawn by lot.
        if (policy.balancedLoad) sortByLoad(list, load);
        f.list = list;
        f.li = 0;
      }
      if (f.li < f.list.length) return f.list[f.li++] ?? -1;
      f.tier++;
      f.list = null;
      f.tried = [];
      f.randomTries = 0;
    }
    return -1;
  };

  const apply = (f: Frame, y: number): void => {
    const v = vars[f.v] as Var;
    const rv = reviewed[v.r];
    const mine = assigned[v.r];
    if (!rv || !mine) return;
    const c = (cap[y] ?? 0) - 1;
    cap[y] = c;
    load[y] = (load[y] ?? 0) + 1;
    groupSpare[group[y] ?? 0] = (groupSpare[group[y] ?? 0] ?? 0) - 1;
    f.saturated = c === 0;
    if (f.saturated) for (const k of classesOf(y)) removeActive(k, y);
    const cover = v.extra ? v.need : rv.fullMask & (inst[y] ?? 0);
    mine.push({
      x: y,
      seatNo: v.seatNo,
      kind: v.kind,
      extra: v.extra,
      cover,
      similarLegal: v.prefer && legal[y] === legal[rv.idx],
    });
    pairSet.add(y * n + rv.idx);
    reserved[v.r] = (reserved[v.r] ?? 0) - 1;
    f.chosen = y;
    f.extraVar = -1;
    if (!v.extra && extrasOn && cover !== rv.fullMask) {
      const ev = newVar(v.r, v.seatNo, v.kind, v.filter, rv.fullMask & ~cover, false, true);
      focus.push(ev);
      pendCount++;
      reserved[v.r] = (reserved[v.r] ?? 0) + 1;
      f.extraVar = ev;
    }
  };

  const unapply = (f: Frame): void => {
    const v = vars[f.v] as Var;
    const rv = reviewed[v.r];
    if (!rv) return;
    if (f.extraVar >= 0) {
      focus.pop();
      vars.pop();
      pendCount--;
      reserved[v.r] = (reserved[v.r] ?? 0) - 1;
    }
    const y = f.chosen;
    reserved[v.r] = (reserved[v.r] ?? 0) + 1;
    pairSet.delete(y * n + rv.idx);
    assigned[v.r]?.pop();
    if (f.saturated) {
      const ks = classesOf(y);
      for (let i = ks.length - 1; i >= 0; i--) restoreActive(ks[i] ?? 0, y);
    }
    cap[y] = (cap[y] ?? 0) + 1;
    load[y] = (load[y] ?? 0) - 1;
    groupSpare[group[y] ?? 0] = (groupSpare[group[y] ?? 0] ?? 0) + 1;
    f.chosen = -1;
    f.extraVar = -1;
  };

  const frames: Frame[] = [];
  let nodes = 0;
  let select = true;
  for (;;) {
    if (select) {
      if (pendCount === 0) {
        let maxLoad = 0;
        for (const r of assigned) for (const a of r) maxLoad = Math.max(maxLoad, load[a.x] ?? 0);
        return { status: 'sat', byReviewed: assigned.map((a) => a.slice()), nodes, maxLoad };
      }
      let v: number;
      let source = -1;
      let expanded = 0;
      const fromFocus = focus.pop();
      if (fromFocus !== undefined) {
        v = fromFocus;
      } else {
        let bestLen = Number.POSITIVE_INFINITY;
        for (const c of seatClasses) {
          if ((pending[c]?.length ?? 0) > 0 && (len[c] ?? 0) < bestLen) {
            source = c;
            bestLen = len[c] ?? 0;
          }
        }
        v = pending[source]?.pop() ?? 0;
        const others = rest[vars[v]?.r ?? 0] ?? [];
        for (let i = others.length - 1; i >= 0; i--) focus.push(others[i] ?? 0);
        expanded = others.length;
      }
      pendCount--;
      frames.push({
        v,
        source,
        expanded,
        tier: 0,
        tried: [],
        list: null,
        li: 0,
        randomTries: 0,
        chosen: -1,
        extraVar: -1,
        saturated: false,
      });
    }
    const f = frames[frames.length - 1] as Frame;
    if (f.chosen >= 0) unapply(f);
    const y = nextCandidate(f);
    if (y < 0) {
      const v = vars[f.v] as Var;
      const key = v.r * 64 + v.seatNo * 2 + (v.extra ? 1 : 0);
      const h = failures.get(key) ?? { r: v.r, seatNo: v.seatNo, extra: v.extra, failures: 0 };
      h.failures++;
      failures.set(key, h);
      frames.pop();
      if (f.source < 0) {
        focus.push(f.v);
      } else {
        focus.length -= f.expanded;
        pending[f.source]?.push(f.v);
      }
      pendCount++;
      if (frames.length === 0) return { status: 'unsat', nodes, hardest: hardestOf(failures) };
      select = false;
      continue;
    }
    apply(f, y);
    nodes++;
    if (nodes > nodeLimit) return { status: 'limit', nodes, hardest: hardestOf(failures) };
    select = true;
  }
}

/**
 * Stable sort of reviewers by load, least loaded first: the same order as a stable comparison sort,
 * by counting when the loads span a small range (they do: loads differ by a few reviews at most).
 */
function sortByLoad(list: number[], load: Int32Array): void {
  const m = list.length;
  if (m < 2) return;
  let lo = load[list[0] ?? 0] ?? 0;
  let hi = lo;
  for (let i = 1; i < m; i++) {
    const l = load[list[i] ?? 0] ?? 0;
    if (l < lo) lo = l;
    else if (l > hi) hi = l;
  }
  if (lo === hi) return;
  const span = hi - lo + 1;
  if (span > 64) {
    list.sort((a, b) => (load[a] ?? 0) - (load[b] ?? 0));
    return;
  }
  const start = new Int32Array(span + 1);
  for (let i = 0; i < m; i++) {
    const k = (load[list[i] ?? 0] ?? 0) - lo + 1;
    start[k] = (start[k] ?? 0) + 1;
  }
  for (let k = 1; k <= span; k++) start[k] = (start[k] ?? 0) + (start[k - 1] ?? 0);
  const copy = list.slice();
  for (let i = 0; i < m; i++) {
    const y = copy[i] ?? 0;
    const k = (load[y] ?? 0) - lo;
    list[start[k] ?? 0] = y;
    start[k] = (start[k] ?? 0) + 1;
  }
}

function hardestOf(failures: Map<number, HardestSeat>): HardestSeat | null {
  let best: HardestSeat | null = null;
  for (const h of failures.values()) if (!best || h.failures > best.failures) best = h;
  return best;
}
