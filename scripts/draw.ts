/**
 * Drawing of lots, offline, on the reference data or any file in the same format.
 *
 *   npm run --silent draw -- --preset untoc --seed <text> [--states <file>] [--under-review <file|all>]
 *                            [--history <file>] [--exclusions <file>] [--secret <s> --cycle-id <id>]
 *                            [--dry-run] [--json]
 *
 * Exit codes: 0 drawn (or dry run printed), 1 bad arguments or inputs, 2 infeasible, 3 undecided.
 * With --json, stdout carries the full draw record (or the dry-run report) and nothing else.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { draw, dryRun } from '#shared/domain/draw/draw.ts';
import {
  type DrawRecord,
  DrawStateSchema,
  ExclusionSchema,
  UnderReviewSchema,
} from '#shared/domain/draw/model.ts';
import { isPresetName, POLICY_PRESETS } from '#shared/domain/draw/policy.ts';
import { commitSecret, deriveSeed } from '#shared/domain/draw/prng.ts';
import { registryFingerprint, unverifiedFacts } from '#shared/domain/registry/diff.ts';
import { loadReferenceData } from '#shared/reference-data.ts';

const StatesFileSchema = z.object({ states: z.array(DrawStateSchema) });
const UnderReviewFileSchema = z.union([
  z.array(z.union([z.string(), UnderReviewSchema])),
  z.object({ underReview: z.array(z.union([z.string(), UnderReviewSchema])) }),
]);
const HistoryFileSchema = z.object({
  loads: z.array(z.object({ iso3: z.string(), year: z.number(), cycle: z.number() })).default([]),
  pairs: z.array(z.object({ reviewer: z.string(), reviewed: z.string() })).default([]),
});

// `draw ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

function fail(message: string, code = 1): never {
  process.stderr.write(`draw: ${message}\n`);
  process.exit(code);
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return fail(`cannot read ${path}: ${(e as Error).message}`);
  }
}

function parseFile<T>(schema: z.ZodType<T>, path: string): T {
  const parsed = schema.safeParse(readJson(path));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`${path}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

const { values } = parseArgs({
  options: {
    preset: { type: 'string', default: 'untoc' },
    seed: { type: 'string' },
    secret: { type: 'string' },
    'cycle-id': { type: 'string' },
    states: { type: 'string' },
    'under-review': { type: 'string', default: 'all' },
    history: { type: 'string' },
    exclusions: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});

if (values.help) {
  process.stdout.write(
    'usage: npm run --silent draw -- --preset untoc|uncac|upr-troika --seed <text> [--states <file>] ' +
      '[--under-review <file|all>] [--history <file>] [--exclusions <file>] [--secret <s> --cycle-id <id>] [--dry-run] [--json]\n',
  );
  process.exit(0);
}
const preset = values.preset ?? 'untoc';
if (!isPresetName(preset)) fail(`unknown preset ${preset} (untoc, uncac, upr-troika)`);
const policy = POLICY_PRESETS[preset];

// The reference data carries the source of every fact: the draw records which registry it read.
const registry = values.states ? undefined : loadReferenceData();
const states = registry ? registry.states : parseFile(StatesFileSchema, values.states as string).states;
const underReviewArg = values['under-review'] ?? 'all';
const underReview =
  underReviewArg === 'all'
    ? states.map((s) => ({ iso3: s.iso3 }))
    : (() => {
        const f = parseFile(UnderReviewFileSchema, underReviewArg);
        const list = Array.isArray(f) ? f : f.underReview;
        return list.map((u) => (typeof u === 'string' ? { iso3: u } : u));
      })();
const history = values.history ? parseFile(HistoryFileSchema, values.history) : { loads: [], pairs: [] };
const exclusions = values.exclusions ? parseFile(z.array(ExclusionSchema), values.exclusions) : [];
const input = {
  ...(values['cycle-id'] ? { cycleId: values['cycle-id'] } : {}),
  states,
  underReview,
  history,
  exclusions,
  ...(registry ? { registry: registryFingerprint(registry) } : {}),
};
/** Facts with no source the draw rests on (only the reference data says which they are). */
const unverified = registry ? unverifiedFacts(registry.states) : [];

if (values['dry-run']) {
  const report = dryRun(input, policy);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...report, registry: input.registry, unverified }, null, 2)}\n`);
  } else {
    process.stdout.write(
      `States under review: ${report.statesUnderReview}, seats to fill: ${report.seatsToFill}\n`,
    );
    process.stdout.write(
      'group                        instrument  seat         demand  eligible  capacity\n',
    );
    for (const r of report.rows) {
      process.stdout.write(
        `${r.group.padEnd(28)} ${r.instrument.padEnd(11)} ${r.seatKind.padEnd(12)} ${String(r.demand).padStart(6)}  ` +
          `${String(r.eligibleReviewers).padStart(8)}  ${String(r.capacity).padStart(8)}${r.ok ? '' : '  SHORT'}\n`,
      );
    }
    for (const c of report.conflicts)
      process.stdout.write(`conflict: ${c.reviewer} must not review ${c.reviewed}\n`);
    for (const p of report.problems) process.stdout.write(`problem: ${p}\n`);
    for (const f of unverified) process.stdout.write(`unverified: ${f.iso3} ${f.fact}\n`);
  }
  process.exit(report.feasibleByCounts ? 0 : 2);
}

let seed = values.seed;
let reveal: { cycleId: string; secret: string; commitment: string } | undefined;
if (values.secret !== undefined) {
  const cycleId = values['cycle-id'];
  if (!cycleId) fail('--secret needs --cycle-id');
  seed = deriveSeed(values.secret, cycleId);
  reveal = { cycleId, secret: values.secret, commitment: commitSecret(values.secret) };
}
if (seed === undefined || seed === '') fail('--seed <text> is required (or --secret with --cycle-id)');

const result = draw(input, policy, seed, reveal ? { reveal } : {});
if (!result.ok) {
  const { kind, reasons } = result.infeasible;
  process.stderr.write(`draw: ${kind === 'invalid-input' ? 'invalid input' : kind}\n`);
  for (const r of reasons) process.stderr.write(`  - ${r}\n`);
  process.exit(kind === 'invalid-input' ? 1 : kind === 'infeasible' ? 2 : 3);
}
const record: DrawRecord = result.record;
if (values.json) {
  process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
} else {
  const groupOf = new Map(states.map((s) => [s.iso3, s.group ?? (s.drawGroup ? `(${s.drawGroup})` : '-')]));
  process.stdout.write(
    `Draw ${record.drawId} — preset ${preset}, seed ${JSON.stringify(record.seed)}, ${record.algorithmVersion}\n` +
      `inputs sha256 ${record.inputDigest}\n\n`,
  );
  process.stdout.write('reviewed  group               instrument  reviewers (reason)\n');
  for (const a of record.assignments) {
    const who = a.reviewers.map((r) => `${r.iso3} (${r.reason})`).join(', ');
    process.stdout.write(
      `${a.reviewed.padEnd(9)} ${String(groupOf.get(a.reviewed)).padEnd(19)} ${a.instrument.padEnd(11)} ${who}\n`,
    );
  }
  const reviewed = new Set(record.assignments.map((a) => a.reviewed)).size;
  process.stdout.write(
    `\n${reviewed} States under review, ${record.assignments.length} assignments, max load ${record.maxLoad}\n`,
  );
  for (const e of record.excluded) process.stdout.write(`not drawn: ${e.iso3} (${e.reason})\n`);
}
