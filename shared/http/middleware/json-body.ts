/**
 * Phase `json-body`: the request body of a route that declares one, read as JSON within the
 * route's size limit (413), as `application/json` (415), UTF-8 and at most `MAX_JSON_DEPTH`
 * levels deep (400). A body sent to a route without one is ignored.
 */
import { HttpError } from '../errors.ts';
import type { HttpEvent } from '../operation.ts';
import type { RouteDef } from '../route.ts';
import { type EdgeMiddleware, needs, stateOf } from './edge.ts';

const DEFAULT_MAX_BODY = 256 * 1024;
/** Deeper JSON is never a valid request and costs stack to validate. */
export const MAX_JSON_DEPTH = 32;

const jsonDepth = (value: unknown, depth = 0): number => {
  if (depth > MAX_JSON_DEPTH) return depth;
  if (value === null || typeof value !== 'object') return depth;
  let max = depth + 1;
  for (const v of Object.values(value)) max = Math.max(max, jsonDepth(v, depth + 1));
  return max;
};

const UTF8 = new TextDecoder('utf-8', { fatal: true });

const readJsonBody = (
  event: Pick<HttpEvent, 'body' | 'isBase64Encoded'>,
  contentTypeHeader: string | undefined,
  route: Pick<RouteDef, 'body' | 'maxBodyBytes'>,
): unknown => {
  const raw = event.body;
  if (raw === undefined || raw === null || raw === '') {
    if (route.body)
      throw new HttpError(400, 'BODY_REQUIRED', 'Invalid request: body: a JSON body is required');
    return undefined;
  }
  if (!route.body) return undefined;
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  const limit = route.maxBodyBytes ?? DEFAULT_MAX_BODY;
  if (bytes.byteLength > limit) {
    throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `body: larger than ${limit} bytes`, { limit });
  }
  const contentType = (contentTypeHeader ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type: must be application/json');
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new HttpError(400, 'INVALID_UTF8', 'body: not valid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'INVALID_JSON', 'body: not valid JSON');
  }
  if (jsonDepth(parsed) > MAX_JSON_DEPTH) {
    throw new HttpError(400, 'JSON_TOO_DEEP', `body: nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return parsed;
};

export const jsonBody = (): EdgeMiddleware => ({
  name: 'json-body',
  before: ({ event, context }) => {
    const edge = stateOf(context, 'json-body');
    const headers = needs(edge, 'headers', 'json-body');
    edge.body = readJsonBody(event, headers['content-type'], needs(edge, 'route', 'json-body'));
  },
});
