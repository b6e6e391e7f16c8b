/**
 * Small building blocks shared by the screens: the app context, data loading, labelled fields
 * with their error messages, alerts. Preact's `h` instead of JSX keeps the sources plain
 * TypeScript that the repository's tsc and biome check as they are.
 */
import { type ComponentChildren, createContext, h, type VNode } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { type Api, ApiError } from './api.ts';
import type { Session } from './auth.ts';
import type { WebConfig } from './config.ts';

export interface AppContext {
  api: Api;
  config: WebConfig;
  session: Session;
  navigate: (to: string) => void;
}

export const Ctx = createContext<AppContext | null>(null);

export const useApp = (): AppContext => {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useApp outside the app');
  return ctx;
};

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads once per change of `deps`; `reload()` fetches again. Late answers of old loads are dropped. */
export const useLoad = <T>(fn: () => Promise<T>, deps: unknown[]): Loaded<T> => {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    fn().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
};

export const messageOf = (err: unknown): string =>
  err instanceof ApiError
    ? err.status === 403 || err.status === 404
      ? `Not available to you (${err.status === 403 ? 'not allowed' : 'not found'}): ${err.message}`
      : err.message
    : err instanceof Error
      ? err.message
      : String(err);

export const ErrorBox = ({ error }: { error: unknown }): VNode | null =>
  error ? h('p', { class: 'error', role: 'alert' }, messageOf(error)) : null;

export const Busy = ({ label = 'Loading…' }: { label?: string }) =>
  h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' }, label);

/** Renders a load: spinner text, the error, or the content. */
export const Show = <T>({
  load,
  children,
}: {
  load: Loaded<T>;
  children: (data: T) => ComponentChildren;
}) => {
  if (load.error) return h(ErrorBox, { error: load.error });
  if (load.data === undefined) return h(Busy, { label: 'Loading…' });
  return h('div', {}, children(load.data));
};

let idSeq = 0;
export const useId = (prefix: string): string => {
  const [id] = useState(() => `${prefix}-${++idSeq}`);
  return id;
};

export interface FieldProps {
  label: string;
  /** Messages shown under the field and announced with it. */
  errors?: string[];
  hint?: string;
  children: (id: string, describedBy: string | undefined, invalid: boolean) => ComponentChildren;
}

/** A label, the control, its hint and its error messages, wired with for/aria-describedby. */
export const Field = ({ label, errors = [], hint, children }: FieldProps) => {
  const id = useId('f');
  const ids = [hint ? `${id}-hint` : '', errors.length ? `${id}-err` : ''].filter(Boolean).join(' ');
  return h(
    'div',
    { class: errors.length ? 'field invalid' : 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    children(id, ids || undefined, errors.length > 0),
    errors.length ? h('p', { class: 'field-error', id: `${id}-err` }, errors.join('; ')) : null,
  );
};

export const link = (href: string, text: ComponentChildren, attrs: Record<string, string> = {}) =>
  h('a', { href: `#${href}`, ...attrs }, text);

export const fmtDate = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toISOString().slice(0, 10) : '—';

export const fmtDateTime = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 16) : '—';

/** A button that runs an action, shows progress, and the error (if any) beside it. */
export const ActionButton = ({
  label,
  run,
  kind = 'primary',
  disabled = false,
}: {
  label: string;
  run: () => Promise<unknown>;
  kind?: 'primary' | 'secondary' | 'danger';
  disabled?: boolean;
}) => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return h(
    'span',
    { class: 'action' },
    h(
      'button',
      {
        type: 'button',
        class: kind,
        disabled: busy || disabled,
        'aria-busy': busy ? 'true' : undefined,
        onClick: async () => {
          setBusy(true);
          setError(null);
          try {
            await run();
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        },
      },
      label,
    ),
    error ? h('span', { class: 'error', role: 'alert' }, messageOf(error)) : null,
  );
};

export const Table = ({
  caption,
  head,
  rows,
  rowClass,
}: {
  caption: string;
  head: string[];
  rows: ComponentChildren[][];
  rowClass?: (i: number) => string | undefined;
}) =>
  h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...rows.map((r, i) => h('tr', { class: rowClass?.(i) }, ...r.map((c) => h('td', {}, c)))),
      ),
    ),
  );

/** Saves a Blob under a file name (downloads that needed the bearer token, so no plain link). */
export const saveBlob = (blob: Blob, filename: string): void => {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has handed the URL to the download; free it once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

export const LANGUAGE_NAMES = {
  ar: 'العربية (Arabic)',
  zh: '中文 (Chinese)',
  en: 'English',
  fr: 'Français (French)',
  ru: 'Русский (Russian)',
  es: 'Español (Spanish)',
} as const;

/**
 * A summary document (a self-contained HTML page) in a fully sandboxed iframe: no script, no
 * same-origin access, so whatever the document holds cannot reach the app or its token.
 */
export const DocFrame = ({ html, title }: { html: string; title: string }) =>
  h('iframe', { class: 'doc-frame', sandbox: '', srcdoc: html, title, 'data-testid': 'doc-frame' });
