import { join } from 'node:path';
import { bundleFunction } from './lib/bundle.ts';
const name = process.argv[2] ?? 'dialogue';
const b = await bundleFunction({ entry: `functions/${name}.ts`, outdir: join('/tmp/perf-b/d', name) });
const out = Object.values(b.metafile.outputs).find((o) => o.entryPoint)!;
const rows = Object.entries(out.inputs).map(([p, i]) => [p.replace(/.*node_modules\//, ''), i.bytesInOutput] as const).sort((a, b) => b[1] - a[1]);
let sdk = 0; for (const [p, n] of rows) if (/^@(aws-sdk|smithy|aws-crypto|aws\/)|^(tslib|bowser|mnemonist|obliterator|fast-xml|strnum)/.test(p)) sdk += n;
console.log('total', b.bytes, 'sdk', sdk);
for (const [p, n] of rows.slice(0, Number(process.argv[3] ?? 50))) console.log(String(n).padStart(8), p);
