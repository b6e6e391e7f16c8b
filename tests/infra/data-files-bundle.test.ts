/**
 * The data files (data/*.json) are not compiled into a Lambda's code: the bundle reads them at
 * run time from data/ beside index.mjs, where AppFunction's afterBundling hook copies the ones it
 * names (shared/data-files.ts). Bundled with AppFunction's own options (bench/lib/bundle.ts) and
 * run in a fresh Node process from a folder with nothing of the repository above it, as in
 * /var/task.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction } from '../../bench/lib/bundle.ts';

/** Touches every reader of a data file and prints what each found. */
const PROBE = `
import { loadReferenceData } from '#shared/reference-data.ts';
import { listQuestionnaires } from '#shared/domain/questionnaire/catalog.ts';
import { shippedSets } from '#shared/domain/response-report/country-sets.ts';
import { resolveParticipant } from '#shared/domain/registry/untc.ts';
process.stdout.write(JSON.stringify({
  states: loadReferenceData().states.length,
  questionnaires: listQuestionnaires().map((q) => q.id),
  sets: shippedSets().map((s) => s.id),
  france: resolveParticipant('France'),
}));
`;

const runIsolated = (dir: string) =>
  spawnSync(process.execPath, ['index.mjs'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), TABLE_NAME: 'bench', BUCKET_NAME: 'bench-docs' },
    encoding: 'utf8',
    timeout: 60_000,
  });

let root: string;
let outdir: string;
let inputs: string[];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cop-review-data-bundle-'));
  outdir = join(root, 'probe');
  const bundle = await bundleFunction({ source: PROBE, outdir });
  inputs = Object.keys(bundle.metafile.inputs);
}, 120_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('data files in a Lambda bundle', () => {
  it('are not part of the code', () => {
    expect(inputs.filter((p) => p.endsWith('.json') && p.includes('data/'))).toEqual([]);
  });

  it('are copied beside the code and read from there', () => {
    expect(readdirSync(join(outdir, 'data')).sort()).toEqual([
      'country-sets.json',
      'questionnaires',
      'states-parties.json',
      'untc-names.json',
    ]);
    const run = runIsolated(outdir);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as {
      states: number;
      questionnaires: string[];
      sets: string[];
      france: unknown;
    };
    expect(out.states).toBeGreaterThan(180);
    expect(out.questionnaires).toEqual(['untoc-convention', 'untoc-tip', 'untoc-som', 'untoc-firearms']);
    expect(out.sets).toContain('rcm');
    expect(out.france).toEqual({ kind: 'state', iso3: 'FRA' });
  });

  it('fail loudly when missing, so the test above depends on the copies', () => {
    rmSync(join(outdir, 'data', 'states-parties.json'));
    const run = runIsolated(outdir);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('data file states-parties.json is neither beside the code nor in data/');
  });

  it('are copied only into bundles that read them', async () => {
    const plain = join(root, 'plain');
    await bundleFunction({
      source: 'export const handler = async () => ({ statusCode: 204 });',
      outdir: plain,
    });
    expect(existsSync(join(plain, 'data'))).toBe(false);
  }, 60_000);
});
