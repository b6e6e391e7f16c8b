/**
 * Optimistic concurrency: writes name the version they read (the edge reads it from `If-Match`,
 * docs/api-conventions.md); one that is no longer current is refused before anything is written.
 */
import { ConflictError, PreconditionFailedError } from '../domain/errors.ts';

/** A stale `If-Match` is answered 412 with the current version, before any write is tried. */
export const assertVersion = (expected: number, current: number, what: string): void => {
  if (expected !== current) {
    throw new PreconditionFailedError(`${what} is at version ${current}, not ${expected}; reload and retry`, {
      current: { version: current },
    });
  }
};

/**
 * A write conditioned on the version the caller named lost the race to another write: that
 * version is no longer current, so it answers as a stale one (412), never as a state conflict.
 */
export const staleIfConflict = <T>(write: Promise<T>): Promise<T> =>
  write.catch((err: unknown) => {
    throw err instanceof ConflictError ? new PreconditionFailedError(err.message, err.details) : err;
  });
