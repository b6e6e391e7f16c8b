/**
 * The drawing of lots: speed on the reference data, success and time against a naive
 * rejection-sampling baseline and against clingo (ASP, the approach of the real UNTOC draw) on the
 * same instances, growth to 20,000 synthetic States, and fairness of the picks over many seeds.
 */
import { execFileSync } from 'node:child_process';
import { draw } from '#shared/domain/draw/draw.ts';
import { type DrawInput, DrawInputSchema } from '#shared/domain/draw/model.ts';
import { POLICY_PRESETS, type Policy, PolicySchema } from '#shared/domain/draw/policy.ts';
import { inFilter, NO_GROUP, type Prepared, prepare } from '#shared/domain/draw/prepare.ts';
import { createPrng } from '#shared/domain/draw/prng.ts';
import { syntheticInstance } from '#shared/domain/draw/synthetic.ts';
import { drawYearGroups } from '#shared/domain/draw/year-groups.ts';
import { loadReferenceData } from '#shared/reference-data.ts';
import { clingoAvailable, clingoFacts, runClingo } from '../clingo/facts.ts';
import type { BenchResult, BenchSuite } from '../types.ts';

const UNTOC = POLICY_PRESETS.untoc;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? Number.NaN : s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

/**
 * The naive baseline: for each seat draw a State uniformly from all States parties and redraw
 * (up to 50 times) while it breaks a rule; when a seat cannot be filled, start the whole draw
 * again, at most `restarts` times. Returns whether it produced an assignment.
 */
export function naiveDraw(p: Prepared, policy: Policy, seed: string, restarts = 100): boolean {
  const prng = createPrng(seed).fork('naive');
  const extrasOn = policy.extraReviewerForMissingInstruments;
  for (let attempt = 0; attempt < restarts; attempt++) {
    const cap = Int32Array.from(p.capBase);
    const pairs = new Set<number>();
    let failed = false;
    for (const rv of p.reviewed) {
      const mine: number[] = [];
      const pick = (filter: number, need: number, extra: boolean): number => {
        for (let t = 0; t < 50; t++) {
          const y = prng.int(p.n);
          if (!p.canReview[y] || (cap[y] ?? 0) <= 0 || y === rv.idx || mine.includes(y)) continue;
          if (!inFilter(filter, p.group[y] ?? NO_GROUP) || ((p.inst[y] ?? 0) & need) !== need) continue;
          if (p.exclusions.has(y * p.n + rv.idx)) continue;
          if (policy.noMutual && (pairs.has(rv.idx * p.n + y) || p.historyPairs.has(rv.idx * p.n + y)))
            continue;
          if (policy.distinctReviewerGroups && mine.some((m) => p.group[m] === p.group[y])) continue;
          if (mine.length + 1 > rv.maxTotal || (extra && mine.length + 1 > rv.maxTotal)) continue;
          return y;
        }
        return -1;
      };
      const take = (y: number): void => {
        mine.push(y);
        cap[y] = (cap[y] ?? 0) - 1;
        pairs.add(y * p.n + rv.idx);
      };
      for (const s of rv.seats) {
        const need = extrasOn ? rv.fullMask & -rv.fullMask : rv.fullMask;
        const y = pick(s.filter, need, false);
        if (y < 0) {
          failed = true;
          break;
        }
        take(y);
        const missing = rv.fullMask & ~(p.inst[y] ?? 0);
        if (extrasOn && missing) {
          const e = pick(s.filter, missing, true);
          if (e < 0) {
            failed = true;
            break;
          }
          take(e);
        }
      }
      if (failed) break;
    }
    if (!failed) return true;
  }
  return false;
}

interface Instance {
  label: string;
  input: DrawInput;
  policy: Policy;
}

function instances(kind: 'normal' | 'tight', count: number): Instance[] {
  return Array.from({ length: count }, (_, k) => {
    const seed = `${kind}-${k}`;
    const input = DrawInputSchema.parse(
      kind === 'normal'
        ? syntheticInstance(seed, { states: 191, underReviewPerMille: 333 })
        : // Tight: nine States in ten already carry 3 of their 4 reviews this year.
          syntheticInstance(seed, {
            states: 191,
            underReviewPerMille: 333,
            loadedPerMille: 900,
            loadYear: 3,
          }),
    );
    return { label: seed, input, policy: UNTOC };
  });
}

function clingoInstalled(): { ok: boolean; note: string } {
  if (clingoAvailable()) return { ok: true, note: '' };
  try {
    if (process.getuid?.() === 0) {
      execFileSync('apt-get', ['install', '-y', '-q', 'gringo'], {
        stdio: 'ignore',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        timeout: 300_000,
      });
    }
  } catch {
    // fall through: reported below
  }
  return clingoAvailable()
    ? { ok: true, note: 'installed gringo during the run' }
    : { ok: false, note: 'clingo not installed (apt-get install gringo failed or not root)' };
}

async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const { states } = loadReferenceData();

  // 1. The full UNTOC draw on the reference data: every State party, all four instruments.
  const full: DrawInput = DrawInputSchema.parse({
    states,
    underReview: states.map((s) => ({ iso3: s.iso3 })),
  });
  for (let k = 0; k < 5; k++) draw(full, UNTOC, `warm-${k}`);
  const fullTimes: number[] = [];
  let fullOk = 0;
  for (let k = 0; k < 31; k++) {
    const [r, ms] = timed(() => draw(full, UNTOC, `full-${k}`));
    fullTimes.push(ms);
    if (r.ok) fullOk++;
  }
  out.push({
    name: 'draw.untoc.reference-data.median',
    value: median(fullTimes),
    unit: 'ms',
    target: 20,
    better: 'lower',
    note: `191 States under review, 4 instruments, 31 seeds, ${fullOk}/31 drawn (validation, search, record digests)`,
  });
  const years = drawYearGroups(states, 3, 'bench-years');
  const oneYear: DrawInput = DrawInputSchema.parse({
    states,
    underReview: (years[0] ?? []).map((iso3) => ({ iso3 })),
  });
  const yearTimes = Array.from({ length: 31 }, (_, k) => timed(() => draw(oneYear, UNTOC, `year-${k}`))[1]);
  out.push({
    name: 'draw.untoc.reference-data.one-year.median',
    value: median(yearTimes),
    unit: 'ms',
    target: 20,
    better: 'lower',
    note: `${years[0]?.length} States under review (one of three year-groups by lot)`,
  });

  // 2. Ours vs naive rejection sampling on normal and tight instances (same instances, same run).
  const verdicts = new Map<string, boolean>();
  for (const kind of ['normal', 'tight'] as const) {
    const list = instances(kind, 30);
    let ours = 0;
    let naive = 0;
    let infeasible = 0;
    const oursMs: number[] = [];
    const naiveMs: number[] = [];
    for (const inst of list) {
      const [r, ms] = timed(() => draw(inst.input, inst.policy, 'bench'));
      oursMs.push(ms);
      verdicts.set(inst.label, r.ok);
      if (r.ok) ours++;
      else if (r.infeasible.kind === 'infeasible') infeasible++;
      const p = prepare(inst.input, inst.policy);
      const [ok, nms] = timed(() => naiveDraw(p, inst.policy, 'bench'));
      naiveMs.push(nms);
      if (ok && r.ok) naive++;
    }
    const feasible = list.length - infeasible;
    out.push({
      name: `draw.${kind}.success-rate`,
      value: feasible === 0 ? 100 : (100 * ours) / feasible,
      unit: '%',
      target: 100,
      better: 'higher',
      baseline: feasible === 0 ? 100 : (100 * naive) / feasible,
      note: `of ${feasible} feasible instances (${infeasible} proven infeasible) of ${list.length}; baseline = naive rejection sampling, 100 restarts`,
    });
    out.push({
      name: `draw.${kind}.median`,
      value: median(oursMs),
      unit: 'ms',
      target: 20,
      better: 'lower',
      baseline: median(naiveMs),
      note: 'baseline = naive rejection sampling (time including failed restarts)',
    });
  }

  // 3. clingo on the same instances: agreement of verdicts and time.
  const cl = clingoInstalled();
  if (!cl.ok) {
    out.push({
      name: 'draw.clingo.agreement',
      value: 0,
      unit: '%',
      target: 100,
      better: 'higher',
      note: cl.note,
    });
  } else {
    let agree = 0;
    let compared = 0;
    let clUnknown = 0;
    const ms: Record<string, number[]> = { normal: [], tight: [] };
    const ours: Record<string, number[]> = { normal: [], tight: [] };
    for (const kind of ['normal', 'tight'] as const) {
      for (const inst of instances(kind, 8)) {
        const p = prepare(inst.input, inst.policy);
        const res = runClingo(clingoFacts(p, inst.policy), 60);
        const [r, oms] = timed(() => draw(inst.input, inst.policy, 'bench'));
        ms[kind]?.push(res.ms);
        ours[kind]?.push(oms);
        if (res.verdict === 'unknown') {
          clUnknown++;
          continue;
        }
        compared++;
        if ((res.verdict === 'sat') === r.ok) agree++;
      }
      out.push({
        name: `draw.clingo.${kind}.median`,
        value: median(ours[kind] ?? []),
        unit: 'ms',
        target: null,
        better: 'lower',
        baseline: median(ms[kind] ?? []),
        note: 'value = ours, baseline = clingo (grounding + solving, one model) on the same 8 instances',
      });
    }
    const p = prepare(full, UNTOC);
    const res = runClingo(clingoFacts(p, UNTOC), 120);
    const [r, oms] = timed(() => draw(full, UNTOC, 'bench'));
    if (res.verdict !== 'unknown') {
      compared++;
      if ((res.verdict === 'sat') === r.ok) agree++;
    } else clUnknown++;
    out.push({
      name: 'draw.clingo.reference-data',
      value: oms,
      unit: 'ms',
      target: null,
      better: 'lower',
      baseline: res.ms,
      note: `value = ours, baseline = clingo (${res.verdict}) on the full UNTOC draw`,
    });
    out.push({
      name: 'draw.clingo.agreement',
      value: compared === 0 ? 0 : (100 * agree) / compared,
      unit: '%',
      target: 100,
      better: 'higher',
      note: `feasibility verdicts, ours vs clingo, ${compared} instances compared, ${clUnknown} clingo timeouts ${cl.note}`.trim(),
    });
  }

  // 4. Growth with synthetic States (one year-group of three under review).
  for (const size of [1_000, 5_000, 20_000]) {
    const input = syntheticInstance(`growth-${size}`, { states: size, underReviewPerMille: 333 });
    const reps = size <= 5_000 ? 3 : 1;
    const times: number[] = [];
    let ok = true;
    for (let k = 0; k < reps; k++) {
      const [r, ms] = timed(() => draw(input, UNTOC, `growth-${k}`, { assumeValidInput: true }));
      times.push(ms);
      ok &&= r.ok;
    }
    out.push({
      name: `draw.synthetic.${size}`,
      value: median(times),
      unit: 'ms',
      target: size === 20_000 ? 2000 : null,
      better: 'lower',
      note: `${input.underReview.length} States under review, ${ok ? 'drawn' : 'NOT drawn'}, median of ${reps}`,
    });
  }

  // 5. Fairness: who fills one State's same-group seat over many seeds (one year-group).
  const groupOf = new Map(states.map((s) => [s.iso3, s.group ?? s.drawGroup ?? null]));
  const target = (years[0] ?? []).find((iso3) => groupOf.get(iso3) === 'Eastern European') ?? '';
  const eligible = states.filter((s) => s.iso3 !== target && groupOf.get(s.iso3) === 'Eastern European');
  const counts = new Map<string, number>(eligible.map((s) => [s.iso3, 0]));
  const seeds = 600;
  for (let k = 0; k < seeds; k++) {
    const r = draw(oneYear, UNTOC, `fair-${k}`);
    if (!r.ok) continue;
    const who = r.record.assignments
      .find((a) => a.reviewed === target && a.instrument === 'UNTOC')
      ?.reviewers.find((x) => x.seat === 1)?.iso3;
    if (who) counts.set(who, (counts.get(who) ?? 0) + 1);
  }
  const values = [...counts.values()];
  const expected = seeds / Math.max(1, values.length);
  const chi2 = values.reduce((s, v) => s + (v - expected) ** 2 / expected, 0);
  out.push({
    name: 'draw.fairness.chi2-per-df',
    value: chi2 / Math.max(1, values.length - 1),
    unit: '',
    target: 2,
    better: 'lower',
    note: `${target}'s same-group reviewer over ${seeds} seeds among ${values.length} eligible States (≈1 = uniform)`,
  });
  out.push({
    name: 'draw.fairness.max-min-ratio',
    value: Math.max(...values) / Math.max(1, Math.min(...values)),
    unit: 'x',
    target: null,
    better: 'lower',
    note: `pick counts ${Math.min(...values)}..${Math.max(...values)}, expected ${expected.toFixed(1)} each`,
  });
  return out;
}

export const suite: BenchSuite = { name: 'draw', run };

// Keep the policy schema import meaningful for custom runs (e.g. a tighter cap).
export const tightPolicy = (maxReviewsPerYear: number): Policy =>
  PolicySchema.parse({ ...UNTOC, maxReviewsPerYear });
