/**
 * Builds a Lambda bundle the way `AppFunction` does, outside CDK: the esbuild options are
 * translated from the one `FUNCTION_BUNDLING` object (never restated here), following
 * aws-cdk-lib's `Bundling.buildEsbuildArgs`, and the `afterBundling` hook commands are run on
 * the output folder. Used by the PDF bundle test and the cold-start bench.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { FUNCTION_BUNDLING, PROJECT_ROOT } from '#infra/constructs/app-function.ts';

/** CDK's default externals: the SDK is left to the runtime unless `bundleAwsSDK` is set. */
const externalsOf = (b: BundlingOptions): string[] =>
  b.externalModules ?? (b.bundleAwsSDK ? [] : ['@aws-sdk/*']);

/** `--alias:pkg=path` entries of `esbuildArgs` (the only extra esbuild flags we use) as esbuild's `alias`. */
const aliasesOf = (b: BundlingOptions): Record<string, string> => {
  const alias: Record<string, string> = {};
  for (const [key, value] of Object.entries(b.esbuildArgs ?? {})) {
    const name = /^--alias:(.+)$/.exec(key)?.[1];
    if (name === undefined || typeof value !== 'string')
      throw new Error(`unsupported esbuildArgs entry ${key}`);
    alias[name] = value;
  }
  return alias;
};

/** The esbuild build options CDK derives from `bundling` (same flags, API spelling). */
const esbuildOptionsFor = (bundling: BundlingOptions = FUNCTION_BUNDLING): BuildOptions => {
  const sourcemap = bundling.sourceMapMode ?? (bundling.sourceMap ? 'default' : undefined);
  return {
    bundle: true,
    platform: 'node',
    target: bundling.target ?? 'node22',
    format: bundling.format === 'esm' ? 'esm' : 'cjs',
    minify: bundling.minify ?? false,
    ...(sourcemap === undefined ? {} : { sourcemap: sourcemap === 'default' ? true : sourcemap }),
    sourcesContent: bundling.sourcesContent ?? true,
    external: externalsOf(bundling),
    ...(bundling.loader ? { loader: bundling.loader as BuildOptions['loader'] } : {}),
    ...(bundling.define ? { define: bundling.define } : {}),
    ...(bundling.keepNames ? { keepNames: true } : {}),
    ...(bundling.banner ? { banner: { js: bundling.banner } } : {}),
    ...(bundling.footer ? { footer: { js: bundling.footer } } : {}),
    ...(bundling.mainFields ? { mainFields: bundling.mainFields } : {}),
    ...(bundling.inject ? { inject: bundling.inject } : {}),
    ...(bundling.esbuildArgs ? { alias: aliasesOf(bundling) } : {}),
    logLevel: 'error',
  };
};

export interface BundleInput {
  /** Entry file relative to the repository root (e.g. `functions/summaries.ts`)... */
  entry?: string;
  /** ...or TypeScript source resolved from the repository root (aliases work). */
  source?: string;
  outdir: string;
  bundling?: BundlingOptions;
}

/** Bytes in the bundle per package (node_modules) or per top-level source folder, largest first. */
export const largestInputs = (metafile: Metafile, count: number): [string, number][] => {
  const output = Object.entries(metafile.outputs).find(([file]) => /\.m?js$/.test(file))?.[1];
  const byPackage = new Map<string, number>();
  for (const [path, input] of Object.entries(output?.inputs ?? {})) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + input.bytesInOutput);
  }
  return [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, count);
};

export interface Bundle {
  file: string;
  bytes: number;
  metafile: Metafile;
}

/** Bundles one entry into `outdir/index.mjs` (or `.js`) and runs the afterBundling hook there. */
export const bundleFunction = async (input: BundleInput): Promise<Bundle> => {
  const bundling = input.bundling ?? FUNCTION_BUNDLING;
  const options = esbuildOptionsFor(bundling);
  mkdirSync(input.outdir, { recursive: true });
  const file = join(input.outdir, options.format === 'esm' ? 'index.mjs' : 'index.js');
  const result = await build({
    ...options,
    absWorkingDir: PROJECT_ROOT,
    outfile: file,
    metafile: true,
    ...(input.source === undefined
      ? { entryPoints: [join(PROJECT_ROOT, input.entry ?? 'functions/system.ts')] }
      : {
          stdin: { contents: input.source, resolveDir: PROJECT_ROOT, sourcefile: 'entry.ts', loader: 'ts' },
        }),
  });
  for (const command of bundling.commandHooks?.afterBundling(PROJECT_ROOT, input.outdir) ?? []) {
    execFileSync('bash', ['-c', command], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return { file, bytes: statSync(file).size, metafile: result.metafile };
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
