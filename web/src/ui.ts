/**
 * Small building blocks shared by the screens: the app context, data loading, labelled fields
 * with their error messages, alerts. Preact's `h` instead of JSX keeps the sources plain
 * TypeScript that the repository's tsc and biome check as they are.
 */
import { type ComponentChildren, createContext, h, type VNode } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { type Api, ApiError, isUnder } from './api.ts';
import type { Session } from './auth.ts';
import type { WebConfig } from './config.ts';
import { currentLanguage, formatDate, formatDateTime, t } from './i18n/index.ts';

export interface AppContext {
  api: Api;
  config: WebConfig;
  session: Session;
  navigate: (to: string) => void;
  /** Says what an action did, at the top of the screen, until the next navigation. */
  notify?: (message: string) => void;
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

const messageOf = (err: unknown): string =>
  err instanceof ApiError
    ? err.status === 403 || err.status === 404
      ? t('common.notAvailable', { why: err.status === 403 ? 'forbidden' : 'missing', message: err.message })
      : err.message
    : err instanceof Error
      ? err.message
      : String(err);

export const ErrorBox = ({ error }: { error: unknown }): VNode | null =>
  error ? h('p', { class: 'error', role: 'alert' }, messageOf(error)) : null;

export const Busy = ({ label = t('app.loading') }: { label?: string }) =>
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
  if (load.data === undefined) return h(Busy, { label: t('app.loading') });
  return h('div', {}, children(load.data));
};

let idSeq = 0;
const useId = (prefix: string): string => {
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

/** A labelled textarea: `Field` with the control wired to its hint and errors. */
export const TextAreaField = ({
  value,
  onText,
  rows = 3,
  name,
  required,
  maxLength,
  readOnly,
  ...field
}: Omit<FieldProps, 'children'> & {
  value: string;
  onText: (text: string) => void;
  rows?: number;
  name?: string;
  required?: boolean;
  maxLength?: number;
  readOnly?: boolean;
}) =>
  h(Field, {
    ...field,
    children: (id, d, invalid) =>
      h('textarea', {
        id,
        name,
        rows,
        maxLength,
        readOnly,
        required,
        value,
        'aria-describedby': d,
        'aria-invalid': invalid,
        onInput: (e: Event) => onText((e.currentTarget as HTMLTextAreaElement).value),
      }),
  });

export const link = (href: string, text: ComponentChildren, attrs: Record<string, string> = {}) =>
  h('a', { href: `#${href}`, ...attrs }, text);

/**
 * Dates and times in the user's time zone (the browser's). English writes `2026-12-01` and
 * `2026-12-01 14:05 GMT+1` (the platform's ISO form, as its documents do); the other languages
 * use Intl in the interface language ("1 déc. 2026", "2026年12月1日"). A time always carries its
 * zone, and the footer names the zone.
 */
const DAY = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });

export const USER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export const fmtDate = (iso: string | null | undefined): string =>
  !iso ? '—' : currentLanguage() === 'en' ? DAY.format(new Date(iso)) : formatDate(iso);

export const fmtDateTime = (iso: string | null | undefined): string =>
  !iso
    ? '—'
    : currentLanguage() === 'en'
      ? `${DAY.format(new Date(iso))} ${TIME.format(new Date(iso))}`
      : formatDateTime(iso);

/** A button that runs an action, shows progress, and the error (if any) beside it. */
export const ActionButton = ({
  label,
  run,
  kind = 'primary',
  disabled = false,
  confirm,
  done,
}: {
  label: string;
  run: () => Promise<unknown>;
  kind?: 'primary' | 'secondary' | 'danger';
  disabled?: boolean;
  /** An irreversible step: the question asked first (or a function that words it; null: no question). */
  confirm?: string | (() => Promise<string | null>);
  /** The success message, shown at the top of the screen. */
  done?: string;
}) => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const notify = useContext(Ctx)?.notify;
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
            const question = typeof confirm === 'function' ? await confirm() : confirm;
            if (question && !window.confirm(question)) return;
            await run();
            if (done) notify?.(done);
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
 * The frame's document once loaded: sized to its whole height (the page scrolls, and prints, all
 * of it), in-document links (`#section-…`) scroll to their target instead of navigating the frame
 * to the app's address, other links open in a new tab.
 */
const wireFrame = (frame: HTMLIFrameElement): void => {
  const doc = frame.contentDocument;
  if (!doc) return;
  const fitHeight = () => {
    frame.style.height = `${doc.documentElement.scrollHeight + 2}px`;
  };
  fitHeight();
  // Fonts and a narrower window reflow the text; keep the frame as tall as its content.
  new ResizeObserver(fitHeight).observe(doc.body);
  doc.addEventListener('click', (e) => {
    const a = (e.target as Element | null)?.closest?.('a[href]');
    if (!a) return;
    const href = a.getAttribute('href') ?? '';
    e.preventDefault();
    if (href.startsWith('#')) {
      const target = doc.getElementById(decodeURIComponent(href.slice(1)));
      target?.scrollIntoView({ block: 'start' });
      if (target && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target?.focus({ preventScroll: true });
    } else if (/^https?:/i.test(href)) {
      window.open(href, '_blank', 'noopener,noreferrer');
    }
  });
};

/**
 * A summary document (a self-contained HTML page) in a sandboxed iframe: scripts never run in
 * it (no `allow-scripts`), so whatever the document holds cannot act. `allow-same-origin` lets
 * the app, not the document, size the frame and handle its links; `allow-modals` lets the app
 * print the frame's own document (print() called by the app: the document has no script).
 */
export const DocFrame = ({ html, title }: { html: string; title: string }) =>
  h('iframe', {
    class: 'doc-frame',
    sandbox: 'allow-same-origin allow-modals',
    srcdoc: html,
    title,
    'data-testid': 'doc-frame',
    onLoad: (e: Event) => wireFrame(e.currentTarget as HTMLIFrameElement),
  });

/** Prints the document of the summary frame on the page: all of it, without the app around it. */
const printDocument = (): void => {
  const frame = document.querySelector<HTMLIFrameElement>('iframe[data-testid="doc-frame"]');
  if (frame?.contentWindow) frame.contentWindow.print();
  else window.print();
};

/**
 * An arrow that points along the reading direction (back ←, forward →), flipped in right-to-left
 * languages by the stylesheet (`.dir-icon`); hidden from screen readers, the words beside it say it.
 */
export const dirIcon = (towards: 'back' | 'forward') =>
  h('span', { class: 'dir-icon', 'aria-hidden': 'true' }, towards === 'back' ? '←' : '→');

/** The print action beside a summary. */
export const PrintButton = () =>
  h(
    'button',
    { type: 'button', class: 'secondary', 'data-testid': 'print-summary', onClick: printDocument },
    t('common.printSummary'),
  );

/**
 * Work a screen has not stored yet. `navigate`: what moving to another screen would lose (the
 * screen flushes what it can on unmount); `unload`: what closing or reloading the tab would lose.
 */
export interface LeaveGuard {
  navigate: () => boolean;
  unload: () => boolean;
}
const leaveGuards = new Set<LeaveGuard>();

export const leaveQuestion = (): string => t('common.leaveQuestion');

/** Registers a guard while the component is mounted. */
export const useLeaveGuard = (guard: LeaveGuard): void => {
  useEffect(() => {
    leaveGuards.add(guard);
    return () => {
      leaveGuards.delete(guard);
    };
  }, [guard]);
};

/** Asks before an in-app navigation would lose work; true when it may go ahead. */
export const mayNavigate = (): boolean =>
  ![...leaveGuards].some((g) => g.navigate()) || window.confirm(leaveQuestion());

/** For `beforeunload`: whether closing or reloading the tab would lose work. */
export const wouldLoseWork = (): boolean => [...leaveGuards].some((g) => g.unload());

export interface StateOption {
  iso3: string;
  name: string;
}

/** `Côte d'Ivoire (CIV)`: how a State reads in pickers and tables. */
const stateLabel = (s: StateOption): string => `${s.name} (${s.iso3})`;

/** The registry's names, read once per page load and shared by every screen. */
let statesOnce: Promise<StateOption[]> | null = null;
const loadStates = (api: Api): Promise<StateOption[]> => {
  statesOnce ??= api.get<{ states: StateOption[] }>('/states').then(
    (r) => r.states.map((s) => ({ iso3: s.iso3, name: s.name })),
    () => {
      statesOnce = null;
      return [];
    },
  );
  return statesOnce;
};

/** The registered States, and `label(iso3)`: the State by name (its code until the names arrive). */
export const useStateNames = (): { states: StateOption[]; label: (iso3: string) => string } => {
  const { api } = useApp();
  const [states, setStates] = useState<StateOption[]>([]);
  useEffect(() => {
    let live = true;
    loadStates(api).then((s) => live && setStates(s));
    return () => {
      live = false;
    };
  }, [api]);
  const byCode = new Map(states.map((s) => [s.iso3, s]));
  return {
    states,
    label: (iso3) => {
      const s = byCode.get(iso3);
      return s ? stateLabel(s) : iso3;
    },
  };
};

/** A State by name, in text. */
export const StateName = ({ iso3 }: { iso3: string }) =>
  h('span', { 'data-iso3': iso3 }, useStateNames().label(iso3));

/** The ISO3 code a picker's text names: `Kenya (KEN)`, `KEN`, `ken` or `Kenya`; '' when none. */
export const iso3Of = (text: string, states: readonly StateOption[]): string => {
  const t = text.trim();
  const code = /\(([A-Za-z]{3})\)$/.exec(t)?.[1] ?? (/^[A-Za-z]{3}$/.test(t) ? t : '');
  const byCode = states.find((s) => s.iso3 === code.toUpperCase());
  if (byCode) return byCode.iso3;
  return states.find((s) => s.name.toLowerCase() === t.toLowerCase())?.iso3 ?? '';
};

/**
 * A State picker with search: a text field whose suggestions (a datalist) filter as one types a
 * name or a code. `onChange` gets the text; read the code with `iso3Of`.
 */
export const StatePicker = ({
  id,
  value,
  states,
  onChange,
  describedBy,
  invalid = false,
  name,
  disabled,
}: {
  id: string;
  value: string;
  states: readonly StateOption[];
  onChange: (text: string) => void;
  describedBy?: string;
  invalid?: boolean;
  name?: string;
  disabled?: boolean;
}) => [
  h('input', {
    id,
    name,
    disabled,
    value,
    list: `${id}-states`,
    autoComplete: 'off',
    'aria-describedby': describedBy,
    'aria-invalid': invalid,
    onInput: (e: Event) => onChange((e.currentTarget as HTMLInputElement).value),
  }),
  h('datalist', { id: `${id}-states` }, ...states.map((s) => h('option', { value: stateLabel(s) }))),
];

/**
 * Moves focus to the first element matching `selector` once it is on the page (content that
 * arrives after a load), so keyboard and screen-reader users are not left on `<body>`. Gives up
 * after a few seconds, or when the user has put the focus somewhere themselves.
 */
export const focusWhenShown = (selector: string): void => {
  const start = document.activeElement;
  const tryFocus = () => {
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) return false;
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
    el.focus();
    return true;
  };
  if (tryFocus()) return;
  const observer = new MutationObserver(() => {
    const moved = document.activeElement !== start && document.activeElement !== document.body;
    if (moved || tryFocus()) observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => observer.disconnect(), 10_000);
};

/** The server's messages for one field (its path without the `body.` part). */
export const errorsFor = (err: unknown, path: string): string[] =>
  err instanceof ApiError ? err.forField(path) : [];

/** The error to show at the top of a form: one that names no field (those sit beside theirs). */
export const generalError = (err: unknown): unknown =>
  err && !(err instanceof ApiError && err.issues.length) ? err : null;

/** One action that needs words (a reason, a new text): a button that opens its small form. */
export const TextAction = ({
  label,
  fieldLabel,
  submitLabel,
  initial = '',
  hint,
  run,
  kind = 'secondary',
}: {
  label: string;
  fieldLabel: string;
  submitLabel: string;
  initial?: string;
  hint?: string;
  run: (text: string) => Promise<void>;
  kind?: 'primary' | 'secondary' | 'danger';
}) => {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  if (!open) {
    return h('button', { type: 'button', class: kind, onClick: () => setOpen(true) }, label);
  }
  return h(
    'form',
    {
      class: 'inline-form',
      'aria-label': label,
      onSubmit: async (e: Event) => {
        e.preventDefault();
        setError(null);
        try {
          await run(text);
          setOpen(false);
        } catch (err) {
          setError(err);
        }
      },
    },
    h(TextAreaField, {
      label: fieldLabel,
      hint,
      errors: errorsFor(error, 'text').concat(errorsFor(error, 'reason')),
      rows: 3,
      value: text,
      required: true,
      onText: setText,
    }),
    h(ErrorBox, { error: generalError(error) }),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, submitLabel),
      h('button', { type: 'button', class: 'secondary', onClick: () => setOpen(false) }, t('common.cancel')),
    ),
  );
};

/** The form fields an error summary links to: the field's path → its words and the control's `name`. */
export type SummaryFields = Record<string, { label: string; name: string }>;

/**
 * The GOV.UK error summary at the top of a form: every problem the server named, in words, each a
 * link that puts the cursor in its field (the messages also stay beside the fields).
 */
export const FormErrorSummary = ({ error, fields }: { error: unknown; fields: SummaryFields }) => {
  if (!(error instanceof ApiError) || error.issues.length === 0) return null;
  const items = error.issues.map((i) => {
    const path = Object.keys(fields).find((f) => isUnder(i.path, f));
    const field = path ? fields[path] : undefined;
    return {
      name: field?.name,
      text: `${field?.label ?? i.path.replace(/^(body|query|params)\./, '')}: ${i.message}`,
    };
  });
  return h(
    'div',
    { class: 'error-summary', role: 'alert', tabIndex: -1, 'data-testid': 'form-error-summary' },
    h('h2', {}, t('common.problem')),
    h(
      'ul',
      {},
      ...items.map(({ name, text }) =>
        h(
          'li',
          {},
          name
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'link',
                  onClick: (e: Event) => {
                    const form = (e.currentTarget as HTMLElement).closest('form');
                    form?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`)?.focus();
                  },
                },
                text,
              )
            : text,
        ),
      ),
    ),
  );
};
