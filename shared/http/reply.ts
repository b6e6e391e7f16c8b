/**
 * An operation's reply as an API Gateway result: JSON by default, the route's document type
 * (text with a charset, bytes base64-encoded) for downloads, and the shape of every error.
 */
import type { HttpResult } from './operation.ts';
import type { RouteDef } from './route.ts';

export const jsonResult = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

export const toResult = (
  route: RouteDef,
  reply: { status?: number; body: unknown; headers?: Record<string, string> },
): HttpResult => {
  const status = reply.status ?? route.status ?? 200;
  const produces = route.produces ?? 'application/json';
  const raw = typeof reply.body === 'string' || reply.body instanceof Uint8Array;
  if (produces === 'application/json' && !(route.alsoProduces && raw)) {
    if (status === 204) return { statusCode: 204, headers: reply.headers ?? {} };
    return jsonResult(status, reply.body, reply.headers);
  }
  const contentType =
    produces.startsWith('text/') || produces === 'image/svg+xml' ? `${produces}; charset=utf-8` : produces;
  const headers = { 'content-type': contentType, ...reply.headers };
  if (reply.body instanceof Uint8Array) {
    return {
      statusCode: status,
      headers,
      body: Buffer.from(reply.body).toString('base64'),
      isBase64Encoded: true,
    };
  }
  return { statusCode: status, headers, body: String(reply.body) };
};
