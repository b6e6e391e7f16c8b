/**
 * Cold start of every Lambda function: the size of its bundle (built with AppFunction's own
 * bundling options, minified) and its module init time — `import()` of the bundle in a fresh
 * Node process with the deployed NODE_OPTIONS (`--enable-source-maps`), median of several runs.
 * The baseline of each init figure is the same measurement for an empty module (the floor of
 * process start + ESM loader), so the ratio is stable on a loaded machine.
 *
 * Two "what if" size figures per run show the two biggest levers found in the metafiles (see
 * docs/benchmarks.md): leaving `@aws-sdk/*` to the Lambda runtime's copy, and zod imported as a
 * namespace (`import * as z from 'zod'`), which lets esbuild drop zod's 40 locales (~260 KB).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SCHEDULED_FUNCTION } from '#infra/access.ts';
import { FUNCTION_BUNDLING } from '#infra/constructs/app-function.ts';
import { FUNCTION_NAMES } from '#shared/http/route.ts';
import { type Bundle, bundleFunction, largestInputs } from '../lib/bundle.ts';
import { median } from '../lib/stats.ts';
import type { BenchResult, BenchSuite } from '../types.ts';

const RUNS = 5;
const SIZE_TARGET_KB = 300;
const INIT_TARGET_MS = 150;

/** Milliseconds to `import()` the module at `file` in a fresh process (as Lambda's init does). */
const initMs = (file: string): number => {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const run = spawnSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
    cwd: tmpdir(),
    env: {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'us-east-1',
      TABLE_NAME: 'bench',
      BUCKET_NAME: 'bench-docs',
    },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`init of ${file} failed: ${run.stderr}`);
  return Number(run.stdout);
};

const medianInit = (file: string): number => median(Array.from({ length: RUNS }, () => initMs(file)));

const kb = (bytes: number): number => Number((bytes / 1024).toFixed(1));

export const suite: BenchSuite = {
  name: 'cold-start',
  async run(): Promise<BenchResult[]> {
    const root = mkdtempSync(join(tmpdir(), 'cop-review-cold-'));
    try {
      const empty = join(root, 'empty.mjs');
      writeFileSync(empty, 'export const handler = async () => ({});\n');
      const floor = medianInit(empty);
      const results: BenchResult[] = [];
      const names = [...FUNCTION_NAMES, SCHEDULED_FUNCTION];
      for (const name of names) {
        const entry = `functions/${name}.ts`;
        const bundle: Bundle = await bundleFunction({ entry, outdir: join(root, name) });
        const sdkExternal = await bundleFunction({
          entry,
          outdir: join(root, `${name}-sdk-external`),
          bundling: { ...FUNCTION_BUNDLING, bundleAwsSDK: false },
        });
        const bothFixes = await bundleFunction({
          entry,
          outdir: join(root, `${name}-sdk-external-zod-ns`),
          bundling: { ...FUNCTION_BUNDLING, bundleAwsSDK: false },
          zodNamespaceImport: true,
        });
        const top = largestInputs(bundle.metafile, 4)
          .map(([pkg, bytes]) => `${pkg} ${kb(bytes)} KB`)
          .join(', ');
        results.push(
          {
            name: `cold-start.${name}.bundle-size`,
            value: kb(bundle.bytes),
            unit: 'KB',
            target: SIZE_TARGET_KB,
            better: 'lower',
            note: `minified index.mjs as deployed (SDK bundled); largest inputs: ${top}`,
          },
          {
            name: `cold-start.${name}.bundle-size.what-if-sdk-external-zod-namespace`,
            value: kb(bothFixes.bytes),
            unit: 'KB',
            target: SIZE_TARGET_KB,
            better: 'lower',
            baseline: kb(bundle.bytes),
            note: `not deployed: @aws-sdk/* external ${kb(sdkExternal.bytes)} KB; plus zod as namespace import ${kb(bothFixes.bytes)} KB; baseline = as deployed`,
          },
          {
            name: `cold-start.${name}.init`,
            value: Number(medianInit(bundle.file).toFixed(1)),
            unit: 'ms',
            target: INIT_TARGET_MS,
            better: 'lower',
            baseline: Number(floor.toFixed(1)),
            note: `median of ${RUNS} fresh processes, --enable-source-maps; baseline = empty module`,
          },
        );
      }
      return results;
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
};
