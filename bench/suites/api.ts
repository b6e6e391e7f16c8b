/**
 * The API on the local stack (gateway → real handler modules → DynamoDB Local + s3rver), loaded
 * from a second Node process (bench/lib/load-client.ts) at 1, 10 and 50 connections: post a
 * comment, list comments (autocannon), save draft answers (closed-loop fetch workers, each on its
 * own State's draft with the If-Match it was last given, so every save is a real write; autocannon
 * builds the next request before the previous answer arrives), the 409 path of a stale If-Match
 * (autocannon, all connections on one draft), and a cycle's assignments (autocannon).
 *
 * Storage floor: a bare GetItem / PutItem round trip through the same SDK client to the same
 * DynamoDB Local, sequential; API figures carry it as their baseline, so the ratio shows what the
 * gateway + handler + our own storage calls add on this machine.
 *
 * Handler overhead: the dialogue handler called in-process with API Gateway v2 events (no HTTP),
 * sequentially; every DynamoDB/S3 call goes through a meter that counts the wall time during
 * which ≥ 1 storage call is in flight. Overhead = handler time − storage time, median of N.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Instrument } from '#shared/domain/types.ts';
import type { HttpEvent } from '#shared/http/lambda.ts';
import { type Emulators, startEmulators } from '../../scripts/local/emulators.ts';
import { startPlatform } from '../../scripts/local/platform.ts';
import { seedDemo } from '../../scripts/local/seed.ts';
import { seedReview } from '../../tests/support/reviews.ts';
import type { LoadResult, LoadSlot, LoadSpec } from '../lib/load-client.ts';
import { percentile, round } from '../lib/stats.ts';
import { meterClients, resetStorageTotals, storageTotals } from '../lib/storage-meter.ts';
import type { BenchResult, BenchSuite } from '../types.ts';

const CONCURRENCY = [1, 10, 50] as const;
const DURATION_S = 4;
const FLOOR_SAMPLES = 300;
const HANDLER_SAMPLES = 200;
const COMMENT_REVIEW = 'B2026.CIV';
/** States whose drafts the draft scenario edits, one per connection (none of them a reviewer). */
const DRAFT_STATES_EXCLUDED = new Set(['GHA', 'TUR']);

const LOAD_CLIENT = fileURLToPath(new URL('../lib/load-client.ts', import.meta.url));

const load = (spec: LoadSpec): Promise<LoadResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', LOAD_CLIENT, JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out) as LoadResult);
      else reject(new Error(`load client exited with ${code}`));
    });
  });

const commentBody = JSON.stringify({
  anchor: { instrument: 'TIP', article: 'TIP.5', questionId: 'TIP.5.q1', submissionVersion: 1 },
  type: 'clarification-request',
  visibility: 'all',
  text: 'Please cite the provision that criminalizes attempt ({{n}}).',
});

/** A submitted TIP version record, as the self-assessment area writes it (comments anchor on it). */
const seedSubmittedTip = async (reviewId: string): Promise<void> => {
  const { dynamo } = await import('#shared/aws/clients.ts');
  const { tableName } = await import('#shared/repos/dynamo.ts');
  const { SA_KEYS } = await import('#shared/repos/self-assessments.ts');
  const instrument: Instrument = 'TIP';
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...SA_KEYS.version(reviewId, instrument, 1),
        reviewId,
        instrument,
        n: 1,
        status: 'submitted',
        contentDigest: 'd'.repeat(64),
        questionnaireId: 'untoc-tip',
        questionnaireVersion: 1,
        draftVersion: 1,
        submittedAt: '2026-02-01T09:00:00.000Z',
        submittedBy: 'civ-focal',
        submittedByName: 'Awa Koné',
        reservedAt: '2026-02-01T09:00:00.000Z',
        attachmentIds: [],
      },
    }),
  );
};

const claimsOf = (token: string): Record<string, string> =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, string>;

const postCommentEvent = (token: string, n: number): HttpEvent => {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: 'POST /reviews/{reviewId}/comments',
    rawPath: `/reviews/${COMMENT_REVIEW}/comments`,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    pathParameters: { reviewId: COMMENT_REVIEW },
    body: commentBody.replace('{{n}}', `in-process ${n}`),
    isBase64Encoded: false,
    requestContext: {
      requestId: `bench-${n}`,
      routeKey: 'POST /reviews/{reviewId}/comments',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      http: { method: 'POST', path: `/reviews/${COMMENT_REVIEW}/comments` },
      authorizer: { jwt: { claims: claimsOf(token), scopes: [] } },
    },
  } as unknown as HttpEvent;
};

export const suite: BenchSuite = {
  name: 'api',
  async run(): Promise<BenchResult[]> {
    const emulators: Emulators = await startEmulators();
    const platform = await startPlatform({
      emulators,
      tableName: 'bench-api',
      bucketName: 'bench-api',
      seed: seedDemo,
    });
    try {
      const { dynamo, s3Client } = await import('#shared/aws/clients.ts');
      const { tableName } = await import('#shared/repos/dynamo.ts');
      const { listCycles } = await import('#shared/repos/cycles.ts');
      const { loadReferenceData } = await import('#shared/reference-data.ts');

      await seedReview({ cycleId: 'B2026', reviewedState: 'CIV', state: 'dialogue' });
      await seedSubmittedTip(COMMENT_REVIEW);
      const draftStates = loadReferenceData()
        .states.map((s) => s.iso3)
        .filter((iso3) => !DRAFT_STATES_EXCLUDED.has(iso3))
        .slice(0, Math.max(...CONCURRENCY) + 1);
      const draftSlots: LoadSlot[] = [];
      for (const iso3 of draftStates) {
        await seedReview({ cycleId: 'D2026', reviewedState: iso3 });
        draftSlots.push({
          path: `/reviews/D2026.${iso3}/self-assessments/TIP/draft`,
          token: await platform.tokenFor(`expert@${iso3}`),
        });
      }
      const cycleId = (await listCycles())[0]?.cycleId;
      if (!cycleId) throw new Error('seedDemo made no cycle');

      const expert = await platform.tokenFor('tur-expert');
      const secretariat = await platform.tokenFor('secretariat-1');
      const commentPath = `/reviews/${COMMENT_REVIEW}/comments`;

      // Storage floor: bare SDK round trips to the same emulator.
      const ddb = dynamo();
      const floor = { get: [] as number[], put: [] as number[] };
      for (let i = 0; i < FLOOR_SAMPLES; i++) {
        const key = { pk: `BENCH#${i % 20}`, sk: 'FLOOR' };
        let t = performance.now();
        await ddb.send(
          new PutCommand({ TableName: tableName(), Item: { ...key, n: i, text: 'x'.repeat(200) } }),
        );
        floor.put.push(performance.now() - t);
        t = performance.now();
        await ddb.send(new GetCommand({ TableName: tableName(), Key: key }));
        floor.get.push(performance.now() - t);
      }
      const floorPut = percentile(floor.put, 50);
      const floorGet = percentile(floor.get, 50);

      // A stale draft for the 409 path: two saves, then everyone sends If-Match "0".
      const conflictSlot = draftSlots[draftSlots.length - 1];
      if (!conflictSlot) throw new Error('no draft slots');
      for (const v of [0, 1]) {
        await fetch(`${platform.url}${conflictSlot.path}`, {
          method: 'PATCH',
          headers: {
            authorization: `Bearer ${conflictSlot.token}`,
            'content-type': 'application/json',
            'if-match': `"${v}"`,
          },
          body: JSON.stringify({ answers: { 'TIP.3.q1': v === 0 ? 'no' : 'yes' } }),
        });
      }

      const scenarios: {
        id: string;
        spec: Omit<LoadSpec, 'url' | 'connections' | 'durationSeconds'>;
        floor: number;
      }[] = [
        {
          id: 'post-comment',
          spec: {
            method: 'POST',
            slots: [{ path: commentPath, token: expert }],
            body: commentBody,
            expectStatus: 201,
          },
          floor: floorPut,
        },
        {
          id: 'list-comments',
          spec: {
            method: 'GET',
            slots: [{ path: `${commentPath}?limit=50`, token: expert }],
            expectStatus: 200,
          },
          floor: floorGet,
        },
        {
          id: 'save-draft',
          spec: {
            method: 'PATCH',
            slots: draftSlots.slice(0, -1),
            body: JSON.stringify({ answers: { 'TIP.3.q1': 'yes', 'TIP.3.q2': [{ title: 'Law {{n}}' }] } }),
            trackVersion: true,
            expectStatus: 200,
          },
          floor: floorPut,
        },
        {
          id: 'save-draft-stale-409',
          spec: {
            method: 'PATCH',
            slots: [conflictSlot],
            body: JSON.stringify({ answers: { 'TIP.3.q1': 'no' } }),
            headers: { 'if-match': '"0"' },
            expectStatus: 409,
          },
          floor: floorGet,
        },
        {
          id: 'get-assignments',
          spec: {
            method: 'GET',
            slots: [{ path: `/cycles/${cycleId}/assignments`, token: secretariat }],
            expectStatus: 200,
          },
          floor: floorGet,
        },
      ];

      const results: BenchResult[] = [
        {
          name: 'api.storage-floor.put-item.p50',
          value: round(floorPut),
          unit: 'ms',
          target: null,
          better: 'lower',
          note: `bare PutItem via the SDK to DynamoDB Local, sequential, ${FLOOR_SAMPLES} samples; p99 ${round(percentile(floor.put, 99))} ms`,
        },
        {
          name: 'api.storage-floor.get-item.p50',
          value: round(floorGet),
          unit: 'ms',
          target: null,
          better: 'lower',
          note: `bare GetItem via the SDK to DynamoDB Local, sequential, ${FLOOR_SAMPLES} samples; p99 ${round(percentile(floor.get, 99))} ms`,
        },
      ];

      const only = process.env.BENCH_API_SCENARIOS?.split(',');
      for (const scenario of scenarios.filter((s) => !only || only.includes(s.id))) {
        for (const connections of CONCURRENCY) {
          if (scenario.spec.trackVersion) {
            // Each run starts from the drafts' current versions (the previous run moved them on).
            for (const slot of scenario.spec.slots) {
              const res = await fetch(`${platform.url}${slot.path}`, {
                headers: { authorization: `Bearer ${slot.token}` },
              });
              slot.version = Number((res.headers.get('etag') ?? '"0"').replaceAll('"', ''));
            }
          }
          const r = await load({
            ...scenario.spec,
            url: platform.url,
            connections,
            durationSeconds: DURATION_S,
          });
          const first = r.firstUnexpected === undefined ? '' : `; first unexpected: ${r.firstUnexpected}`;
          const tool = scenario.spec.trackVersion ? 'fetch workers' : 'autocannon';
          const note = `${tool}, ${connections} connections x ${DURATION_S} s, ${r.total} requests, statuses ${JSON.stringify(r.statusCounts)}, unexpected ${r.unexpected}, socket errors ${r.errors}; baseline = storage floor p50${first}`;
          const p99Target = scenario.id === 'post-comment' && connections === 50 ? 50 : null;
          results.push(
            {
              name: `api.${scenario.id}.c${connections}.p50`,
              value: r.p50,
              unit: 'ms',
              target: null,
              better: 'lower',
              baseline: round(scenario.floor),
              note,
            },
            {
              name: `api.${scenario.id}.c${connections}.p99`,
              value: r.p99,
              unit: 'ms',
              target: p99Target,
              better: 'lower',
              baseline: round(scenario.floor),
              note,
            },
            {
              name: `api.${scenario.id}.c${connections}.throughput`,
              value: round(r.requestsPerSecond, 1),
              unit: 'req/s',
              target: null,
              better: 'higher',
              note,
            },
          );
        }
      }

      // Handler overhead outside storage, in-process (no HTTP, no autocannon on the event loop).
      meterClients(dynamo(), s3Client());
      const { handler } = await import('#functions/dialogue.ts');
      const invoke = handler as unknown as (
        event: HttpEvent,
        context: unknown,
      ) => Promise<{ statusCode: number }>;
      const context = {
        functionName: 'dialogue',
        awsRequestId: 'bench',
        getRemainingTimeInMillis: () => 10_000,
      };
      const overhead: number[] = [];
      const total: number[] = [];
      const storage: number[] = [];
      for (let i = 0; i < HANDLER_SAMPLES + 20; i++) {
        resetStorageTotals();
        const t = performance.now();
        const res = await invoke(postCommentEvent(expert, i), context);
        const elapsed = performance.now() - t;
        if (res.statusCode !== 201) throw new Error(`in-process post comment answered ${res.statusCode}`);
        if (i < 20) continue; // warm-up
        const busy = storageTotals().busyMs;
        total.push(elapsed);
        storage.push(busy);
        overhead.push(elapsed - busy);
      }
      results.push({
        name: 'api.handler-overhead.post-comment.p50',
        value: round(percentile(overhead, 50)),
        unit: 'ms',
        target: 2,
        better: 'lower',
        baseline: round(percentile(total, 50)),
        note: `in-process dialogue handler, ${HANDLER_SAMPLES} sequential post-comment events; handler time minus wall time with a DynamoDB/S3 call in flight; p99 ${round(percentile(overhead, 99))} ms; storage p50 ${round(percentile(storage, 50))} ms; baseline = whole handler p50`,
      });
      return results;
    } finally {
      await platform.stop();
      await emulators.stop();
    }
  },
};
