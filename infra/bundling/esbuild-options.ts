/**
 * CDK's `BundlingOptions` (the one `FUNCTION_BUNDLING` object) as esbuild build options, with the
 * flags CDK derives from them (aws-cdk-lib's `Bundling.buildEsbuildArgs`, in API spelling): used
 * by the split step of the afterBundling hook (split.ts), the bundle tests and the cold-start bench.
 */
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

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
export const esbuildOptionsFor = (bundling: BundlingOptions): BuildOptions => {
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
