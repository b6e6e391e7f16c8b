/**
 * A local stand-in for API Gateway (HTTP API, payload v2): matches the route table, verifies the
 * bearer token like the JWT authorizer, turns each request into the event AWS would send to the
 * real handler module, and turns the handler's result back into HTTP. Also serves the web UI and
 * local-only dev endpoints (sign-in, mailbox).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { Context } from 'aws-lambda';
import { type TokenSettings, verifyToken } from '#shared/auth/dev-tokens.ts';
import type { HttpEvent, HttpResult } from '#shared/http/lambda.ts';
import type { FunctionName, RouteDef } from '#shared/http/route.ts';
import { routeKey } from '#shared/http/route.ts';
import { ROUTES } from '#shared/http/routes.ts';

export type LambdaHandler = (
  event: HttpEvent,
  context: Context,
  opts: { signal: AbortSignal },
) => Promise<HttpResult> | HttpResult | undefined;

/** The parts of the Lambda context our handlers use; the rest is filled with local values. */
const localContext = (requestId: string, fn: FunctionName): Context => ({
  awsRequestId: requestId,
  functionName: `cop-review-${fn}`,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:cop-review-${fn}`,
  memoryLimitInMB: '1024',
  logGroupName: `/aws/lambda/cop-review-${fn}`,
  logStreamName: 'local',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 29_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** Local-only endpoints, e.g. `GET /dev/users`; not part of the deployed API. */
export type DevRoute = (
  req: IncomingMessage,
  body: Buffer,
  url: URL,
) => Promise<{ status: number; body: unknown }>;

export interface GatewayOptions {
  tokens: TokenSettings;
  /** Loads the handler of one function (the same module Lambda runs). */
  loadHandler: (fn: FunctionName) => Promise<LambdaHandler>;
  devRoutes?: Record<string, DevRoute>;
  /** Folder with the built web UI, served under /ui/. */
  webRoot?: string;
}

const MAX_REQUEST_BYTES = 10 * 1024 * 1024; // API Gateway's payload limit.

interface CompiledRoute {
  route: RouteDef;
  regex: RegExp;
  names: string[];
}

const compile = (route: RouteDef): CompiledRoute => {
  const names: string[] = [];
  const pattern = route.path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\\?\{([^}]+)\\?\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
  return { route, regex: new RegExp(`^${pattern.replace(/\{|\}/g, '')}$`), names };
};

const COMPILED = (ROUTES as readonly RouteDef[]).map(compile);

/** Literal segments outrank parameters, as in API Gateway's route selection. */
const specificity = (c: CompiledRoute): number =>
  c.route.path.split('/').filter((s) => s && !s.startsWith('{')).length;

export const matchRoute = (
  method: string,
  path: string,
): { route: RouteDef; params: Record<string, string> } | 'method-not-allowed' | null => {
  let best: { c: CompiledRoute; m: RegExpExecArray } | null = null;
  let pathMatched = false;
  for (const c of COMPILED) {
    const m = c.regex.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (c.route.method !== method) continue;
    if (!best || specificity(c) > specificity(best.c)) best = { c, m };
  }
  if (!best) return pathMatched ? 'method-not-allowed' : null;
  const params: Record<string, string> = {};
  best.c.names.forEach((n, i) => {
    const raw = best.m[i + 1] ?? '';
    try {
      params[n] = decodeURIComponent(raw);
    } catch {
      params[n] = raw;
    }
  });
  return { route: best.c.route, params };
};

const LOOPBACK_PEER = /^(?:127(?:\.\d{1,3}){3}|::1|::ffff:127(?:\.\d{1,3}){3})$/;
const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
const hostnameOf = (authority: string): string | undefined => {
  try {
    return new URL(`http://${authority}`).hostname;
  } catch {
    return undefined;
  }
};

/**
 * Whether a request may reach the dev-only endpoints: it comes from this machine (a loopback
 * peer), names localhost in its Host header (a page whose own DNS name was rebound to 127.0.0.1
 * still sends that name), and, when a browser sends an Origin, comes from a localhost page.
 */
export const isLocalRequest = (r: {
  remoteAddress: string | undefined;
  host: string | undefined;
  origin: string | undefined;
}): { ok: true } | { ok: false; reason: string } => {
  if (!r.remoteAddress || !LOOPBACK_PEER.test(r.remoteAddress))
    return { ok: false, reason: 'peer: dev endpoints answer only requests from this machine' };
  const host = r.host === undefined ? undefined : hostnameOf(r.host);
  if (!host || !LOCAL_HOSTNAMES.has(host))
    return { ok: false, reason: 'header.host: dev endpoints answer only requests to localhost' };
  if (r.origin !== undefined) {
    let origin: URL | undefined;
    try {
      origin = new URL(r.origin);
    } catch {
      origin = undefined;
    }
    if (!origin || !['http:', 'https:'].includes(origin.protocol) || !LOCAL_HOSTNAMES.has(origin.hostname))
      return { ok: false, reason: 'header.origin: dev endpoints answer only pages served from localhost' };
  }
  return { ok: true };
};

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};

const errorBody = (code: string, message: string) => ({ error: { code, message } });

const readRequest = (req: IncomingMessage): Promise<Buffer | 'too-large'> =>
  new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolvePromise(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Browser addresses outside the API: where they lead in the UI (null: nothing, 204). */
const BROWSER_PATHS: Record<string, string | null> = {
  '/': '/ui/',
  '/ui': '/ui/',
  '/login': '/ui/',
  '/public': '/ui/#/public',
  '/favicon.ico': null,
};

const serveStatic = (res: ServerResponse, webRoot: string, path: string): boolean => {
  const rel = path.replace(/^\/ui\/?/, '') || 'index.html';
  const root = resolve(webRoot);
  const file = resolve(join(root, normalize(rel)));
  if (!file.startsWith(root)) return false;
  const target = existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html');
  if (!existsSync(target)) return false;
  res.writeHead(200, {
    'content-type': MIME[extname(target)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  res.end(readFileSync(target));
  return true;
};

const toEvent = (
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  route: RouteDef,
  params: Record<string, string>,
  claims: Record<string, unknown> | null,
): HttpEvent => {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const now = new Date();
  const text = body.length ? body.toString('utf8') : undefined;
  // API Gateway base64-encodes bodies it cannot pass as text; do the same for non-UTF-8 bytes.
  const isText = text !== undefined && Buffer.from(text, 'utf8').equals(body);
  return {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: Object.keys(params).length ? params : undefined,
    body: body.length ? (isText ? text : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !isText,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: url.host,
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: routeKey(route),
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      authorizer: claims
        ? {
            principalId: '',
            integrationLatency: 0,
            jwt: { claims: claims as Record<string, string>, scopes: [] },
          }
        : (undefined as never),
    },
  } as HttpEvent;
};

export const createGateway = (opts: GatewayOptions): Server => {
  const handlers = new Map<FunctionName, Promise<LambdaHandler>>();
  const handlerFor = (fn: FunctionName) => {
    let h = handlers.get(fn);
    if (!h) {
      h = opts.loadHandler(fn);
      handlers.set(fn, h);
    }
    return h;
  };

  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
      const method = (req.method ?? 'GET').toUpperCase();
      if (method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-origin': '*',
          'access-control-allow-headers': 'authorization,content-type,if-match,idempotency-key',
          'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE',
        });
        res.end();
        return;
      }
      // Addresses people type or browsers ask for go to the UI, not to a JSON 404.
      const toUi = method === 'GET' ? BROWSER_PATHS[url.pathname] : undefined;
      if (toUi !== undefined) {
        if (toUi === null) res.writeHead(204, { 'cache-control': 'max-age=86400' });
        else res.writeHead(302, { location: toUi });
        res.end();
        return;
      }
      if (method === 'GET' && url.pathname.startsWith('/ui/') && opts.webRoot) {
        if (serveStatic(res, opts.webRoot, url.pathname)) return;
      }
      const body = await readRequest(req);
      if (body === 'too-large') {
        send(res, 413, errorBody('PAYLOAD_TOO_LARGE', `body: larger than ${MAX_REQUEST_BYTES} bytes`));
        return;
      }
      const dev = opts.devRoutes?.[`${method} ${url.pathname}`];
      if (dev) {
        const local = isLocalRequest({
          remoteAddress: req.socket.remoteAddress,
          host: req.headers.host,
          origin: req.headers.origin,
        });
        if (!local.ok) {
          send(res, 403, errorBody('DEV_ENDPOINT_NOT_LOCAL', local.reason));
          return;
        }
        const out = await dev(req, body, url);
        send(res, out.status, out.body);
        return;
      }
      const match = matchRoute(method, url.pathname);
      if (match === null) {
        send(res, 404, errorBody('NOT_FOUND', `no route ${method} ${url.pathname}`));
        return;
      }
      if (match === 'method-not-allowed') {
        send(res, 405, errorBody('METHOD_NOT_ALLOWED', `method ${method} not allowed on ${url.pathname}`));
        return;
      }
      let claims: Record<string, unknown> | null = null;
      if (match.route.auth === 'user') {
        const header = req.headers.authorization ?? '';
        const token = /^Bearer (.+)$/i.exec(header)?.[1];
        if (!token) {
          send(res, 401, errorBody('UNAUTHORIZED', 'authorization: bearer token required'));
          return;
        }
        const verified = await verifyToken(token, opts.tokens);
        if (!verified.ok) {
          send(res, 401, errorBody('UNAUTHORIZED', `authorization: ${verified.reason}`));
          return;
        }
        claims = verified.claims;
      }
      const event = toEvent(req, url, body, match.route, match.params, claims);
      const handler = await handlerFor(match.route.fn);
      const result = await handler(event, localContext(event.requestContext.requestId, match.route.fn), {
        signal: AbortSignal.timeout(29_000),
      });
      if (!result) throw new Error('handler returned nothing');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
      res.writeHead(result.statusCode ?? 200, headers);
      res.end(
        result.body === undefined
          ? undefined
          : result.isBase64Encoded
            ? Buffer.from(result.body, 'base64')
            : result.body,
      );
    } catch {
      if (!res.headersSent) send(res, 500, errorBody('INTERNAL', 'Internal error'));
      else res.end();
    }
  });
};
