/**
 * Runs every bench suite (bench/suites/*.ts, each exporting `suite: BenchSuite`) in sequence,
 * prints a table and writes bench/results/latest.json (an array of BenchResult).
 *
 *   npm run bench [-- <filter>]   only suites whose name (or file name) contains <filter>;
 *                                 results of the other suites already in latest.json are kept.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult, BenchSuite } from './types.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const suitesDir = join(here, 'suites');
const resultsDir = join(here, 'results');
const latest = join(resultsDir, 'latest.json');
const filter = process.argv[2];

function isSuite(value: unknown): value is BenchSuite {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as BenchSuite).name === 'string' &&
    typeof (value as BenchSuite).run === 'function'
  );
}

function verdict(r: BenchResult): string {
  if (r.target === null) return '';
  const ok = r.better === 'lower' ? r.value <= r.target : r.value >= r.target;
  return ok ? 'ok' : 'MISSED';
}

function fmt(v: number | undefined): string {
  if (v === undefined) return '';
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

const LOAD_SAMPLE_SECONDS = 10;
const uptime = (): string => execFileSync('uptime', { encoding: 'utf8' }).trim();

/**
 * The machine's load while a suite runs, as a figure of its own (`<suite>.load-average`): the
 * 1-minute load average sampled every 10 s by a separate process (the suites block their own
 * event loop at times), with `uptime` at the start and the end in the note. The figures of a
 * shared machine are read against it.
 */
const watchLoad = (suite: string): (() => BenchResult) => {
  const start = uptime();
  const samples: number[] = [loadavg()[0] ?? 0];
  const sampler = spawn(
    'bash',
    ['-c', `while sleep ${LOAD_SAMPLE_SECONDS}; do cut -d' ' -f1 /proc/loadavg; done`],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  sampler.stdout.setEncoding('utf8');
  sampler.stdout.on('data', (chunk: string) => {
    for (const v of chunk.split('\n')) if (v.trim() !== '') samples.push(Number(v));
  });
  return () => {
    sampler.kill();
    samples.push(loadavg()[0] ?? 0);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    return {
      name: `${suite}.load-average`,
      value: Number(mean.toFixed(1)),
      unit: 'load',
      target: null,
      better: 'lower',
      note: `1-min load average on ${cpus().length} cores during the suite, mean of ${samples.length} samples (every ${LOAD_SAMPLE_SECONDS} s): min ${Math.min(...samples).toFixed(1)}, max ${Math.max(...samples).toFixed(1)}; uptime at start: ${start}; at end: ${uptime()}`,
    };
  };
};

const files = readdirSync(suitesDir)
  .filter((f) => f.endsWith('.ts'))
  .sort();
const results: BenchResult[] = [];
const ran: string[] = [];
for (const file of files) {
  const mod: Record<string, unknown> = await import(pathToFileURL(join(suitesDir, file)).href);
  const suite = mod.suite;
  if (!isSuite(suite)) {
    process.stderr.write(`bench: ${file} exports no suite, skipped\n`);
    continue;
  }
  if (filter && !suite.name.includes(filter) && !basename(file, '.ts').includes(filter)) continue;
  process.stderr.write(`bench: running ${suite.name}...\n`);
  const t0 = performance.now();
  const load = watchLoad(suite.name);
  const out = await suite.run();
  process.stderr.write(`bench: ${suite.name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  results.push(...out, load());
  ran.push(suite.name);
}

const rows = results.map((r) => [
  r.name,
  `${fmt(r.value)} ${r.unit}`,
  r.target === null ? '' : `${r.better === 'lower' ? '≤' : '≥'} ${fmt(r.target)}`,
  r.baseline === undefined ? '' : fmt(r.baseline),
  verdict(r),
  r.note ?? '',
]);
const head = ['name', 'value', 'target', 'baseline', '', 'note'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
const line = (cells: string[]): string =>
  cells
    .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
    .join('  ')
    .trimEnd();
// Timings are wall-clock: report how busy the machine was so the figures can be read fairly.
process.stdout.write(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores\n`,
);
process.stdout.write(`${line(head)}\n${line(widths.map((w) => '-'.repeat(Math.min(w, 40))))}\n`);
for (const row of rows) process.stdout.write(`${line(row)}\n`);

// A filtered run refreshes its own suites' figures and keeps the others.
let merged = results;
if (filter && existsSync(latest)) {
  try {
    const previous = JSON.parse(readFileSync(latest, 'utf8')) as BenchResult[];
    merged = [...previous.filter((r) => !ran.some((s) => r.name.startsWith(`${s}.`))), ...results];
  } catch {
    merged = results;
  }
}
mkdirSync(resultsDir, { recursive: true });
writeFileSync(latest, `${JSON.stringify(merged, null, 2)}\n`);
process.stderr.write(`bench: wrote ${latest} (${merged.length} results)\n`);
