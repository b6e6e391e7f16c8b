/**
 * HTTP bindings: a route's operation as request → use-case input, the use case, and its result →
 * reply. The reply helpers are the one place an ETag, a location or a download's headers are
 * made, so use cases know nothing of HTTP. `Operations<F>` still proves every route is bound.
 */
import type { RecordingContext, ServedDocument } from '../use-cases/context.ts';
import { contentDisposition, documentHeaders } from './documents.ts';
import type { ApiReply, ApiRequest, Operation } from './operation.ts';
import type { RouteDef } from './route.ts';

type UseCase<R extends RouteDef, I, O> = (
  actor: ApiRequest<R>['actor'],
  input: I,
  ctx: RecordingContext<O>,
) => Promise<O>;

/**
 * The operation of a route: its input from the request, the use case, its reply. On a route whose
 * Idempotency-Key is taken `in-transaction`, the use case gets `recordResult`, which records the
 * reply this binding will give.
 */
export const bind =
  <R extends RouteDef, I, O>(
    useCase: UseCase<R, I, O>,
    spec: { input: (req: ApiRequest<R>) => I; reply: (out: O, req: ApiRequest<R>) => ApiReply<R> },
  ): Operation<R> =>
  async (req) => {
    const key = req.idempotency;
    const ctx: RecordingContext<O> = {
      now: req.now,
      requestId: req.requestId,
      ...(key ? { recordResult: (out: O) => key.item(spec.reply(out, req)) } : {}),
    };
    return spec.reply(await useCase(req.actor, spec.input(req), ctx), req);
  };

/** The result as the JSON body (the route's status, 200 by default). */
export const ok = <O>(out: O) => ({ body: out });

/** The entity tag of a versioned thing: its version, what `If-Match` sends back. */
const etagOf = (version: number): string => `"${version}"`;

/** The result with its version as ETag. */
export const withEtag = <O extends { version: number }>(out: O) => ({
  body: out,
  headers: { etag: etagOf(out.version) },
});

/** 201 with the new thing's location and, when it is versioned, its ETag. */
export const created =
  <O>(location?: (out: O) => string) =>
  (out: O) => ({
    status: 201,
    body: out,
    headers: {
      ...(location ? { location: location(out) } : {}),
      ...(typeof (out as { version?: unknown }).version === 'number'
        ? { etag: etagOf((out as { version: number }).version) }
        : {}),
    },
  });

/**
 * A served document with the document headers (no sniffing, nothing in it runs), its stored
 * SHA-256 as ETag and the name to save it under.
 */
export const document =
  (disposition: 'inline' | 'attachment' = 'inline') =>
  (out: ServedDocument) => ({
    body: out.body,
    headers: {
      ...documentHeaders(out.contentType),
      ...(out.sha256 ? { etag: `"${out.sha256}"` } : {}),
      ...(out.fileName ? { 'content-disposition': contentDisposition(out.fileName, disposition) } : {}),
    },
  });

/** Text or bytes in the content type the use case chose (a report in the requested format). */
export const asContentType = (out: ServedDocument) => ({
  body: out.body,
  headers: { 'content-type': out.contentType },
});
