/**
 * The drawing of lots: propose, confirm, redraw and verify. Pure functions (no I/O, no clock,
 * no Math.random): same record in, same verdict out, on every machine.
 */
import { ConflictError, ValidationError } from '#shared/domain/errors.ts';
import { INSTRUMENTS, type Instrument } from '#shared/domain/types.ts';
import { canonicalJson, canonicalMemo, digestOf } from './canonical.ts';
import {
  conflictList,
  countingViolations,
  type DryRunReport,
  emptySeatReasons,
  groupLabel,
  instrumentLabel,
  seatKindLabel,
  supplyRows,
} from './explain.ts';
import {
  ALGORITHM_VERSION,
  type AssignedReviewer,
  type Assignment,
  type DrawInput,
  type DrawInputRaw,
  DrawInputSchema,
  type DrawRecord,
  DrawRecordSchema,
  type DrawResult,
  type Infeasibility,
  type Reason,
  type RedrawRequest,
  type Reveal,
} from './model.ts';
import { type Policy, type PolicyInput, PolicySchema } from './policy.ts';
import {
  filterFor,
  InvalidDrawInput,
  inFilter,
  instrumentBit,
  NO_GROUP,
  type Prepared,
  prepare,
} from './prepare.ts';
import { checkReveal, createPrng, deriveRedrawSeed, deriveSeed } from './prng.ts';
import { type SolvedReviewer, type SolveOutcome, solve } from './solver.ts';

type Parsed =
  | { ok: true; input: DrawInput; policy: Policy; p: Prepared }
  | { ok: false; infeasible: Infeasibility };

function parseAll(rawInput: DrawInputRaw | DrawInput, rawPolicy: PolicyInput | Policy): Parsed {
  const input = DrawInputSchema.safeParse(rawInput);
  if (!input.success) return invalid(`inputs: ${input.error.issues[0]?.message ?? 'invalid'}`);
  const policy = PolicySchema.safeParse(rawPolicy);
  if (!policy.success) return invalid(`policy: ${policy.error.issues[0]?.message ?? 'invalid'}`);
  try {
    return { ok: true, input: input.data, policy: policy.data, p: prepare(input.data, policy.data) };
  } catch (e) {
    if (e instanceof InvalidDrawInput) return invalid(e.message);
    throw e;
  }
}

function parseTrusted(input: DrawInput, rawPolicy: PolicyInput | Policy): Parsed {
  const policy = PolicySchema.parse(rawPolicy);
  try {
    return { ok: true, input, policy, p: prepare(input, policy) };
  } catch (e) {
    if (e instanceof InvalidDrawInput) return invalid(e.message);
    throw e;
  }
}

function invalid(reason: string): { ok: false; infeasible: Infeasibility } {
  return { ok: false, infeasible: { kind: 'invalid-input', reasons: [reason] } };
}

type Searched =
  | { ok: true; byReviewed: SolvedReviewer[][]; maxLoad: number; nodes: number }
  | { ok: false; infeasible: Infeasibility };

function search(p: Prepared, policy: Policy, seed: string): Searched {
  const finalCap = p.capBase;
  const early = [...emptySeatReasons(p, policy, finalCap), ...countingViolations(p, finalCap)];
  if (early.length > 0) return { ok: false, infeasible: { kind: 'infeasible', reasons: early } };
  const seats = p.reviewed.reduce((s, rv) => s + rv.seats.length, 0);
  if (seats === 0) return { ok: true, byReviewed: p.reviewed.map(() => []), maxLoad: 0, nodes: 0 };

  // Restarts with growing budgets cut the heavy tail of chronological backtracking; the last run
  // is bounded only by policy.searchNodeLimit, so the search stays complete.
  let out: SolveOutcome = { status: 'limit', nodes: 0, hardest: null };
  let spent = 0;
  const budgets = [4 * seats + 200, 16 * seats + 800, 64 * seats + 3_200];
  for (let k = 0; k <= budgets.length; k++) {
    const budget = Math.min(budgets[k] ?? policy.searchNodeLimit, policy.searchNodeLimit - spent);
    if (budget <= 0) break;
    out = solve(p, policy, Int32Array.from(finalCap), createPrng(seed).fork(`attempt:${k}`), budget);
    spent += out.nodes;
    if (out.status === 'sat')
      return { ok: true, byReviewed: out.byReviewed, maxLoad: out.maxLoad, nodes: spent };
    if (out.status === 'unsat') break;
  }
  const hardest = out.hardest;
  const where = hardest
    ? (() => {
        const rv = p.reviewed[hardest.r];
        const seat = rv?.seats.find((s) => s.seatNo === hardest.seatNo);
        const iso = rv ? p.iso3[rv.idx] : '?';
        const g = rv ? groupLabel(p.group[rv.idx] ?? NO_GROUP) : '?';
        return `the seat that failed most often is ${iso}'s (${g}) ${hardest.extra ? 'extra ' : ''}${seatKindLabel(seat?.kind ?? 'any')} seat`;
      })()
    : 'no seat could be filled';
  if (out.status === 'limit') {
    return {
      ok: false,
      infeasible: {
        kind: 'undecided',
        reasons: [
          `The search stopped at its limit of ${policy.searchNodeLimit} steps without deciding; ${where}. Raise policy.searchNodeLimit.`,
        ],
      },
    };
  }
  return {
    ok: false,
    infeasible: {
      kind: 'infeasible',
      reasons: [
        'No assignment satisfies all the rules together. Every count of eligible reviewers against demand is sufficient, ' +
          'so the conflict comes from rules binding States pairwise (no mutual reviews, declared conflicts, distinct reviewers' +
          `${policy.distinctReviewerGroups ? ', different regional groups' : ''}, at most ${policy.maxReviewersTotal} reviewers per State). ` +
          `The search ruled out every combination (${out.nodes} steps); ${where}.`,
      ],
    },
  };
}

function reasonOf(r: SolvedReviewer): Reason {
  if (r.extra) return 'extra-for-missing-instruments';
  if (r.kind === 'same-group') return r.similarLegal ? 'same-group-similar-legal-system' : 'same-group';
  if (r.kind === 'other-group') return 'other-group';
  return r.similarLegal ? 'any-group-similar-legal-system' : 'any-group';
}

function toAssignments(p: Prepared, byReviewed: SolvedReviewer[][]): Assignment[] {
  const out: Assignment[] = [];
  p.reviewed.forEach((rv, r) => {
    const mine = (byReviewed[r] ?? [])
      .slice()
      .sort((a, b) => a.seatNo - b.seatNo || Number(a.extra) - Number(b.extra));
    INSTRUMENTS.forEach((instrument, k) => {
      if ((rv.fullMask & (1 << k)) === 0) return;
      const reviewers: AssignedReviewer[] = mine
        .filter((m) => m.cover & (1 << k))
        .map((m) => ({ iso3: p.iso3[m.x] ?? '?', seat: m.seatNo, seatKind: m.kind, reason: reasonOf(m) }));
      out.push({ reviewed: p.iso3[rv.idx] ?? '?', instrument, reviewers });
    });
  });
  return out.sort((a, b) =>
    a.reviewed < b.reviewed
      ? -1
      : a.reviewed > b.reviewed
        ? 1
        : INSTRUMENTS.indexOf(a.instrument) - INSTRUMENTS.indexOf(b.instrument),
  );
}

type Body = Omit<DrawRecord, 'drawId' | 'recordDigest' | 'status'>;

function seal(body: Body, status: DrawRecord['status'], known?: WeakMap<object, string>): DrawRecord {
  const memo = known ?? canonicalMemo(body.inputs);
  memo.set(body.assignments, canonicalJson(body.assignments));
  const drawId = `draw-${digestOf(
    {
      algorithmVersion: body.algorithmVersion,
      policy: body.policy,
      inputDigest: body.inputDigest,
      seed: body.seed,
      redraw: body.redraw,
      assignments: body.assignments,
    },
    memo,
  ).slice(0, 24)}`;
  const unsealed = { ...body, drawId, status };
  return { ...unsealed, recordDigest: digestOf(unsealed, memo) };
}

export interface DrawOptions {
  /** The commit–reveal data; when given, the seed must be deriveSeed(secret, cycleId). */
  reveal?: Reveal;
  /**
   * Skip the zod parse of already-typed inputs (bench with more synthetic States than ISO3 codes).
   * Records drawn this way do not verify if the inputs break the schema.
   */
  assumeValidInput?: boolean;
}

/**
 * Propose a draw. Returns a `proposed` record (inspect it, then `confirmDraw`) or an explanation of
 * why no assignment exists (`infeasible`), why the search could not decide (`undecided`), or what is
 * wrong with the inputs (`invalid-input`).
 */
export function draw(
  rawInput: DrawInputRaw | DrawInput,
  rawPolicy: PolicyInput | Policy,
  seed: string,
  options: DrawOptions = {},
): DrawResult {
  const parsed = options.assumeValidInput
    ? parseTrusted(rawInput as DrawInput, rawPolicy)
    : parseAll(rawInput, rawPolicy);
  if (!parsed.ok) return parsed;
  const { input, policy, p } = parsed;
  if (options.reveal) {
    if (!checkReveal(options.reveal.secret, options.reveal.commitment))
      return invalid('the revealed secret does not match the commitment');
    if (deriveSeed(options.reveal.secret, options.reveal.cycleId) !== seed)
      return invalid('the seed is not derived from the revealed secret and cycle id');
  }
  const found = search(p, policy, seed);
  if (!found.ok) return found;
  const memo = canonicalMemo(input);
  const body: Body = {
    algorithmVersion: ALGORITHM_VERSION,
    policy,
    inputs: input,
    inputDigest: digestOf(input, memo),
    seed,
    ...(options.reveal ? { reveal: options.reveal } : {}),
    redrawsUsed: {},
    excluded: p.excluded,
    maxLoad: found.maxLoad,
    assignments: toAssignments(p, found.byReviewed),
  };
  return { ok: true, record: seal(body, 'proposed', memo) };
}

/** Check before drawing: supply against demand per regional group and instrument, and declared conflicts. */
export function dryRun(rawInput: DrawInputRaw | DrawInput, rawPolicy: PolicyInput | Policy): DryRunReport {
  const parsed = parseAll(rawInput, rawPolicy);
  if (!parsed.ok) {
    return {
      statesUnderReview: 0,
      seatsToFill: 0,
      rows: [],
      conflicts: [],
      excluded: [],
      problems: parsed.infeasible.reasons,
      feasibleByCounts: false,
    };
  }
  const { input, policy, p } = parsed;
  const problems = [...emptySeatReasons(p, policy, p.capBase), ...countingViolations(p, p.capBase)];
  return {
    statesUnderReview: p.reviewed.length,
    seatsToFill: p.reviewed.reduce((s, rv) => s + rv.seats.length, 0),
    rows: supplyRows(p, policy, p.capBase),
    conflicts: conflictList(input),
    excluded: p.excluded,
    problems,
    feasibleByCounts: problems.length === 0,
  };
}

/**
 * Confirm a proposed draw, all or nothing. `current` is the confirmed draw already stored for the
 * same scope, if any: a confirmed draw is only replaced by a redraw that links to it.
 */
export function confirmDraw(proposed: DrawRecord, current: DrawRecord | null): DrawRecord {
  if (proposed.status !== 'proposed')
    throw new ConflictError('only a proposed draw can be confirmed', { drawId: proposed.drawId });
  if (current && current.status === 'confirmed' && proposed.previousDrawId !== current.drawId) {
    throw new ConflictError('a confirmed draw exists; only a redraw linked to it may replace it', {
      confirmedDrawId: current.drawId,
    });
  }
  const check = verifyDraw(proposed);
  if (!check.ok) throw new ValidationError(`the proposed draw does not verify: ${check.firstDifference}`);
  const { drawId: _id, recordDigest: _digest, status: _status, ...body } = proposed;
  return seal(body, 'confirmed');
}

export interface RedrawRequestInput {
  reviewed: string;
  reviewerToReplace: string;
  /** Replace the reviewer for this instrument only (it stays for the others). */
  instrument?: Instrument;
  /** The reviewed State's request number; required when the draw revealed its secret. */
  position?: number;
}

type RedrawCore = { ok: true; assignments: Assignment[] } | { ok: false; infeasible: Infeasibility };

function redrawCore(input: DrawInput, policy: Policy, req: RedrawRequest, seed: string): RedrawCore {
  const confirmed = req.previousRedraws[req.reviewed] ?? 0;
  const position = req.position ?? confirmed + 1;
  if (position <= confirmed)
    return invalid(`request ${position} of ${req.reviewed} comes after ${confirmed} confirmed redraws`);
  if (position > policy.redrawBudget) {
    return invalid(
      `${req.reviewed} has used its redraw budget (${position - 1} of ${policy.redrawBudget} requests)`,
    );
  }
  let p: Prepared;
  try {
    p = prepare(input, policy);
  } catch (e) {
    if (e instanceof InvalidDrawInput) return invalid(e.message);
    throw e;
  }
  const rIdx = p.index.get(req.reviewed);
  const rv = p.reviewed.find((x) => x.idx === rIdx);
  if (rIdx === undefined || !rv) return invalid(`${req.reviewed} is not under review in this draw`);
  const mineEntries = req.previousAssignments.filter((a) => a.reviewed === req.reviewed);
  const role = mineEntries
    .flatMap((a) => a.reviewers.map((r) => ({ ...r, instrument: a.instrument })))
    .filter(
      (r) =>
        r.iso3 === req.reviewerToReplace && (req.instrument === undefined || r.instrument === req.instrument),
    );
  const first = role[0];
  if (!first) {
    return invalid(
      `${req.reviewerToReplace} does not review ${req.reviewed}${req.instrument ? ` for ${req.instrument}` : ''} in the previous draw`,
    );
  }
  const coverMask = role.reduce((m, r) => m | instrumentBit(r.instrument), 0);
  const xIdx = p.index.get(req.reviewerToReplace) ?? -1;
  const stays = mineEntries.some(
    (a) =>
      !(coverMask & instrumentBit(a.instrument)) && a.reviewers.some((r) => r.iso3 === req.reviewerToReplace),
  );

  // Loads and pairs as they stand after the previous draw.
  const cap = Int32Array.from(p.capBase);
  const pairs = new Set<number>();
  for (const a of req.previousAssignments) {
    const ed = p.index.get(a.reviewed) ?? -1;
    for (const r of a.reviewers) {
      const er = p.index.get(r.iso3) ?? -1;
      const key = er * p.n + ed;
      if (!pairs.has(key)) {
        pairs.add(key);
        cap[er] = (cap[er] ?? 0) - 1;
      }
    }
  }
  const others = new Set(mineEntries.flatMap((a) => a.reviewers.map((r) => r.iso3)));
  const otherGroups = new Set(
    [...others]
      .filter((iso) => iso !== req.reviewerToReplace || stays)
      .map((iso) => p.group[p.index.get(iso) ?? 0]),
  );
  const total = others.size + (stays ? 1 : 0);
  if (total > rv.maxTotal) return invalid(`${req.reviewed} may have at most ${rv.maxTotal} reviewing States`);
  const filter = filterFor(first.seatKind, p.group[rIdx] ?? NO_GROUP);
  const seat = rv.seats.find((s) => s.seatNo === first.seat);
  const candidates: number[] = [];
  for (let y = 0; y < p.n; y++) {
    if (!p.canReview[y] || (cap[y] ?? 0) <= 0 || y === rIdx || y === xIdx) continue;
    if (others.has(p.iso3[y] ?? '')) continue;
    if (((p.inst[y] ?? 0) & coverMask) !== coverMask || !inFilter(filter, p.group[y] ?? NO_GROUP)) continue;
    if (p.exclusions.has(y * p.n + rIdx)) continue;
    if (policy.noMutual && (pairs.has(rIdx * p.n + y) || p.historyPairs.has(rIdx * p.n + y))) continue;
    if (policy.noRepeatPairs && p.historyPairs.has(y * p.n + rIdx)) continue;
    if (policy.distinctReviewerGroups && otherGroups.has(p.group[y])) continue;
    candidates.push(y);
  }
  const prng = createPrng(seed).fork('redraw');
  prng.shuffle(candidates);
  if (seat?.prefer) {
    const own = p.legal[rIdx];
    candidates.sort((a, b) => Number(p.legal[b] === own) - Number(p.legal[a] === own));
  }
  const y = candidates[0];
  if (y === undefined) {
    const insts = INSTRUMENTS.filter((_, k) => coverMask & (1 << k))
      .map(instrumentLabel)
      .join(' and ');
    return {
      ok: false,
      infeasible: {
        kind: 'infeasible',
        reasons: [
          `No other State can replace ${req.reviewerToReplace} for ${req.reviewed}: none in range of its ` +
            `${seatKindLabel(first.seatKind)} seat is party to ${insts}, free of conflicts and under its review cap`,
        ],
      },
    };
  }
  const replacement: AssignedReviewer = {
    iso3: p.iso3[y] ?? '?',
    seat: first.seat,
    seatKind: first.seatKind,
    reason: 'redraw',
  };
  const assignments = req.previousAssignments.map((a) => {
    if (a.reviewed !== req.reviewed || !(coverMask & instrumentBit(a.instrument))) return a;
    return { ...a, reviewers: a.reviewers.map((r) => (r.iso3 === req.reviewerToReplace ? replacement : r)) };
  });
  return { ok: true, assignments };
}

/** The seed a redraw must use: derived from the revealed secret and the request's position. */
function redrawSeedOf(record: Pick<DrawRecord, 'reveal'>, reviewed: string, position: number): string | null {
  return record.reveal
    ? deriveRedrawSeed(record.reveal.secret, record.reveal.cycleId, reviewed, position)
    : null;
}

/**
 * Replace one reviewer of one reviewed State (within its redraw budget). Only that seat changes;
 * the result is a new proposed record linked to the previous one. When the draw revealed its
 * secret, the seed follows from it and `request.position` (a `seed` argument must then be absent
 * or equal); otherwise (offline records) the seed is given.
 */
export function redraw(previous: DrawRecord, request: RedrawRequestInput, seed?: string): DrawResult {
  let chosen = seed;
  if (previous.reveal) {
    if (request.position === undefined)
      return invalid('a redraw of a revealed draw needs its request position');
    const derived = redrawSeedOf(previous, request.reviewed, request.position) ?? '';
    if (seed !== undefined && seed !== derived)
      return invalid('the seed of a redraw follows from the revealed secret and the request position');
    chosen = derived;
  }
  if (chosen === undefined) return invalid('a redraw needs a seed when the draw revealed no secret');
  const req: RedrawRequest = {
    previousDrawId: previous.drawId,
    previousRecordDigest: previous.recordDigest,
    previousAssignments: previous.assignments,
    previousRedraws: previous.redrawsUsed,
    reviewed: request.reviewed,
    reviewerToReplace: request.reviewerToReplace,
    ...(request.instrument ? { instrument: request.instrument } : {}),
    ...(request.position !== undefined ? { position: request.position } : {}),
  };
  const out = redrawCore(previous.inputs, previous.policy, req, chosen);
  if (!out.ok) return out;
  const body: Body = {
    algorithmVersion: ALGORITHM_VERSION,
    policy: previous.policy,
    inputs: previous.inputs,
    inputDigest: digestOf(previous.inputs),
    seed: chosen,
    ...(previous.reveal ? { reveal: previous.reveal } : {}),
    previousDrawId: previous.drawId,
    redraw: req,
    redrawsUsed: {
      ...previous.redrawsUsed,
      [request.reviewed]: (previous.redrawsUsed[request.reviewed] ?? 0) + 1,
    },
    excluded: previous.excluded,
    maxLoad: previous.maxLoad,
    assignments: out.assignments,
  };
  return { ok: true, record: seal(body, 'proposed') };
}

export type VerifyResult = { ok: true } | { ok: false; firstDifference: string };

function differ(what: string, recorded: unknown, recomputed: unknown): VerifyResult {
  return {
    ok: false,
    firstDifference: `${what}: recorded ${canonicalJson(recorded ?? null)}, recomputed ${canonicalJson(recomputed ?? null)}`,
  };
}

/**
 * Recompute a draw from its record alone and compare everything. `previous`, when given, is the
 * record a redraw claims to start from; the link is checked too.
 */
export function verifyDraw(raw: unknown, previous?: DrawRecord): VerifyResult {
  const parsed = DrawRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      firstDifference: `not a draw record: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    };
  }
  const record = parsed.data;
  if (record.algorithmVersion !== ALGORITHM_VERSION) {
    return differ(
      'algorithmVersion (this verifier implements another version)',
      record.algorithmVersion,
      ALGORITHM_VERSION,
    );
  }
  const inputDigest = digestOf(record.inputs);
  if (record.inputDigest !== inputDigest)
    return differ('inputDigest (the inputs were changed)', record.inputDigest, inputDigest);
  if (record.reveal) {
    if (!checkReveal(record.reveal.secret, record.reveal.commitment)) {
      return { ok: false, firstDifference: 'reveal: the secret does not match the published commitment' };
    }
    if (record.redraw) {
      const { reviewed, position } = record.redraw;
      if (position === undefined)
        return {
          ok: false,
          firstDifference: 'redraw.position: missing (the seed of a redraw follows from it)',
        };
      const seed = redrawSeedOf(record, reviewed, position);
      if (seed !== record.seed)
        return differ(
          'seed (not derived from the revealed secret and the request position)',
          record.seed,
          seed,
        );
    } else {
      const seed = deriveSeed(record.reveal.secret, record.reveal.cycleId);
      if (seed !== record.seed)
        return differ('seed (not derived from the revealed secret)', record.seed, seed);
    }
  }
  let assignments: Assignment[];
  let expected: Pick<DrawRecord, 'excluded' | 'maxLoad' | 'redrawsUsed'>;
  if (record.redraw) {
    const req = record.redraw;
    if (record.previousDrawId !== req.previousDrawId)
      return differ('previousDrawId', record.previousDrawId, req.previousDrawId);
    if (previous) {
      if (previous.drawId !== req.previousDrawId)
        return differ('previous draw id', req.previousDrawId, previous.drawId);
      if (previous.recordDigest !== req.previousRecordDigest) {
        return differ('previous record digest', req.previousRecordDigest, previous.recordDigest);
      }
      if (canonicalJson(previous.assignments) !== canonicalJson(req.previousAssignments)) {
        return { ok: false, firstDifference: 'redraw.previousAssignments differ from the previous record' };
      }
      if (canonicalJson(previous.reveal ?? null) !== canonicalJson(record.reveal ?? null))
        return differ(
          'reveal (a redraw carries the reveal of the draw it follows)',
          record.reveal,
          previous.reveal,
        );
    }
    const out = redrawCore(record.inputs, record.policy, req, record.seed);
    if (!out.ok)
      return { ok: false, firstDifference: `recomputation fails: ${out.infeasible.reasons[0] ?? ''}` };
    assignments = out.assignments;
    expected = {
      excluded: record.excluded,
      maxLoad: record.maxLoad,
      redrawsUsed: { ...req.previousRedraws, [req.reviewed]: (req.previousRedraws[req.reviewed] ?? 0) + 1 },
    };
  } else {
    const parsedAll = parseAll(record.inputs, record.policy);
    if (!parsedAll.ok)
      return { ok: false, firstDifference: `recomputation fails: ${parsedAll.infeasible.reasons[0] ?? ''}` };
    const found = search(parsedAll.p, parsedAll.policy, record.seed);
    if (!found.ok)
      return { ok: false, firstDifference: `recomputation fails: ${found.infeasible.reasons[0] ?? ''}` };
    assignments = toAssignments(parsedAll.p, found.byReviewed);
    expected = { excluded: parsedAll.p.excluded, maxLoad: found.maxLoad, redrawsUsed: {} };
  }
  const n = Math.max(assignments.length, record.assignments.length);
  for (let i = 0; i < n; i++) {
    const a = record.assignments[i];
    const b = assignments[i];
    if (canonicalJson(a ?? null) !== canonicalJson(b ?? null)) {
      const label = a ? `${a.reviewed}/${a.instrument}` : b ? `${b.reviewed}/${b.instrument}` : '?';
      return differ(`assignments[${i}] (${label})`, a, b);
    }
  }
  if (canonicalJson(record.excluded) !== canonicalJson(expected.excluded))
    return differ('excluded', record.excluded, expected.excluded);
  if (record.maxLoad !== expected.maxLoad) return differ('maxLoad', record.maxLoad, expected.maxLoad);
  if (canonicalJson(record.redrawsUsed) !== canonicalJson(expected.redrawsUsed)) {
    return differ('redrawsUsed', record.redrawsUsed, expected.redrawsUsed);
  }
  const { drawId, recordDigest, status, ...body } = record;
  const resealed = seal(body, status);
  if (resealed.drawId !== drawId) return differ('drawId', drawId, resealed.drawId);
  // The digest covers the record exactly as given, so any added or altered field shows.
  const { recordDigest: _ignored, ...rawBody } = raw as Record<string, unknown>;
  const digest = digestOf(rawBody);
  if (digest !== recordDigest) return differ('recordDigest (the record was altered)', recordDigest, digest);
  return { ok: true };
}
