/**
 * Optimistic concurrency at the edge: writes name the version they read in `If-Match`.
 */
import { PreconditionFailedError, ValidationError } from '../domain/errors.ts';

/** The version in an `If-Match` header (`3` or `"3"`); required for versioned writes. */
export const ifMatchVersion = (headers: Readonly<Record<string, string | undefined>>): number => {
  const raw = headers['if-match'];
  if (raw === undefined) throw new ValidationError('header.if-match: required (the version you read)');
  const n = Number(raw.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new ValidationError('header.if-match: must be a version number');
  return n;
};

/** A stale `If-Match` is answered 412 with the current version, before any write is tried. */
export const assertVersion = (expected: number, current: number, what: string): void => {
  if (expected !== current) {
    throw new PreconditionFailedError(`${what} is at version ${current}, not ${expected}; reload and retry`, {
      current: { version: current },
    });
  }
};
