/**
 * The HTTP edge of the error hierarchy: domain errors → status codes, one JSON error body shape
 * `{ error: { code, message, details } }`, and nothing internal leaks to clients.
 */
import * as z from 'zod';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  GoneError,
  IntegrityError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  UnauthorizedError,
  UnprocessableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../domain/errors.ts';

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** An error raised at the HTTP edge itself (bad JSON, unknown route...). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const STATUS_BY_ERROR: [new (...args: never[]) => DomainError, number][] = [
  [ValidationError, 400],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [GoneError, 410],
  [PreconditionFailedError, 412],
  [PayloadTooLargeError, 413],
  [UnsupportedMediaTypeError, 415],
  [UnprocessableError, 422],
  [IntegrityError, 500],
];

export interface ErrorResponse {
  statusCode: number;
  body: ErrorBody;
}

/** Maps anything thrown to a client-safe response; unknown errors become a generic 500. */
export const toErrorResponse = (err: unknown): ErrorResponse => {
  if (err instanceof HttpError) {
    return {
      statusCode: err.statusCode,
      body: { error: { code: err.code, message: err.message, details: err.details } },
    };
  }
  if (err instanceof DomainError) {
    const status = STATUS_BY_ERROR.find(([cls]) => err instanceof cls)?.[1] ?? 400;
    return {
      statusCode: status,
      body: { error: { code: err.code, message: err.message, details: err.details } },
    };
  }
  return { statusCode: 500, body: { error: { code: 'INTERNAL', message: 'Internal error' } } };
};

/** zod issues → a message naming every field, plus structured details. */
export const zodIssues = (
  where: string,
  error: z.ZodError,
): { message: string; details: { path: string; message: string }[] } => {
  const details = error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  const message = `Invalid request: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`;
  return {
    message: message.length > 1000 ? `${message.slice(0, 997)}...` : message,
    details: details.slice(0, 50),
  };
};
