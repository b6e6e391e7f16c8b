/**
 * `npm run summaries:regenerate -- --cycle <cycleId> [--url http://127.0.0.1:3000]`
 * Regenerates the draft summary of every ready review of a cycle on a running local platform,
 * one review at a time through the API, with a progress bar. Exit code 1 if any failed.
 */
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { cycle: { type: 'string' }, url: { type: 'string', default: 'http://127.0.0.1:3000' } },
});
if (!values.cycle) {
  console.error('usage: npm run summaries:regenerate -- --cycle <cycleId> [--url http://127.0.0.1:3000]');
  process.exit(2);
}
const base = values.url.replace(/\/$/, '');

const call = async (method: string, path: string, token?: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
};

const bar = (done: number, total: number) => {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
};

const signIn = await call('POST', '/dev/sign-in', undefined, { sub: 'secretariat-1' });
const token = String(signIn.json.token ?? '');
if (!token) {
  console.error(`cannot sign in at ${base}: is \`npm start\` running?`);
  process.exit(1);
}
const listed = await call('GET', `/cycles/${values.cycle}/reviews`, token);
if (listed.status !== 200) {
  console.error(`cycle ${values.cycle}: ${JSON.stringify(listed.json)}`);
  process.exit(1);
}
const reviews = (listed.json.reviews ?? []) as { reviewId: string; state: string }[];
let done = 0;
let skipped = 0;
const failed: string[] = [];
for (const [i, r] of reviews.entries()) {
  if (r.state !== 'observations-agreed') skipped++;
  else {
    const res = await call('POST', `/reviews/${r.reviewId}/summaries/combined`, token);
    if (res.status === 201) done++;
    else if (res.status === 409) skipped++;
    else failed.push(`${r.reviewId}: ${JSON.stringify(res.json)}`);
  }
  process.stderr.write(
    `\r${bar(i + 1, reviews.length)}  generated ${done}, skipped ${skipped}, failed ${failed.length}`,
  );
}
process.stderr.write('\n');
for (const f of failed) console.error(f);
console.log(JSON.stringify({ total: reviews.length, generated: done, skipped, failed: failed.length }));
process.exit(failed.length ? 1 : 0);
