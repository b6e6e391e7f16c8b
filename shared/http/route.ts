/**
 * Route declarations: one entry per HTTP operation, declared once and used by the Lambda
 * handlers, the local gateway, the CDK API, the OpenAPI document and the tests.
 */
import type { z } from 'zod';

export const FUNCTION_NAMES = [
  'system',
  'registry',
  'cycles',
  'self-assessments',
  'reviews',
  'dialogue',
  'summaries',
  'public',
  'reports',
  'questionnaires',
  'people',
  'follow-ups',
  'search',
] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Non-JSON representations a route may produce (downloads, reports). */
type Produces =
  | 'application/json'
  | 'text/html'
  | 'text/markdown'
  | 'text/csv'
  | 'application/pdf'
  | 'image/svg+xml'
  | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface RouteDef {
  operationId: string;
  method: HttpMethod;
  /** API Gateway path syntax: `/reviews/{reviewId}/comments`. */
  path: string;
  /** The Lambda function that serves it. */
  fn: FunctionName;
  /** `public` routes get no authorizer; `user` routes need a verified token. */
  auth: 'public' | 'user';
  summary: string;
  tags: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  /** Success status (default 200). */
  status?: number;
  produces?: Produces;
  /**
   * Other representations of a JSON route, chosen by a `format` query parameter: the operation
   * then replies with a string or bytes and its own content-type header.
   */
  alsoProduces?: readonly Produces[];
  /**
   * POSTs that accept an `Idempotency-Key` header: a retry returns the first result. With
   * `'in-transaction'` the operation takes the key inside its own transaction (ApiRequest
   * `idempotency`) instead of a reservation before it and an update after it: two round trips
   * fewer, and a concurrent duplicate waits for the answer instead of getting a 409.
   */
  idempotent?: boolean | 'in-transaction';
  /**
   * Optimistic concurrency (docs/api-conventions.md): the write names the version it read in
   * `If-Match`, and the edge hands it over as `expectedVersion`. `required`: a version ≥ 1;
   * `required-or-new`: ≥ 0, where 0 means "nothing saved yet"; `optional`: may be left out.
   * Missing where required is a 428, malformed a 400; a stale one is the use case's 412.
   */
  version?: 'required' | 'required-or-new' | 'optional';
  /** Other request headers the operation reads (documented in OpenAPI). */
  headers?: readonly string[];
  /** Largest accepted body in bytes (default 256 KiB). */
  maxBodyBytes?: number;
}

export const defineRoute = <const R extends RouteDef>(route: R): R => route;

/** API Gateway HTTP API route key, e.g. `POST /reviews/{reviewId}/comments`. */
export const routeKey = (r: Pick<RouteDef, 'method' | 'path'>): string => `${r.method} ${r.path}`;
