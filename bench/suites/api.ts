/**
 * The API on the local stack (gateway → real handler modules → DynamoDB Local + s3rver), loaded
 * from a second Node process (bench/lib/load-client.ts) at 1, 10 and 50 connections: post a
 * comment on one review (hot) and spread over 50 reviews, list comments, get a review, save draft
 * answers (closed-loop fetch workers, each on its own State's draft with the If-Match it was last
 * given), the 412 path of a stale If-Match, and a cycle's assignments (autocannon).
 *
 * Storage calls: before its runs, each scenario makes one request per slot while every DynamoDB /
 * S3 call of the process is recorded (bench/lib/storage-meter.ts); `api.<scenario>.storage-calls`
 * counts them (submit too, which is measured only this way: a draft is submitted once).
 *
 * Floor: the recorded calls are replayed directly through the same SDK clients against the same
 * DynamoDB Local, at the same concurrency, for as long as the API run (bench/lib/floor.ts);
 * `throughput-ratio` = API ÷ floor requests per second, `p99-ratio` = API ÷ floor p99.
 *
 * Handler overhead: the dialogue handler called in-process with API Gateway v2 events (no HTTP),
 * sequentially; overhead = handler time − wall time with a storage call in flight, median of N.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Instrument } from '#shared/domain/types.ts';
import type { HttpEvent } from '#shared/http/lambda.ts';
import { type Emulators, startEmulators } from '../../scripts/local/emulators.ts';
import { startPlatform } from '../../scripts/local/platform.ts';
import { seedDemo } from '../../scripts/local/seed.ts';
import { completeAnswers } from '../../tests/support/answers.ts';
import { seedReview } from '../../tests/support/reviews.ts';
import { describeCall, runFloor, type Wave, wavesOf } from '../lib/floor.ts';
import type { LoadResult, LoadSlot, LoadSpec } from '../lib/load-client.ts';
import { percentile, round } from '../lib/stats.ts';
import {
  meterClients,
  type RecordedCall,
  recordStorageCalls,
  resetStorageTotals,
  storageTotals,
} from '../lib/storage-meter.ts';
import type { BenchResult, BenchSuite } from '../types.ts';

const CONCURRENCY = [1, 10, 50] as const;
const DURATION_S = 4;
const HANDLER_SAMPLES = 200;
const COMMENT_REVIEW = 'B2026.CIV';
/** States whose drafts the draft scenario edits, one per connection (none of them a reviewer). */
const DRAFT_STATES_EXCLUDED = new Set(['GHA', 'TUR']);
const THROUGHPUT_RATIO_TARGET = 0.7;
/** Connection counts at which the throughput ratio has a target (one client measures latency only). */
const RATIO_TARGET_AT = new Set([10, 50]);

/**
 * Targets per measured operation: the least number of storage calls and of sequential round
 * trips the data model allows (docs/benchmarks.md explains each). Auth is the verified JWT: no
 * storage call. Since the review-liveness gate every review-scoped operation also reads the
 * review's cycle; reads whose keys are known up front can share one BatchGetItem.
 */
const STORAGE_TARGETS: Record<string, { calls: number; roundTrips: number }> = {
  // Review + cycle + the anchored submitted version (one BatchGet: all keys are in the request),
  // one transaction: comment, history, counters, audit, outbox, idempotency record. The issue's
  // bound is 3; the least is 2.
  'post-comment': { calls: 3, roundTrips: 3 },
  'post-comment-spread': { calls: 3, roundTrips: 3 },
  // Review + cycle (BatchGet), the comment partition and the caller's read marks (own partition),
  // the queries side by side once the caller's seat is known.
  'list-comments': { calls: 3, roundTrips: 2 },
  // Review + cycle in one BatchGet.
  'get-review': { calls: 1, roundTrips: 1 },
  // Review + cycle + draft + questionnaire head (one BatchGet), one conditional put of the draft.
  'save-draft': { calls: 2, roundTrips: 2 },
  // As save-draft, answered from the draft read: nothing is written.
  'save-draft-stale': { calls: 1, roundTrips: 1 },
  // The cycle (it names the confirmed draw) and the registry side by side, then the draw record.
  'get-assignments': { calls: 3, roundTrips: 2 },
  // Review + cycle + draft (BatchGet), the frozen version to S3 with If-None-Match (no
  // reservation, no HeadObject), one transaction: version record, draft, audit, outbox,
  // idempotency record.
  submit: { calls: 3, roundTrips: 3 },
};

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
  const { SA_KEYS } = await import('#shared/repos/keys.ts');
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
    // As the web UI sends it.
    headers: { 'content-type': 'application/json', 'idempotency-key': `in-process-${now.getTime()}-${n}` },
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
      // The spread scenario: 50 reviews in dialogue, each with a submitted TIP version.
      const spreadSlots: LoadSlot[] = [];
      const expert = await platform.tokenFor('tur-expert');
      for (const iso3 of draftStates.slice(0, Math.max(...CONCURRENCY))) {
        await seedReview({ cycleId: 'S2026', reviewedState: iso3, state: 'dialogue' });
        await seedSubmittedTip(`S2026.${iso3}`);
        spreadSlots.push({ path: `/reviews/S2026.${iso3}/comments`, token: expert });
      }
      // A draft to submit once (storage calls only).
      const submitState = 'CIV';
      await seedReview({ cycleId: 'U2026', reviewedState: submitState });
      const submitBase = `/reviews/U2026.${submitState}/self-assessments/TIP`;
      const submitSaved = await fetch(`${platform.url}${submitBase}/draft`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${await platform.tokenFor('civ-expert')}`,
          'content-type': 'application/json',
          'if-match': '"0"',
        },
        body: JSON.stringify({ answers: completeAnswers('TIP') }),
      });
      if (submitSaved.status !== 200) throw new Error(`submit draft save answered ${submitSaved.status}`);

      const cycleId = (await listCycles())[0]?.cycleId;
      if (!cycleId) throw new Error('seedDemo made no cycle');

      const secretariat = await platform.tokenFor('secretariat-1');
      const commentPath = `/reviews/${COMMENT_REVIEW}/comments`;

      meterClients(dynamo(), s3Client());
      const clients = { dynamo: dynamo(), s3: s3Client() };

      // A stale draft for the 412 path: two saves, then everyone sends If-Match "0".
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

      interface Scenario {
        id: string;
        spec: Omit<LoadSpec, 'url' | 'connections' | 'durationSeconds'>;
        /** Measured for storage calls only (not repeatable under load). */
        once?: boolean;
      }
      // As the web UI sends it: every POST carries a fresh Idempotency-Key.
      const commentSpec = (slots: LoadSlot[]): Scenario['spec'] => ({
        method: 'POST',
        slots,
        body: commentBody,
        headers: { 'idempotency-key': 'bench-{{n}}' },
        expectStatus: 201,
      });
      const scenarios: Scenario[] = [
        { id: 'post-comment', spec: commentSpec([{ path: commentPath, token: expert }]) },
        { id: 'post-comment-spread', spec: commentSpec(spreadSlots) },
        {
          id: 'list-comments',
          spec: {
            method: 'GET',
            slots: [{ path: `${commentPath}?limit=50`, token: expert }],
            expectStatus: 200,
          },
        },
        {
          id: 'get-review',
          spec: {
            method: 'GET',
            slots: [{ path: `/reviews/${COMMENT_REVIEW}`, token: expert }],
            expectStatus: 200,
          },
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
        },
        {
          id: 'save-draft-stale',
          spec: {
            method: 'PATCH',
            slots: [conflictSlot],
            body: JSON.stringify({ answers: { 'TIP.3.q1': 'no' } }),
            headers: { 'if-match': '"0"' },
            expectStatus: 412,
          },
        },
        {
          id: 'get-assignments',
          spec: {
            method: 'GET',
            slots: [{ path: `/cycles/${cycleId}/assignments`, token: secretariat }],
            expectStatus: 200,
          },
        },
        {
          id: 'submit',
          once: true,
          spec: {
            method: 'POST',
            headers: { 'idempotency-key': 'bench-{{n}}' },
            slots: [
              { path: `${submitBase}/submissions`, token: await platform.tokenFor('civ-focal'), version: 1 },
            ],
            trackVersion: true,
            expectStatus: 201,
          },
        },
      ];

      /** The draft's current version (its ETag), so a tracked save or submit is a real one. */
      const currentVersion = async (slot: LoadSlot): Promise<number> => {
        const path = slot.path.replace(/\/(submissions|draft)$/, '/draft');
        const res = await fetch(`${platform.url}${path}`, {
          headers: { authorization: `Bearer ${slot.token}` },
        });
        return Number((res.headers.get('etag') ?? '"0"').replaceAll('"', ''));
      };

      /** One request on `slot`, as the load client sends it, with every storage call recorded. */
      const recordOne = async (scenario: Scenario, slot: LoadSlot, n: number): Promise<RecordedCall[]> => {
        const { spec } = scenario;
        const headers: Record<string, string> = { authorization: `Bearer ${slot.token}` };
        for (const [k, v] of Object.entries(spec.headers ?? {}))
          headers[k] = v.replaceAll('{{n}}', `rec-${Date.now()}-${n}`);
        if (spec.body !== undefined) headers['content-type'] = 'application/json';
        if (spec.trackVersion) headers['if-match'] = `"${await currentVersion(slot)}"`;
        const { result, calls } = await recordStorageCalls(async () => {
          const res = await fetch(`${platform.url}${slot.path}`, {
            method: spec.method,
            headers,
            ...(spec.body === undefined ? {} : { body: spec.body.replaceAll('{{n}}', `recorded ${n}`) }),
          });
          return { status: res.status, text: await res.text() };
        });
        if (result.status !== spec.expectStatus) {
          throw new Error(
            `${scenario.id}: recorded request answered ${result.status} ${result.text.slice(0, 200)}`,
          );
        }
        return calls;
      };

      const results: BenchResult[] = [];
      const only = process.env.BENCH_API_SCENARIOS?.split(',');
      for (const scenario of scenarios.filter((s) => !only || only.includes(s.id))) {
        // One recorded request per slot the runs use (worker i replays slot i's request).
        const slots = scenario.spec.slots.slice(0, Math.max(...CONCURRENCY));
        const recorded: Wave[][] = [];
        let first: RecordedCall[] = [];
        for (const [i, slot] of slots.entries()) {
          const calls = await recordOne(scenario, slot, i);
          if (i === 0) first = calls;
          recorded.push(wavesOf(calls));
        }
        const target = STORAGE_TARGETS[scenario.id];
        const dynamoCalls = first.filter((c) => c.client === 'dynamodb').length;
        const waves = wavesOf(first);
        const sequence = waves.map((w) => w.map(describeCall).join(' ‖ ')).join(' → ');
        results.push(
          {
            name: `api.${scenario.id}.storage-calls`,
            value: first.length,
            unit: 'calls',
            target: target?.calls ?? null,
            better: 'lower',
            note: `one request: ${dynamoCalls} DynamoDB + ${first.length - dynamoCalls} S3 calls: ${sequence}`,
          },
          {
            name: `api.${scenario.id}.storage-round-trips`,
            value: waves.length,
            unit: 'round trips',
            target: target?.roundTrips ?? null,
            better: 'lower',
            note: 'sequential storage round trips of one request (calls in flight together count once)',
          },
        );
        if (scenario.once) continue;

        for (const connections of CONCURRENCY) {
          if (scenario.spec.trackVersion) {
            // Each run starts from the drafts' current versions (the previous run moved them on).
            for (const slot of scenario.spec.slots) slot.version = await currentVersion(slot);
          }
          const r = await load({
            ...scenario.spec,
            url: platform.url,
            connections,
            durationSeconds: DURATION_S,
          });
          const floor = await runFloor(recorded, connections, DURATION_S, clients);
          const firstUnexpected =
            r.firstUnexpected === undefined ? '' : `; first unexpected: ${r.firstUnexpected}`;
          const tool = scenario.spec.trackVersion ? 'fetch workers' : 'autocannon';
          const note = `${tool}, ${connections} connections x ${DURATION_S} s, ${r.total} requests, statuses ${JSON.stringify(r.statusCounts)}, unexpected ${r.unexpected}, socket errors ${r.errors}${firstUnexpected}; floor: ${floor.total} replays, ${round(floor.requestsPerSecond, 1)}/s, p50 ${round(floor.p50)} ms, p99 ${round(floor.p99)} ms, deviations ${floor.deviations}`;
          const key = `api.${scenario.id}.c${connections}`;
          results.push(
            {
              name: `${key}.throughput-ratio`,
              value: round(r.requestsPerSecond / floor.requestsPerSecond),
              unit: 'x',
              target: RATIO_TARGET_AT.has(connections) ? THROUGHPUT_RATIO_TARGET : null,
              better: 'higher',
              note: `API ÷ floor requests per second, same run, same concurrency; ${note}`,
            },
            {
              name: `${key}.p99-ratio`,
              value: round(r.p99 / floor.p99),
              unit: 'x',
              target: null,
              better: 'lower',
              note: 'API ÷ floor p99',
            },
            {
              name: `${key}.throughput`,
              value: round(r.requestsPerSecond, 1),
              unit: 'req/s',
              target: null,
              better: 'higher',
              baseline: round(floor.requestsPerSecond, 1),
              note: 'baseline = floor',
            },
            {
              name: `${key}.p50`,
              value: r.p50,
              unit: 'ms',
              target: null,
              better: 'lower',
              baseline: round(floor.p50),
              note: 'baseline = floor',
            },
            {
              name: `${key}.p99`,
              value: r.p99,
              unit: 'ms',
              target: null,
              better: 'lower',
              baseline: round(floor.p99),
              note: 'baseline = floor',
            },
          );
        }
      }

      // Handler overhead outside storage, in-process (no HTTP, no autocannon on the event loop).
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
      /** Duration of each storage call by its place in the request ("where the time goes"). */
      const perCall = new Map<string, number[]>();
      for (let i = 0; i < HANDLER_SAMPLES + 20; i++) {
        resetStorageTotals();
        const t = performance.now();
        const { result: res, calls } = await recordStorageCalls(() =>
          invoke(postCommentEvent(expert, i), context),
        );
        const elapsed = performance.now() - t;
        if (res.statusCode !== 201) throw new Error(`in-process post comment answered ${res.statusCode}`);
        if (i < 20) continue; // warm-up
        const busy = storageTotals().busyMs;
        total.push(elapsed);
        storage.push(busy);
        overhead.push(elapsed - busy);
        for (const [k, call] of calls.entries()) {
          const label = `${k + 1}. ${describeCall(call)}`;
          perCall.set(label, [...(perCall.get(label) ?? []), call.end - call.start]);
        }
      }
      const breakdown = [...perCall]
        .map(([label, ms]) => `${label} p50 ${round(percentile(ms, 50))} ms`)
        .join(', ');
      results.push({
        name: 'api.handler-overhead.post-comment.p50',
        value: round(percentile(overhead, 50)),
        unit: 'ms',
        target: 2,
        better: 'lower',
        baseline: round(percentile(total, 50)),
        note: `in-process dialogue handler, ${HANDLER_SAMPLES} sequential post-comment events; handler time minus wall time with a DynamoDB/S3 call in flight; p99 ${round(percentile(overhead, 99))} ms; storage p50 ${round(percentile(storage, 50))} ms (${breakdown}); baseline = whole handler p50`,
      });
      return results;
    } finally {
      await platform.stop();
      await emulators.stop();
    }
  },
};
