/**
 * What every stored document shares: its SHA-256, recorded when it was written and checked
 * whenever it is read back to be served, so swapped or corrupted bytes are never handed out.
 */
import { createHash } from 'node:crypto';
import { IntegrityError } from '../domain/errors.ts';

export const sha256Hex = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

/** Throws an IntegrityError unless `actual` is the recorded `expected` digest. */
export const assertDigest = (actual: string, expected: string, what: string): void => {
  if (actual === expected) return;
  throw new IntegrityError(
    `${what} does not match the SHA-256 recorded when it was stored, so it is not served; the incident is logged`,
    { expectedSha256: expected },
  );
};

/** `bytes` if their SHA-256 is `expected`; otherwise an IntegrityError (never the bytes). */
export const verifiedBytes = <B extends Uint8Array>(bytes: B, expected: string, what: string): B => {
  assertDigest(sha256Hex(bytes), expected, what);
  return bytes;
};
