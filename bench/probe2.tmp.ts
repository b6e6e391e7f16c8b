import { join } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptionsFor } from './lib/bundle.ts';
import { PROJECT_ROOT } from '#infra/constructs/app-function.ts';
const name = process.argv[2] ?? 'dialogue';
const r = await build({ ...esbuildOptionsFor(), absWorkingDir: PROJECT_ROOT, outfile: `/tmp/perf-b/shim/${name}/index.mjs`, metafile: true, entryPoints: [join(PROJECT_ROOT, `functions/${name}.ts`)], alias: { '@aws-sdk/credential-provider-node': './shared/aws/tmpshim/cred.mjs' } });
const out = Object.values(r.metafile.outputs).find((o) => o.entryPoint)!;
const rows = Object.entries(out.inputs).map(([p, i]) => [p.replace(/.*node_modules\//, ''), i.bytesInOutput] as const).sort((a, b) => b[1] - a[1]);
const groups = new Map<string, number>();
for (const [p, n] of rows) { const g = p.split('/').slice(0, p.startsWith('@') ? (p.includes('submodules') ? 5 : 2) : 1).join('/'); groups.set(g, (groups.get(g) ?? 0) + n); }
console.log('total', out.bytes);
for (const [g, n] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(String(n).padStart(8), g);
