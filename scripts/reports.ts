/**
 * `npm run --silent reports:responses -- --instrument TIP (--set rcm | --states BLZ,CAN) [--cycle <cycleId>]
 *   [--compare-to <cycleId>|previous-version] [--deadline <ISO date-time>] [--format json|csv|xlsx|html|pdf|svg]
 *   [--as <demo user>] [--out <file>] [--url http://127.0.0.1:3000]`
 * The response report from a running platform, through the same API route (GET /reports/responses),
 * so the reader's rights apply: `--as expert@PAN` gets what that expert gets. Writes to stdout
 * unless --out is given (XLSX needs --out). Exit code 1 on an API error, 2 on bad usage.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE =
  'usage: npm run --silent reports:responses -- --instrument TIP (--set rcm | --states BLZ,CAN) [--cycle C] [--compare-to C|previous-version] [--deadline ISO] [--format json|csv|xlsx|html|pdf|svg] [--as secretariat-1] [--out file] [--url http://127.0.0.1:3000]';

const { values } = parseArgs({
  options: {
    instrument: { type: 'string' },
    set: { type: 'string' },
    states: { type: 'string' },
    cycle: { type: 'string' },
    'compare-to': { type: 'string' },
    deadline: { type: 'string' },
    format: { type: 'string', default: 'json' },
    as: { type: 'string', default: 'secretariat-1' },
    out: { type: 'string' },
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
  },
});
if (!values.instrument || (values.set === undefined) === (values.states === undefined)) {
  console.error(USAGE);
  process.exit(2);
}
if ((values.format === 'xlsx' || values.format === 'pdf') && !values.out) {
  console.error(`--format ${values.format} writes a binary file: give --out <file>.${values.format}`);
  process.exit(2);
}
const base = values.url.replace(/\/$/, '');
const signIn = await fetch(`${base}/dev/sign-in`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ sub: values.as }),
}).catch(() => null);
const token = signIn?.ok ? ((await signIn.json()) as { token?: string }).token : undefined;
if (!token) {
  console.error(`cannot sign in as ${values.as} at ${base}: is \`npm start\` running?`);
  process.exit(1);
}
const query = new URLSearchParams({ instrument: values.instrument, format: values.format });
if (values.set) query.set('set', values.set);
if (values.states) query.set('states', values.states);
if (values.cycle) query.set('cycleId', values.cycle);
if (values['compare-to']) query.set('compareTo', values['compare-to']);
if (values.deadline) query.set('deadline', values.deadline);
const res = await fetch(`${base}/reports/responses?${query}`, {
  headers: { authorization: `Bearer ${token}` },
});
const bytes = new Uint8Array(await res.arrayBuffer());
if (!res.ok) {
  console.error(`${res.status}: ${Buffer.from(bytes).toString('utf8')}`);
  process.exit(1);
}
if (values.out) {
  writeFileSync(values.out, bytes);
  console.error(`wrote ${values.out} (${bytes.byteLength} bytes)`);
} else process.stdout.write(bytes);
