/**
 * The API client: bearer token, JSON in and out, and the platform's error body
 * `{ error: { code, message, details } }` turned into an ApiError whose field messages the forms
 * show next to their fields.
 */
import type { WebConfig } from './config.ts';

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[],
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * Messages for one field. Paths arrive as `body.answers.TIP.5.q1`, `answers.TIP.5.q2[0].url` or
   * `underReview`; a field matches its own path and anything below it.
   */
  forField(path: string): string[] {
    return this.issues.filter((i) => isUnder(i.path, path)).map((i) => i.message);
  }
}

/**
 * Whether an issue path lies at or under a field's path. Issue paths arrive with their request
 * part (`body.answers.TIP.5.q7[0].year`); fields name theirs without (`answers.TIP.5.q7`).
 */
export const isUnder = (issuePath: string, path: string): boolean => {
  const p = issuePath.replace(/^(body|query|params|header)\./, '');
  return p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`);
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const issuesOf = (details: unknown): FieldIssue[] => {
  const list = Array.isArray(details)
    ? details
    : isRecord(details) && Array.isArray(details.issues)
      ? details.issues
      : [];
  return list.flatMap((d: unknown) =>
    isRecord(d) && typeof d.path === 'string' && typeof d.message === 'string'
      ? [{ path: d.path, message: d.message }]
      : [],
  );
};

/**
 * A message that names its field (`body.underReview: unknown State XYZ`) without `details.issues`
 * still belongs beside that field.
 */
const issueInMessage = (message: string): FieldIssue[] => {
  const m = /^((?:body|query|params)\.[\w.[\]-]+): (.+)$/s.exec(message);
  return m?.[1] && m[2] ? [{ path: m[1], message: m[2] }] : [];
};

interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Return the raw text instead of parsing JSON (exports, Markdown, CSV). */
  text?: boolean;
  /** Return the body as a Blob (PDF and other downloads). */
  blob?: boolean;
}

export interface Api {
  get: <T>(path: string, opts?: RequestOptions) => Promise<T>;
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => Promise<T>;
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => Promise<T>;
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => Promise<T>;
  del: <T>(path: string, opts?: RequestOptions) => Promise<T>;
  text: (path: string) => Promise<string>;
  /** The body as a Blob: downloads that need the bearer token (a plain link cannot send it). */
  blob: (path: string) => Promise<Blob>;
}

export const createApi = (config: WebConfig, token: () => string | null, onUnauthorized: () => void): Api => {
  const call = async <T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> => {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    const t = token();
    if (t) headers.authorization = `Bearer ${t}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (method === 'POST' && !headers['idempotency-key']) headers['idempotency-key'] = crypto.randomUUID();
    const res = await fetch(`${config.apiBase}${path}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    if (res.status === 401) onUnauthorized();
    if (!res.ok) {
      let body: unknown = null;
      try {
        body = await res.json();
      } catch {
        // Not JSON (a proxy error page): fall back to the status line.
      }
      const err = isRecord(body) && isRecord(body.error) ? body.error : {};
      const message = typeof err.message === 'string' ? err.message : `${res.status} ${res.statusText}`;
      const issues = issuesOf(err.details);
      throw new ApiError(
        res.status,
        typeof err.code === 'string' ? err.code : `HTTP_${res.status}`,
        message,
        issues.length ? issues : issueInMessage(message),
        err.details,
      );
    }
    if (opts.text) return (await res.text()) as T;
    if (opts.blob) return (await res.blob()) as T;
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  };
  return {
    get: (path, opts) => call('GET', path, opts),
    post: (path, body, opts) => call('POST', path, { ...opts, body }),
    patch: (path, body, opts) => call('PATCH', path, { ...opts, body }),
    put: (path, body, opts) => call('PUT', path, { ...opts, body }),
    del: (path, opts) => call('DELETE', path, opts),
    text: (path) => call<string>('GET', path, { text: true }),
    blob: (path) => call<Blob>('GET', path, { blob: true, headers: { accept: '*/*' } }),
  };
};
