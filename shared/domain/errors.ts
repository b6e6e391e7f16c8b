/**
 * Domain errors. Use cases throw these; only the HTTP edge maps them to status codes.
 */
export type ErrorDetails = Record<string, unknown> | unknown[];

export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input is well-formed JSON but breaks a rule (e.g. a missing required answer). */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
}

/**
 * A rule broken by one input field, named by its path in the use case's input (`underReview`).
 * The issue in `details.issues` is what the UI places beside that field; the use case need not
 * know whether the field came from a body or a query.
 */
export const fieldError = (field: string, message: string): ValidationError =>
  new ValidationError(`${field}: ${message}`, { issues: [{ path: field, message }] });
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}
/** A concurrent or out-of-order change: the caller should reload (details carry the current state). */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}
/** An `If-Match` / expected version that is no longer current. */
export class PreconditionFailedError extends DomainError {
  readonly code = 'PRECONDITION_FAILED';
}
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}
export class UnauthorizedError extends DomainError {
  readonly code = 'UNAUTHORIZED';
}
export class PayloadTooLargeError extends DomainError {
  readonly code = 'PAYLOAD_TOO_LARGE';
}
export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
}
/** Well-formed input the rules cannot satisfy, e.g. a draw with no possible assignment (422). */
export class UnprocessableError extends DomainError {
  readonly code = 'UNPROCESSABLE';
}
/**
 * Stored bytes that no longer match the SHA-256 recorded when they were written (tampering or
 * corruption): they are never served. A 500, logged for the operators.
 */
export class IntegrityError extends DomainError {
  readonly code = 'INTEGRITY_CHECK_FAILED';
}
/**
 * Something that worked once and no longer does, e.g. an activation link that expired or was
 * used (410). `code` says which, for the page that explains it.
 */
export class GoneError extends DomainError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
