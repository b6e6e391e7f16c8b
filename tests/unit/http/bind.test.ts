/**
 * `bind` (shared/http/bind.ts): a route's operation as request → use-case input → reply, and, on a
 * route whose Idempotency-Key is taken in the use case's own transaction, the item recording the
 * very reply the binding gives. No emulators.
 */
import { describe, expect, it } from 'vitest';
import type { User } from '#shared/auth/principal.ts';
import { bind, created, withEtag } from '#shared/http/bind.ts';
import type { ApiReply, ApiRequest } from '#shared/http/operation.ts';
import type { RouteDef } from '#shared/http/route.ts';
import type { IdempotencyItem } from '#shared/repos/idempotency.ts';
import type { RecordingContext } from '#shared/use-cases/context.ts';

const actor: User = { kind: 'user', sub: 'fp-1', role: 'focal-point', state: 'CIV', name: 'F. P.' };
/** A route behind sign-in: its operations get a `User` as actor. */
type UserRoute = RouteDef & { auth: 'user' };

const now = new Date('2026-03-01T10:00:00.000Z');

// What the edge hands an operation; only the fields `bind` reads matter here.
const requestOf = (extra: Partial<ApiRequest<UserRoute>> = {}) =>
  ({
    actor,
    principal: actor,
    params: { thingId: 't1' },
    body: { text: 'hi' },
    now,
    requestId: 'r-1',
    ...extra,
  }) as unknown as ApiRequest<UserRoute>;

interface Thing {
  thingId: string;
  text: string;
  version: number;
}

describe('bind', () => {
  it('calls the use case with the actor, the input it maps and the request clock, and replies with its result', async () => {
    // Prepare
    const calls: unknown[] = [];
    const useCase = async (
      a: User,
      input: { thingId: string; text: string },
      ctx: RecordingContext<Thing>,
    ) => {
      calls.push({ a, input, ctx });
      return { ...input, version: 3 };
    };
    const op = bind<UserRoute, Parameters<typeof useCase>[1], Thing>(useCase, {
      input: (req) => ({ ...(req.params as { thingId: string }), ...(req.body as { text: string }) }),
      reply: withEtag,
    });
    // Act
    const reply = await op(requestOf());
    // Assess
    expect(calls).toEqual([
      { a: actor, input: { thingId: 't1', text: 'hi' }, ctx: { now, requestId: 'r-1' } },
    ]);
    expect(reply).toEqual({ body: { thingId: 't1', text: 'hi', version: 3 }, headers: { etag: '"3"' } });
  });

  it('hands an in-transaction Idempotency-Key to the use case as the item of the reply it will get', async () => {
    // Prepare
    const recorded: ApiReply<UserRoute>[] = [];
    const item = (r: ApiReply<UserRoute>): IdempotencyItem => {
      recorded.push(r);
      return { Put: { TableName: 't', Item: { pk: 'IDEMPOTENCY#k' } } };
    };
    let written: IdempotencyItem | undefined;
    const useCase = async (_a: User, input: { thingId: string }, ctx: RecordingContext<Thing>) => {
      const thing = { thingId: input.thingId, text: 'new', version: 1 };
      written = ctx.recordResult?.(thing);
      return thing;
    };
    const op = bind<UserRoute, Parameters<typeof useCase>[1], Thing>(useCase, {
      input: (req) => req.params as { thingId: string },
      reply: created(),
    });
    // Act
    const reply = await op(requestOf({ idempotency: { item } }));
    // Assess
    expect(written).toEqual({ Put: { TableName: 't', Item: { pk: 'IDEMPOTENCY#k' } } });
    expect(recorded).toEqual([reply]);
    expect(reply).toEqual({
      status: 201,
      body: { thingId: 't1', text: 'new', version: 1 },
      headers: { etag: '"1"' },
    });
  });

  it('gives no recordResult without an Idempotency-Key', async () => {
    let seen: unknown = 'unset';
    const op = bind<UserRoute, undefined, Thing>(
      async (_a: User, _i: undefined, ctx: RecordingContext<Thing>) => {
        seen = ctx.recordResult;
        return { thingId: 't1', text: '', version: 1 };
      },
      { input: () => undefined, reply: created() },
    );
    await op(requestOf());
    expect(seen).toBeUndefined();
  });
});
