/**
 * Builds the web UI into web/dist: one esbuild bundle of web/src/main.ts (Preact, no JSX so the
 * root tsconfig type-checks it as plain TypeScript) plus the static files of web/public.
 * `npm run build:web`; `npm start` and the e2e tests call `buildWeb()` before serving /ui/.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface BuildWebOptions {
  /** Output folder (default web/dist). */
  outDir?: string;
  /** Minify (default true); source maps are always written. */
  minify?: boolean;
}

/**
 * zod's classic namespace re-exports every message locale (~260 KB); the UI only needs the English
 * messages zod configures by default, so the locale index is replaced by English alone.
 */
const englishZodOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/zod/`)
        ? { path: join(dirname(args.importer), '../locales/en.js') }
        : undefined,
    );
  },
};

/** Bundles the UI and copies the static assets; returns the output folder. */
export const buildWeb = async (opts: BuildWebOptions = {}): Promise<string> => {
  const outDir = resolve(opts.outDir ?? join(ROOT, 'web/dist'));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(join(ROOT, 'web/public'), outDir, { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'web/src/main.ts')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: opts.minify ?? true,
    sourcemap: true,
    legalComments: 'linked',
    logLevel: 'warning',
    plugins: [englishZodOnly],
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return outDir;
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildWeb();
  console.log(`web UI built in ${out}`);
}
