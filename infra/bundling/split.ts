/**
 * The split step of every function's afterBundling hook (infra/constructs/app-function.ts):
 * CDK's `NodejsFunction` builds one `--outfile`, so a module the code imports dynamically (the
 * PDF and Word renderers, ExcelJS, the OpenAPI document) ends up inlined in `index.mjs`, parsed
 * at every cold start although evaluated only on first use. When the build's metafile shows a
 * dynamic import reaching enough code, this rebuilds the same entry with the same options and code splitting into the
 * same folder: `index.mjs` with what init needs, `<name>-<hash>.mjs` chunks loaded on first use
 * (beside it, so that code finding its fonts and data/ beside the running module finds them).
 *
 *   node --import tsx infra/bundling/split.ts <outputDir> <esbuild options, base64 JSON>
 *
 * Reads and removes `<outputDir>/index.meta.json` (written because FUNCTION_BUNDLING sets
 * `metafile`); the split build's metafile goes to `$SPLIT_METAFILE_OUT` when set (the bench).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';

const [outputDir, encoded] = process.argv.slice(2);
if (!outputDir || !encoded) throw new Error('usage: split.ts <outputDir> <base64 options>');
const metaPath = join(outputDir, 'index.meta.json');
const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Metafile;
rmSync(metaPath);
/**
 * Below this many bytes of code that only dynamic imports reach, splitting is not worth a second
 * build (every function has some: the SDK loads its event-stream code that way, ~50 KB).
 */
const SPLIT_FROM_LAZY_BYTES = 100 * 1024;

const out = Object.values(meta.outputs).find((o) => o.entryPoint !== undefined);
const entry = out?.entryPoint;

/** Bytes in the output of the inputs the entry does not reach through static imports. */
const lazyBytes = (): number => {
  const eager = new Set<string>();
  const visit = (path: string): void => {
    if (eager.has(path)) return;
    eager.add(path);
    for (const imp of meta.inputs[path]?.imports ?? []) {
      if (imp.kind !== 'dynamic-import' && !imp.external) visit(imp.path);
    }
  };
  if (entry !== undefined) visit(entry);
  return Object.entries(out?.inputs ?? {})
    .filter(([path]) => !eager.has(path))
    .reduce((n, [, input]) => n + input.bytesInOutput, 0);
};

if (entry !== undefined && existsSync(entry) && lazyBytes() >= SPLIT_FROM_LAZY_BYTES) {
  const options = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as BuildOptions;
  for (const f of ['index.mjs', 'index.mjs.map']) rmSync(join(outputDir, f), { force: true });
  const result = await build({
    ...options,
    entryPoints: { index: entry },
    outdir: outputDir,
    splitting: true,
    chunkNames: '[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    metafile: true,
  });
  if (process.env.SPLIT_METAFILE_OUT)
    writeFileSync(process.env.SPLIT_METAFILE_OUT, JSON.stringify(result.metafile));
} else if (process.env.SPLIT_METAFILE_OUT) {
  writeFileSync(process.env.SPLIT_METAFILE_OUT, JSON.stringify(meta));
}
