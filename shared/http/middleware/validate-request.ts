/**
 * Phase `validate-request`: the `If-Match` version read per the route's `version` policy, path,
 * query and body checked against the route's zod schemas (400 naming each field), and the
 * request the operation receives assembled.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { now } from '../../clock.ts';
import { HttpError, zodIssues } from '../errors.ts';
import type { ApiRequest } from '../operation.ts';
import type { RouteDef } from '../route.ts';
import { type EdgeMiddleware, needs, stateOf } from './edge.ts';

const validate = (where: string, schema: z.ZodType | undefined, value: unknown): unknown => {
  if (!schema) return {};
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const { message, details } = zodIssues(where, result.error);
  throw new HttpError(400, 'VALIDATION_FAILED', message, details);
};

/** `3`, `"3"` or `W/"3"`: the version an entity tag of this API carries. */
const VERSION_TAG = /^(?:W\/)?(?:"(\d{1,15})"|(\d{1,15}))$/;

/**
 * The one `If-Match` policy (docs/api-conventions.md): missing where required → 428, not a
 * version → 400. Whether it is stale is for the use case to say (412), against what it reads.
 */
export const expectedVersionOf = (
  policy: RouteDef['version'],
  raw: string | undefined,
): number | undefined => {
  if (!policy) return undefined;
  const value = raw?.trim();
  if (!value) {
    if (policy === 'optional') return undefined;
    const hint = policy === 'required-or-new' ? ' (0 if there is none yet)' : '';
    throw new HttpError(
      428,
      'PRECONDITION_REQUIRED',
      `header.if-match: required: send the version you read${hint}`,
      [{ path: 'header.if-match', message: 'required' }],
    );
  }
  const tag = VERSION_TAG.exec(value);
  const n = Number(tag?.[1] ?? tag?.[2] ?? Number.NaN);
  const least = policy === 'required-or-new' ? 0 : 1;
  if (!Number.isSafeInteger(n) || n < least) {
    const message = `must be a version number of at least ${least}, e.g. "3"`;
    throw new HttpError(400, 'VALIDATION_FAILED', `header.if-match: ${message}`, [
      { path: 'header.if-match', message },
    ]);
  }
  return n;
};

export const validateRequest = (): EdgeMiddleware => ({
  name: 'validate-request',
  before: ({ event, context }) => {
    const edge = stateOf(context, 'validate-request');
    const route = needs(edge, 'route', 'validate-request');
    const headers = needs(edge, 'headers', 'validate-request');
    const principal = needs(edge, 'principal', 'validate-request');
    // The precondition first: a write without the version it read is refused whatever it says.
    const expectedVersion = expectedVersionOf(route.version, headers['if-match']);
    const params = validate('path', route.params, event.pathParameters ?? {});
    const query = validate('query', route.query, event.queryStringParameters ?? {});
    const body = route.body ? validate('body', route.body, edge.body) : undefined;
    edge.request = {
      params,
      query,
      body,
      principal,
      actor: principal,
      expectedVersion,
      headers,
      now: now(),
      requestId: event.requestContext?.requestId ?? randomUUID(),
    } as ApiRequest<RouteDef>;
  },
});
