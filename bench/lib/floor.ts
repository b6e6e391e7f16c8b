/**
 * The storage floor of an API operation: the DynamoDB/S3 calls one request made (recorded by
 * storage-meter.ts), replayed directly through the same SDK clients against the same emulators,
 * at the same concurrency as the API run, closed loop. Calls that overlapped in the request run
 * together in the replay too (one "wave"), so the floor has the request's own round-trip shape.
 *
 * A replayed write must do the work the recorded one did. A write that succeeded is replayed
 * without its condition (a condition such as "this comment id is new" or "the draft is still at
 * version n" held once and would fail on every repeat, turning the floor into cheap failures) and
 * without a transaction's idempotency token; condition checks on other items are kept. A call
 * that failed (the 409 path) is replayed as it was and is expected to fail the same way.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { percentile } from './stats.ts';
import type { RecordedCall } from './storage-meter.ts';

export type Wave = RecordedCall[];

/** Groups calls into waves: a call joins the current wave if it started before that wave ended. */
export const wavesOf = (calls: readonly RecordedCall[]): Wave[] => {
  const waves: Wave[] = [];
  let current: Wave = [];
  let currentEnd = Number.NEGATIVE_INFINITY;
  for (const call of [...calls].sort((a, b) => a.start - b.start)) {
    if (current.length > 0 && call.start >= currentEnd) {
      waves.push(current);
      current = [];
    }
    current.push(call);
    currentEnd = Math.max(currentEnd, call.end);
  }
  if (current.length > 0) waves.push(current);
  return waves;
};

type Input = Record<string, unknown>;

/** Drops expression placeholders (`#n`, `:v`) that no remaining expression uses (DynamoDB rejects them). */
const pruneNames = (input: Input): Input => {
  const used = new Set(
    Object.entries(input)
      .filter(([key, value]) => key.endsWith('Expression') && typeof value === 'string')
      .flatMap(([, value]) => (value as string).match(/[#:][A-Za-z0-9_]+/g) ?? []),
  );
  const out: Input = { ...input };
  for (const key of ['ExpressionAttributeNames', 'ExpressionAttributeValues'] as const) {
    const map = out[key] as Input | undefined;
    if (!map) continue;
    const kept = Object.fromEntries(Object.entries(map).filter(([k]) => used.has(k)));
    if (Object.keys(kept).length > 0) out[key] = kept;
    else delete out[key];
  }
  return out;
};

const unconditional = (input: Input): Input => {
  const { ConditionExpression: _c, ClientRequestToken: _t, ...rest } = input;
  return pruneNames(rest);
};

/** The input a replay sends for a recorded call (see the module comment). */
const replayInput = (call: RecordedCall): Input => {
  if (call.error !== undefined) return call.input;
  if (call.name === 'TransactWriteCommand' || call.name === 'TransactWriteItemsCommand') {
    const items = (call.input.TransactItems as Record<string, Input>[]).map((item) => {
      const [kind, op] = Object.entries(item)[0] ?? [];
      if (!kind || !op || kind === 'ConditionCheck') return item;
      return { [kind]: unconditional(op) };
    });
    const { ClientRequestToken: _t, ...rest } = call.input;
    return { ...rest, TransactItems: items };
  }
  return unconditional(call.input);
};

/** One call for a note, e.g. `TransactWrite(4)`, `Get`, `s3:HeadObject [NotFound]`. */
export const describeCall = (call: RecordedCall): string => {
  const base = call.name.replace(/Command$/, '');
  const items = (call.input.TransactItems as unknown[] | undefined)?.length;
  const label = call.client === 's3' ? `s3:${base}` : base;
  return `${label}${items === undefined ? '' : `(${items})`}${call.error ? ` [${call.error}]` : ''}`;
};

export interface FloorResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  /** Replayed calls that failed although the recorded one had succeeded (or the reverse). */
  deviations: number;
}

interface Clients {
  dynamo: DynamoDBDocumentClient;
  s3: S3Client;
}

const replayOnce = async (waves: Wave[], clients: Clients): Promise<number> => {
  let deviations = 0;
  for (const wave of waves) {
    await Promise.all(
      wave.map(async (call) => {
        const command = call.rebuild(replayInput(call));
        const client = (call.client === 's3' ? clients.s3 : clients.dynamo) as unknown as {
          send: (c: unknown) => Promise<unknown>;
        };
        const failed = await client.send(command).then(
          () => false,
          () => true,
        );
        if (failed !== (call.error !== undefined)) deviations++;
      }),
    );
  }
  return deviations;
};

/** Closed loop: `connections` workers, worker i replaying `requests[i % length]`, for `durationSeconds`. */
export const runFloor = async (
  requests: Wave[][],
  connections: number,
  durationSeconds: number,
  clients: Clients,
): Promise<FloorResult> => {
  const latencies: number[] = [];
  let deviations = 0;
  const end = performance.now() + durationSeconds * 1000;
  const worker = async (i: number): Promise<void> => {
    const waves = requests[i % requests.length];
    if (!waves) throw new Error('no recorded request to replay');
    while (performance.now() < end) {
      const t = performance.now();
      deviations += await replayOnce(waves, clients);
      latencies.push(performance.now() - t);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, (_, i) => worker(i)));
  const seconds = (performance.now() - started) / 1000;
  return {
    requestsPerSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    total: latencies.length,
    deviations,
  };
};
