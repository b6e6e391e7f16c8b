/**
 * The load generator of the API bench, run as its own Node process so that autocannon does not
 * share an event loop with the platform it measures. Reads one `LoadSpec` (JSON, argv[2]) and
 * prints one `LoadResult` (JSON) on stdout.
 *
 * `slots` are paths with their tokens; requests go round-robin over them. With `trackVersion`
 * autocannon cannot be used: it builds a connection's next request as soon as the previous one is
 * sent, before its answer (and its new version) arrives. Those scenarios run closed-loop workers
 * instead (one per connection, each on its own slot, `fetch` with keep-alive): each sends
 * `If-Match: "<version>"` and takes the next version from the answer, so every draft save is a
 * fresh, non-conflicting write.
 */
import autocannon from 'autocannon';

export interface LoadSlot {
  path: string;
  token: string;
  /** With `trackVersion`: the version to send first (the draft's current ETag). */
  version?: number;
}

export interface LoadSpec {
  url: string;
  connections: number;
  durationSeconds: number;
  method: 'GET' | 'POST' | 'PATCH';
  slots: LoadSlot[];
  /** JSON body, sent as is; `{{n}}` is replaced with a per-request counter. */
  body?: string;
  /** `{{n}}` in a value is replaced with a per-request id unique across runs (Idempotency-Key). */
  headers?: Record<string, string>;
  trackVersion?: boolean;
  /** Status the scenario expects (others are counted as unexpected). */
  expectStatus: number;
}

export interface LoadResult {
  p50: number;
  p99: number;
  mean: number;
  requestsPerSecond: number;
  total: number;
  unexpected: number;
  errors: number;
  statusCounts: Record<string, number>;
  /** First unexpected answer (status and start of the body), to explain it in the note. */
  firstUnexpected?: string;
}

/** This process's run, so that per-request header values differ from every other run's. */
const RUN = `${process.pid.toString(36)}${Date.now().toString(36)}`;

const headersFor = (spec: LoadSpec, n: number): Record<string, string> =>
  Object.fromEntries(
    Object.entries(spec.headers ?? {}).map(([k, v]) => [k, v.replaceAll('{{n}}', `${RUN}-${n}`)]),
  );

const percentileOf = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

/** Closed loop: `connections` workers, worker i on slot i, for `durationSeconds`. */
const runWorkers = async (spec: LoadSpec): Promise<LoadResult> => {
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let unexpected = 0;
  let errors = 0;
  let firstUnexpected: string | undefined;
  let counter = 0;
  const end = performance.now() + spec.durationSeconds * 1000;
  const worker = async (slot: LoadSlot): Promise<void> => {
    let version = slot.version ?? 0;
    while (performance.now() < end) {
      const t = performance.now();
      const n = ++counter;
      try {
        const res = await fetch(`${spec.url}${slot.path}`, {
          method: spec.method,
          headers: {
            authorization: `Bearer ${slot.token}`,
            ...headersFor(spec, n),
            ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
            'if-match': `"${version}"`,
          },
          body: spec.body?.replaceAll('{{n}}', String(n)),
        });
        const text = await res.text();
        latencies.push(performance.now() - t);
        statusCounts[res.status] = (statusCounts[res.status] ?? 0) + 1;
        if (res.status !== spec.expectStatus) {
          unexpected++;
          firstUnexpected ??= `${res.status} ${text.slice(0, 160)}`;
        }
        const body = JSON.parse(text) as {
          version?: number;
          error?: { details?: { current?: { version?: number } } };
        };
        version = body.version ?? body.error?.details?.current?.version ?? version;
      } catch {
        errors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(spec.slots.slice(0, spec.connections).map(worker));
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50: Math.round(percentileOf(sorted, 50)),
    p99: Math.round(percentileOf(sorted, 99)),
    mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    requestsPerSecond: latencies.length / seconds,
    total: latencies.length,
    unexpected,
    errors,
    statusCounts,
    ...(firstUnexpected === undefined ? {} : { firstUnexpected }),
  };
};

const run = async (spec: LoadSpec): Promise<LoadResult> => {
  let nextSlot = 0;
  let counter = 0;
  let unexpected = 0;
  let firstUnexpected: string | undefined;
  const statusCounts: Record<string, number> = {};
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSeconds,
    requests: [
      {
        method: spec.method,
        setupRequest: (req: Record<string, unknown>) => {
          const slot = spec.slots[nextSlot++ % spec.slots.length];
          if (!slot) throw new Error('no slot');
          counter++;
          const headers: Record<string, string> = {
            authorization: `Bearer ${slot.token}`,
            ...headersFor(spec, counter),
          };
          if (spec.body !== undefined) headers['content-type'] = 'application/json';
          return {
            ...req,
            path: slot.path,
            headers,
            ...(spec.body === undefined ? {} : { body: spec.body.replaceAll('{{n}}', String(counter)) }),
          };
        },
        onResponse: (status: number, body: string) => {
          statusCounts[status] = (statusCounts[status] ?? 0) + 1;
          if (status !== spec.expectStatus) {
            unexpected++;
            firstUnexpected ??= `${status} ${body.slice(0, 160)}`;
          }
        },
      },
    ],
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    unexpected,
    errors: result.errors + result.timeouts,
    statusCounts,
    ...(firstUnexpected === undefined ? {} : { firstUnexpected }),
  };
};

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
process.stdout.write(JSON.stringify(await (spec.trackVersion ? runWorkers(spec) : run(spec))));
