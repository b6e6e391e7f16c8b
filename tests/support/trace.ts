/** Tracing the DynamoDB and S3 calls a local platform (same process) makes: for round-trip tests. */
import { vi } from 'vitest';
import { dynamo, s3Client } from '#shared/aws/clients.ts';

export interface Traced {
  /** The command's class name, e.g. `GetCommand`, `PutObjectCommand`. */
  name: string;
  /** `pk/sk` of the item(s) read or written by key, or the S3 object key. */
  key: string;
  /** Positions in the order of starts and ends of all calls. */
  start: number;
  end: number;
}

interface CommandInput {
  Key?: { pk: string; sk: string } | string;
  RequestItems?: Record<string, { Keys?: { pk: string; sk: string }[] }>;
}

const keyOf = (input: CommandInput): string => {
  if (typeof input.Key === 'string') return input.Key;
  const keys = input.Key ? [input.Key] : Object.values(input.RequestItems ?? {}).flatMap((r) => r.Keys ?? []);
  return keys.map((k) => `${k.pk}/${k.sk}`).join(' + ');
};

/** Records the storage calls the platform (same process) makes while `fn` runs; spies, changes nothing. */
export const trace = async <T>(fn: () => Promise<T>): Promise<{ result: T; calls: Traced[] }> => {
  const calls: Traced[] = [];
  let tick = 0;
  for (const client of [dynamo(), s3Client()] as {
    send: (c: unknown, ...r: unknown[]) => Promise<unknown>;
  }[]) {
    const real = client.send.bind(client);
    vi.spyOn(client, 'send').mockImplementation((command: unknown, ...rest: unknown[]) => {
      const c: Traced = {
        name: (command as object).constructor.name,
        key: keyOf((command as { input: CommandInput }).input),
        start: tick++,
        end: -1,
      };
      calls.push(c);
      return real(command, ...rest).finally(() => {
        c.end = tick++;
      }) as never;
    });
  }
  const result = await fn();
  vi.restoreAllMocks();
  return { result, calls };
};
