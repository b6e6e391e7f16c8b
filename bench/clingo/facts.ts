/**
 * Writes a draw instance as clingo facts for bench/clingo/draw.lp and runs clingo on it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Policy } from '#shared/domain/draw/policy.ts';
import { maskToInstruments, type Prepared, UNLIMITED } from '#shared/domain/draw/prepare.ts';

const ENCODING = fileURLToPath(new URL('./draw.lp', import.meta.url));

export function clingoFacts(p: Prepared, policy: Policy): string {
  const out: string[] = [];
  const q = (i: number): string => `"${p.iso3[i] ?? '?'}"`;
  for (let x = 0; x < p.n; x++) {
    out.push(`state(${q(x)}). group(${q(x)},g${p.group[x] ?? 0}).`);
    for (const i of maskToInstruments(p.inst[x] ?? 0)) out.push(`party(${q(x)},"${i}").`);
    if (p.canReview[x]) out.push(`canreview(${q(x)}).`);
    const c = p.capBase[x] ?? 0;
    if (c < UNLIMITED) out.push(`cap(${q(x)},${c}).`);
  }
  for (const rv of p.reviewed) {
    const r = q(rv.idx);
    out.push(`reviewed(${r}). maxtotal(${r},${rv.maxTotal}).`);
    const insts = maskToInstruments(rv.fullMask);
    for (const i of insts) out.push(`reviewfor(${r},"${i}").`);
    out.push(`base(${r},"${insts[0] ?? 'UNTOC'}").`);
    for (const s of rv.seats) {
      // A State in no group has its same-group seat opened to any group (as in the solver).
      const kind =
        s.filter === 10
          ? 'any'
          : s.kind === 'same-group'
            ? 'same'
            : s.kind === 'other-group'
              ? 'other'
              : 'any';
      out.push(`seat(${r},${s.seatNo},${kind}).`);
    }
  }
  for (const key of p.exclusions) out.push(`excluded(${q(Math.floor(key / p.n))},${q(key % p.n)}).`);
  for (const key of p.historyPairs) out.push(`hist(${q(Math.floor(key / p.n))},${q(key % p.n)}).`);
  if (policy.extraReviewerForMissingInstruments) out.push('extras.');
  if (policy.distinctReviewerGroups) out.push('distinct.');
  if (policy.noMutual) out.push('nomutual.');
  return out.join('\n');
}

export interface ClingoRun {
  verdict: 'sat' | 'unsat' | 'unknown' | 'missing';
  ms: number;
  detail?: string;
}

export function clingoAvailable(): boolean {
  return spawnSync('clingo', ['--version'], { encoding: 'utf8' }).status === 0;
}

export function runClingo(facts: string, timeLimitSeconds = 60, seed = 1): ClingoRun {
  const t0 = performance.now();
  const res = spawnSync(
    'clingo',
    [ENCODING, '-', '-q', `--time-limit=${timeLimitSeconds}`, `--seed=${seed}`, '--rand-freq=0.0'],
    { input: facts, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const ms = performance.now() - t0;
  if (res.error) return { verdict: 'missing', ms, detail: res.error.message };
  const text = res.stdout ?? '';
  if (/\bUNSATISFIABLE\b/.test(text)) return { verdict: 'unsat', ms };
  if (/\bSATISFIABLE\b/.test(text)) return { verdict: 'sat', ms };
  return { verdict: 'unknown', ms, detail: (res.stderr ?? '').slice(0, 200) };
}
