/**
 * Phase `idempotency`: POSTs with an `Idempotency-Key` (routes marked `idempotent`) answer a
 * retry with the first answer instead of acting twice. The key is scoped to the caller and the
 * operation, and bound to a hash of the request: the same key with another request is a 422.
 *
 * Two ways to hold the key:
 * - reserve it before the operation (`begin`), record the answer after (`complete`), and free
 *   it if the operation fails (use cases write atomically, so a retry may run it again);
 * - `'in-transaction'`: the operation writes the answer under the key in its own transaction
 *   (`ApiRequest.idempotency`). A taken key cancels that transaction (ConflictError, nothing
 *   written) and the stored answer is sent. One write instead of three.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { ConflictError } from '../../domain/errors.ts';
import type { idempotencyStore } from '../../repos/idempotency.ts';
import { HttpError } from '../errors.ts';
import type { HttpEvent, HttpResult } from '../operation.ts';
import { toResult } from '../reply.ts';
import { type EdgeMiddleware, needs, stateOf } from './edge.ts';

export type IdempotencyStore = Pick<
  typeof idempotencyStore,
  'begin' | 'find' | 'completedItem' | 'complete' | 'release'
>;

/** What a client may use as a key. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

const requestHash = (event: HttpEvent): string =>
  createHash('sha256')
    .update(`${event.routeKey}\n${event.rawPath}\n${event.body ?? ''}`)
    .digest('hex');

const replayOf = (result: HttpResult): HttpResult => ({
  ...result,
  headers: { ...result.headers, 'idempotent-replay': 'true' },
});

const keyReused = () =>
  new HttpError(
    422,
    'IDEMPOTENCY_KEY_REUSED',
    'header.idempotency-key: already used with a different request',
  );

const inProgress = () =>
  new HttpError(
    409,
    'IDEMPOTENCY_IN_PROGRESS',
    'header.idempotency-key: the first request is still being processed',
  );

interface Held {
  scopeKey: string;
  hash: string;
  now: Date;
  mode: 'reserved' | 'in-transaction';
  /** in-transaction: the operation took the key in its own write. */
  used: boolean;
}

export const idempotency = (store: IdempotencyStore, logger: Logger): EdgeMiddleware => {
  // Per request, keyed by the request's edge state (fresh for each invocation).
  const held = new WeakMap<object, Held>();
  const recordOrLog = (h: Held, result: HttpResult, routeKey: string) =>
    store.complete(h.scopeKey, result, h.now).catch((err: unknown) => {
      // The operation has taken effect: the caller still gets its answer; the key stays taken.
      logger.error('idempotency result not recorded', { routeKey, err });
    });

  return {
    name: 'idempotency',
    before: async ({ event, context }) => {
      const edge = stateOf(context, 'idempotency');
      const route = needs(edge, 'route', 'idempotency');
      const request = needs(edge, 'request', 'idempotency');
      const key = route.idempotent ? request.headers['idempotency-key'] : undefined;
      if (key === undefined || key === '') return;
      if (!IDEMPOTENCY_KEY.test(key)) {
        throw new HttpError(
          400,
          'VALIDATION_FAILED',
          'header.idempotency-key: 8-128 characters of A-Z a-z 0-9 _ -',
        );
      }
      const caller = request.principal.kind === 'user' ? request.principal.sub : 'anonymous';
      const h: Held = {
        scopeKey: `${caller}#${route.operationId}#${key}`,
        hash: requestHash(event),
        now: request.now,
        mode: route.idempotent === 'in-transaction' ? 'in-transaction' : 'reserved',
        used: false,
      };
      if (h.mode === 'in-transaction') {
        held.set(edge, h);
        request.idempotency = {
          item: (reply) => {
            h.used = true;
            return store.completedItem(h.scopeKey, h.hash, toResult(route, reply), h.now);
          },
        };
        return;
      }
      const prior = await store.begin(h.scopeKey, h.hash, h.now);
      if (prior.state === 'completed') edge.replay = replayOf(prior.result);
      else if (prior.state === 'mismatch') throw keyReused();
      else if (prior.state === 'in-progress') throw inProgress();
      else held.set(edge, h);
    },
    after: async (request) => {
      const { event, context, response } = request;
      const h = context.edge && held.get(context.edge);
      if (!h || !response) return;
      if (h.mode === 'reserved') return recordOrLog(h, response, event.routeKey);
      if (h.used) return;
      // The operation wrote nothing with the key: record its answer the usual way.
      const prior = await store.begin(h.scopeKey, h.hash, h.now);
      if (prior.state === 'completed') request.response = replayOf(prior.result);
      else if (prior.state === 'mismatch') throw keyReused();
      else await recordOrLog(h, response, event.routeKey);
    },
    onError: async (request) => {
      const edge = request.context.edge;
      const h = edge && held.get(edge);
      if (!h) return;
      held.delete(edge);
      if (h.mode === 'reserved') {
        await store.release(h.scopeKey).catch(() => undefined);
        return;
      }
      if (!(request.error instanceof ConflictError)) return;
      // Our transaction lost to a write under the same key: a retry, or a concurrent duplicate.
      const found = await store.find(h.scopeKey, h.hash, h.now);
      if (found?.state === 'completed') request.response = replayOf(found.result);
      else if (found?.state === 'mismatch') request.error = keyReused();
    },
  };
};
