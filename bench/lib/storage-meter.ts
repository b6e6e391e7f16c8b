/**
 * Meters every call the process makes through the shared SDK clients (`dynamo()`, `s3Client()`):
 * wall time during which at least one storage call is in flight (overlapping calls count once),
 * DynamoDB consumed capacity (ReturnConsumedCapacity=TOTAL is added to each request; DynamoDB
 * Local reports it), and S3 requests and bytes by class. The bench suites read and reset it.
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface StorageTotals {
  /** Milliseconds with ≥ 1 storage call in flight. */
  busyMs: number;
  dynamoCalls: number;
  /** Read / write capacity units as DynamoDB reports them (on-demand bills RRU/WRU the same). */
  readUnits: number;
  writeUnits: number;
  s3Put: number;
  s3Get: number;
  s3PutBytes: number;
  s3GetBytes: number;
}

const zero = (): StorageTotals => ({
  busyMs: 0,
  dynamoCalls: 0,
  readUnits: 0,
  writeUnits: 0,
  s3Put: 0,
  s3Get: 0,
  s3PutBytes: 0,
  s3GetBytes: 0,
});

let totals = zero();
let inFlight = 0;
let busySince = 0;

const enter = (): void => {
  if (inFlight++ === 0) busySince = performance.now();
};
const leave = (): void => {
  if (--inFlight === 0) totals.busyMs += performance.now() - busySince;
};

export const storageTotals = (): StorageTotals => ({ ...totals });
export const resetStorageTotals = (): void => {
  totals = zero();
};

interface Consumed {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

const addCapacity = (commandName: string, consumed: Consumed | Consumed[] | undefined): void => {
  for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
    if (c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined) {
      totals.readUnits += c.ReadCapacityUnits ?? 0;
      totals.writeUnits += c.WriteCapacityUnits ?? 0;
    } else if (/^(Get|BatchGet|Query|Scan|TransactGet)/.test(commandName)) {
      totals.readUnits += c.CapacityUnits ?? 0;
    } else {
      totals.writeUnits += c.CapacityUnits ?? 0;
    }
  }
};

const bodyBytes = (body: unknown): number => {
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof Uint8Array) return body.byteLength;
  return 0;
};

type Send = (command: unknown, ...rest: unknown[]) => Promise<unknown>;
interface Command {
  constructor: { name: string };
  input: Record<string, unknown>;
}

const metered = new WeakSet<object>();

/** Wraps `send` of the two shared clients once (idempotent). */
export const meterClients = (ddb: DynamoDBDocumentClient, s3: S3Client): void => {
  if (!metered.has(ddb)) {
    metered.add(ddb);
    const send = ddb.send.bind(ddb) as Send;
    (ddb as unknown as { send: Send }).send = async (command: unknown, ...rest: unknown[]) => {
      const cmd = command as Command;
      cmd.input.ReturnConsumedCapacity ??= 'TOTAL';
      const call = record('dynamodb', command);
      enter();
      try {
        const out = (await send(command, ...rest)) as { ConsumedCapacity?: Consumed | Consumed[] };
        totals.dynamoCalls++;
        addCapacity(cmd.constructor.name, out.ConsumedCapacity);
        return out;
      } catch (error) {
        if (call) call.error = (error as Error).name;
        throw error;
      } finally {
        if (call) call.end = performance.now();
        leave();
      }
    };
  }
  if (!metered.has(s3) && s3 instanceof S3Client) {
    metered.add(s3);
    const send = s3.send.bind(s3) as Send;
    (s3 as unknown as { send: Send }).send = async (command: unknown, ...rest: unknown[]) => {
      const cmd = command as Command;
      const call = record('s3', command);
      enter();
      try {
        const out = (await send(command, ...rest)) as { ContentLength?: number };
        if (/^Get|^Head/.test(cmd.constructor.name)) {
          totals.s3Get++;
          totals.s3GetBytes += out.ContentLength ?? 0;
        } else {
          // PUT, COPY, POST, LIST requests are billed in the same (dearer) class.
          totals.s3Put++;
          totals.s3PutBytes += bodyBytes(cmd.input.Body);
        }
        return out;
      } catch (error) {
        if (call) call.error = (error as Error).name;
        throw error;
      } finally {
        if (call) call.end = performance.now();
        leave();
      }
    };
  }
};

/** One storage call as the process made it, for counting and for replay against the same emulator. */
export interface RecordedCall {
  client: 'dynamodb' | 's3';
  /** The SDK command's class name, e.g. `TransactWriteCommand`. */
  name: string;
  /** Builds the same command again (a fresh copy of its input each time). */
  rebuild: (input?: Record<string, unknown>) => unknown;
  input: Record<string, unknown>;
  start: number;
  end: number;
  /** The error's name when the call failed (e.g. a failed condition on the 409 path). */
  error?: string;
}

let recording: RecordedCall[] | undefined;

/** Runs `fn` and returns, beside its result, every storage call the metered clients made meanwhile. */
export const recordStorageCalls = async <T>(
  fn: () => Promise<T>,
): Promise<{ result: T; calls: RecordedCall[] }> => {
  const calls: RecordedCall[] = [];
  recording = calls;
  try {
    return { result: await fn(), calls };
  } finally {
    recording = undefined;
  }
};

const record = (client: RecordedCall['client'], command: unknown): RecordedCall | undefined => {
  if (!recording) return undefined;
  const cmd = command as Command & { constructor: new (input: Record<string, unknown>) => unknown };
  const input = structuredClone(cmd.input);
  const Ctor = cmd.constructor;
  const call: RecordedCall = {
    client,
    name: Ctor.name,
    rebuild: (override) => new Ctor(structuredClone(override ?? input)),
    input,
    start: performance.now(),
    end: 0,
  };
  recording.push(call);
  return call;
};
