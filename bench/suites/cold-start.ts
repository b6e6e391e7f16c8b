/**
 * Cold start of every Lambda function: the size of the code a cold start loads (built with
 * AppFunction's own bundling options and hook, minified: index.mjs and the chunks it imports
 * statically; the chunks only dynamic imports reach, and the data files and fonts the hook copies
 * beside it, are reported apart and do not count) and its module init — `import()` of the bundle in a fresh Node process
 * with the deployed NODE_OPTIONS (`--enable-source-maps`), median of several runs. The init
 * figure is the process's CPU time for the import (the work init does; on an idle core the wall
 * time is about the same), because on the shared 2-core machine the wall time mostly measures
 * the queue for a core; the wall time is in the note. The baseline of each init figure is the
 * same measurement for an empty module.
 *
 * The SDK packaging decision is measured both ways in the same run: as deployed (SDK bundled)
 * and with `@aws-sdk/*` external, run beside a node_modules holding only the SDK packages, as
 * the Node.js 22 runtime provides its own copy (`provideRuntimeSdk`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SCHEDULED_FUNCTION } from '#infra/access.ts';
import { functionBundling } from '#infra/constructs/app-function.ts';
import { FUNCTION_NAMES } from '#shared/http/route.ts';
import { type Bundle, bundleFunction, largestInputs, provideRuntimeSdk } from '../lib/bundle.ts';
import { median } from '../lib/stats.ts';
import type { BenchResult, BenchSuite } from '../types.ts';

const RUNS = 7;
const SIZE_TARGET_KB = 300;
const INIT_TARGET_MS = 150;

interface Init {
  wallMs: number;
  cpuMs: number;
}

/** Wall and CPU milliseconds to `import()` the module at `file` in a fresh process (as Lambda's init does). */
const initOnce = (file: string): Init => {
  const script = `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); const w = performance.now() - t; const u = process.cpuUsage(c); process.stdout.write(JSON.stringify({ wallMs: w, cpuMs: (u.user + u.system) / 1000 }));`;
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
  return JSON.parse(run.stdout) as Init;
};

/** Medians of RUNS runs; the files are interleaved so that load spikes hit all of them alike. */
const medianInits = (files: string[]): Init[] => {
  const samples = files.map(() => [] as Init[]);
  for (let i = 0; i < RUNS; i++) {
    for (const [j, file] of files.entries()) samples[j]?.push(initOnce(file));
  }
  return samples.map((s) => ({
    wallMs: median(s.map((x) => x.wallMs)),
    cpuMs: median(s.map((x) => x.cpuMs)),
  }));
};

const kb = (bytes: number): number => Number((bytes / 1024).toFixed(1));
const ms = (value: number): number => Number(value.toFixed(1));

/** Bytes of the files the afterBundling hook copied beside the code: fonts, and data/ (JSON). */
const assetBytes = (dir: string): { fonts: number; data: number } => {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => !/\.m?js(\.map)?$/.test(f))
    .map((f) => ({ f, stat: statSync(join(dir, f)) }))
    .filter(({ stat }) => stat.isFile());
  const sum = (list: typeof files) => list.reduce((total, { stat }) => total + stat.size, 0);
  return {
    fonts: sum(files.filter(({ f }) => !f.startsWith('data'))),
    data: sum(files.filter(({ f }) => f.startsWith('data'))),
  };
};

export const suite: BenchSuite = {
  name: 'cold-start',
  async run(): Promise<BenchResult[]> {
    const root = mkdtempSync(join(tmpdir(), 'cop-review-cold-'));
    try {
      const empty = join(root, 'empty.mjs');
      writeFileSync(empty, 'export const handler = async () => ({});\n');
      // The externalised bundles live in root/task/<fn>, the runtime's SDK copy in root/node_modules.
      const sdkPackages = provideRuntimeSdk(root);
      const results: BenchResult[] = [];
      const names = [...FUNCTION_NAMES, SCHEDULED_FUNCTION];
      for (const name of names) {
        const entry = `functions/${name}.ts`;
        const bundle: Bundle = await bundleFunction({ entry, outdir: join(root, 'bundled', name) });
        const external = await bundleFunction({
          entry,
          outdir: join(root, 'task', name),
          bundling: functionBundling({ bundleAwsSDK: false }),
        });
        const [floor, deployed, runtimeSdk] = medianInits([empty, bundle.file, external.file]);
        if (!floor || !deployed || !runtimeSdk) throw new Error('missing init samples');
        const top = largestInputs(bundle.metafile, 4)
          .map(([pkg, bytes]) => `${pkg} ${kb(bytes)} KB`)
          .join(', ');
        const assets = assetBytes(join(root, 'bundled', name));
        const assetNote = [
          assets.fonts > 0 ? `; font files beside it ${kb(assets.fonts)} KB (not counted)` : '',
          assets.data > 0 ? `; data files (data/*.json) beside it ${kb(assets.data)} KB (not counted)` : '',
        ].join('');
        const initNote = (i: Init): string =>
          `CPU time, median of ${RUNS} fresh processes, --enable-source-maps; wall ${ms(i.wallMs)} ms (empty module ${ms(floor.wallMs)})`;
        results.push(
          {
            name: `cold-start.${name}.bundle-size`,
            value: kb(bundle.bytes),
            unit: 'KB',
            target: SIZE_TARGET_KB,
            better: 'lower',
            note: `minified code a cold start loads, as deployed (SDK bundled): index.mjs and the chunks it imports statically${assetNote}; chunks loaded on first use (dynamic imports, infra/bundling/split.ts) ${kb(bundle.lazyBytes)} KB (not counted); largest inputs: ${top}`,
          },
          {
            name: `cold-start.${name}.lazy-chunks-size`,
            value: kb(bundle.lazyBytes),
            unit: 'KB',
            target: null,
            better: 'lower',
            note: 'minified code in chunks only dynamic imports reach (renderers, ExcelJS, the OpenAPI document, the SDK event streams): loaded on first use, not at init',
          },
          {
            name: `cold-start.${name}.init`,
            value: ms(deployed.cpuMs),
            unit: 'ms',
            target: INIT_TARGET_MS,
            better: 'lower',
            baseline: ms(floor.cpuMs),
            note: `as deployed (SDK bundled); ${initNote(deployed)}; baseline = empty module`,
          },
          {
            name: `cold-start.${name}.bundle-size.what-if-sdk-external`,
            value: kb(external.bytes),
            unit: 'KB',
            target: SIZE_TARGET_KB,
            better: 'lower',
            baseline: kb(bundle.bytes),
            note: 'not deployed: @aws-sdk/* left to the runtime; baseline = as deployed',
          },
          {
            name: `cold-start.${name}.init.what-if-sdk-external`,
            value: ms(runtimeSdk.cpuMs),
            unit: 'ms',
            target: INIT_TARGET_MS,
            better: 'lower',
            baseline: ms(deployed.cpuMs),
            note: `not deployed: @aws-sdk/* from a node_modules beside the task holding only the SDK (${sdkPackages.length} packages, as the runtime provides it); ${initNote(runtimeSdk)}; baseline = as deployed`,
          },
        );
      }
      return results;
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
};
