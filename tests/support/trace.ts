/** Tracing the DynamoDB calls a local platform (same process) makes: for round-trip tests. */
import { vi } from 'vitest';
import { dynamo } from '#shared/aws/clients.ts';

export interface Traced {
  name: string;
  key: string;
  /** Positions in the order of starts and ends of all calls. */
  start: number;
  end: number;
}

/** Records the storage calls the platform (same process) makes while `fn` runs; spies, changes nothing. */
export const trace = async <T>(fn: () => Promise<T>): Promise<{ result: T; calls: Traced[] }> => {
  const client = dynamo();
  const real = client.send.bind(client) as (c: unknown, ...r: unknown[]) => Promise<unknown>;
  const calls: Traced[] = [];
  let tick = 0;
  vi.spyOn(client, 'send').mockImplementation((command: unknown, ...rest: unknown[]) => {
    const input = (
      command as {
        input: {
          Key?: { pk: string; sk: string };
          RequestItems?: Record<string, { Keys?: { pk: string; sk: string }[] }>;
        };
      }
    ).input;
    const keys = input.Key
      ? [input.Key]
      : Object.values(input.RequestItems ?? {}).flatMap((r) => r.Keys ?? []);
    const c: Traced = {
      name: (command as object).constructor.name,
      key: keys.map((k) => `${k.pk}/${k.sk}`).join(' + '),
      start: tick++,
      end: -1,
    };
    calls.push(c);
    return real(command, ...rest).finally(() => {
      c.end = tick++;
    }) as never;
  });
  const result = await fn();
  vi.restoreAllMocks();
  return { result, calls };
};
