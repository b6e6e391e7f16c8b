import { join } from 'node:path';
import { bundleFunction } from './lib/bundle.ts';
const name = process.argv[2] ?? 'dialogue';
const target = process.argv[3] ?? 'data/questionnaires/untoc-tip.json';
const b = await bundleFunction({ entry: `functions/${name}.ts`, outdir: join('/tmp/perf-b/d', name) });
const importers = (p: string) => Object.entries(b.metafile.inputs).filter(([, i]) => i.imports.some((x) => x.path === p)).map(([k]) => k);
let cur = [target]; const seen = new Set<string>();
for (let d = 0; d < 8 && cur.length; d++) { const next: string[] = []; for (const c of cur) for (const i of importers(c)) if (!seen.has(i)) { seen.add(i); next.push(i); console.log(' '.repeat(d*2), i, '<-', c); } cur = next; }
