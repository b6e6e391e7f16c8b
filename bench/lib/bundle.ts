/**
 * Builds a Lambda bundle the way `AppFunction` does, outside CDK: the esbuild options are
 * translated from the one `FUNCTION_BUNDLING` object (never restated here), following
 * aws-cdk-lib's `Bundling.buildEsbuildArgs`, and the `afterBundling` hook commands are run on
 * the output folder. Used by the PDF bundle test and the cold-start bench.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build, type Metafile } from 'esbuild';
import { esbuildOptionsFor } from '#infra/bundling/esbuild-options.ts';
import { FUNCTION_BUNDLING, PROJECT_ROOT } from '#infra/constructs/app-function.ts';

/** Where `source` inputs are written to be bundled (git-ignored; each file removed after its build). */
const PROBES = join(PROJECT_ROOT, '.bundle-probes');

export interface BundleInput {
  /** Entry file relative to the repository root (e.g. `functions/summaries.ts`)... */
  entry?: string;
  /** ...or TypeScript source resolved from the repository root (aliases work). */
  source?: string;
  outdir: string;
  bundling?: BundlingOptions;
}

/**
 * The code files of a (split) bundle: `init` = index.mjs and the chunks it imports statically
 * (what a cold start loads), `lazy` = the chunks only dynamic imports reach (loaded on first use).
 */
const codeOutputs = (metafile: Metafile): { init: string[]; lazy: string[] } => {
  const code = Object.keys(metafile.outputs).filter((f) => /\.m?js$/.test(f));
  const entry = code.find((f) => metafile.outputs[f]?.entryPoint !== undefined) ?? code[0];
  const init = new Set<string>();
  const visit = (file: string | undefined): void => {
    if (file === undefined || init.has(file) || !metafile.outputs[file]) return;
    init.add(file);
    for (const imp of metafile.outputs[file]?.imports ?? [])
      if (imp.kind === 'import-statement') visit(imp.path);
  };
  visit(entry);
  return { init: [...init], lazy: code.filter((f) => !init.has(f)) };
};

/** Bytes per package (node_modules) or per top-level source folder in `files` of the bundle, largest first. */
export const largestInputs = (
  metafile: Metafile,
  count: number,
  files: string[] = codeOutputs(metafile).init,
): [string, number][] => {
  const byPackage = new Map<string, number>();
  for (const file of files) {
    for (const [path, input] of Object.entries(metafile.outputs[file]?.inputs ?? {})) {
      const pkg =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + input.bytesInOutput);
    }
  }
  return [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, count);
};

export interface Bundle {
  file: string;
  /** Code a cold start loads: index.mjs and the chunks it imports statically. */
  bytes: number;
  /** Code in chunks loaded on first use (dynamic imports; infra/bundling/split.ts). */
  lazyBytes: number;
  /** Of the build as deployed (after the split step). */
  metafile: Metafile;
}

/**
 * Bundles one entry into `outdir/index.mjs` (or `.js`) as CDK does (with `index.meta.json` when
 * the options ask for a metafile) and runs the afterBundling hook there, from the project root.
 */
export const bundleFunction = async (input: BundleInput): Promise<Bundle> => {
  const bundling = input.bundling ?? FUNCTION_BUNDLING;
  mkdirSync(input.outdir, { recursive: true });
  // A source is bundled from a file in the project (aliases resolve; the split step rebuilds it).
  const probe =
    input.source === undefined ? undefined : join(PROBES, `${basename(input.outdir)}-${randomUUID()}.ts`);
  if (probe !== undefined) {
    mkdirSync(PROBES, { recursive: true });
    writeFileSync(probe, input.source ?? '');
  }
  try {
    return await buildAndHook(
      bundling,
      input.outdir,
      probe ?? join(PROJECT_ROOT, input.entry ?? 'functions/system.ts'),
    );
  } finally {
    if (probe !== undefined) rmSync(probe, { force: true });
  }
};

const buildAndHook = async (bundling: BundlingOptions, outdir: string, entry: string): Promise<Bundle> => {
  const options = esbuildOptionsFor(bundling);
  const file = join(outdir, options.format === 'esm' ? 'index.mjs' : 'index.js');
  const result = await build({
    ...options,
    absWorkingDir: PROJECT_ROOT,
    outfile: file,
    metafile: true,
    entryPoints: [entry],
  });
  if (bundling.metafile) writeFileSync(join(outdir, 'index.meta.json'), JSON.stringify(result.metafile));
  const splitMeta = join(outdir, '..', `${basename(outdir)}.split-meta.json`);
  for (const command of bundling.commandHooks?.afterBundling(PROJECT_ROOT, outdir) ?? []) {
    execFileSync('bash', ['-c', command], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, SPLIT_METAFILE_OUT: splitMeta },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const metafile = existsSync(splitMeta)
    ? (JSON.parse(readFileSync(splitMeta, 'utf8')) as Metafile)
    : result.metafile;
  rmSync(splitMeta, { force: true });
  const { init, lazy } = codeOutputs(metafile);
  const size = (files: string[]) => files.reduce((n, f) => n + statSync(join(PROJECT_ROOT, f)).size, 0);
  return { file, bytes: size(init), lazyBytes: size(lazy), metafile };
};

/**
 * The SDK as the Lambda Node.js runtime provides it to an externalised bundle: a node_modules
 * folder outside the task folder holding the `@aws-sdk/*` packages package.json names and what
 * they depend on (read from package-lock.json), and nothing else — so a bundle run beside it finds
 * the SDK and only the SDK. Entries are symlinks into the project's node_modules.
 */
export const provideRuntimeSdk = (root: string): string[] => {
  const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<
      string,
      { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> }
    >;
  };
  const seen = new Set<string>();
  const visit = (name: string): void => {
    const entry = lock.packages[`node_modules/${name}`];
    if (seen.has(name) || !entry) return;
    seen.add(name);
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.peerDependencies })) visit(dep);
  };
  for (const dep of Object.keys(lock.packages['']?.dependencies ?? {}))
    if (dep.startsWith('@aws-sdk/')) visit(dep);
  for (const name of seen) {
    const link = join(root, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(PROJECT_ROOT, 'node_modules', name), link);
  }
  return [...seen].sort();
};
