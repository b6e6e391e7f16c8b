/**
 * What every use case receives besides the actor and its input: a use case is a plain function
 * `(actor, input, ctx)` → domain result, throwing only domain errors (shared/domain/errors.ts).
 * The HTTP binding (shared/http/bindings/) builds all three from a request; the scheduler, the
 * CLIs and the tests call use cases directly.
 */
import type { IdempotencyItem } from '../repos/idempotency.ts';
export interface UseCaseContext {
  /** The one clock reading of the request or job. */
  now: Date;
  /** For the logs and the audit trail. */
  requestId: string;
}

/**
 * The context of a use case that can record its result in the same transaction as its change:
 * with an Idempotency-Key, `recordResult` is the item that takes the key with the answer the
 * result will be given, so a duplicate request never changes anything twice.
 */
export interface RecordingContext<O> extends UseCaseContext {
  recordResult?: ((out: O) => IdempotencyItem) | undefined;
}

/** A document a use case serves (a summary file, an export): the binding adds the HTTP headers. */
export interface ServedDocument {
  body: string | Uint8Array;
  contentType: string;
  /** The name it is saved under. */
  fileName?: string;
  /** The SHA-256 of the stored bytes, when they are a stored file (its ETag). */
  sha256?: string;
}
