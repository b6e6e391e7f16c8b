/**
 * Autosave of a questionnaire draft, apart from the screen so its rules can be tested alone:
 * edits are sent as PATCHes with If-Match; an answer the server refuses (a statistics year of
 * 1985) is set aside with its messages and the other answers of the same PATCH are sent again at
 * once, so one invalid value never blocks the rest; a refused answer is sent again only when it
 * is edited. Item rows with nothing filled in yet are not sent (a row just added is no error).
 */
import { ApiError, type FieldIssue, isUnder } from './api.ts';

type Answers = Record<string, unknown>;

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'invalid' | 'error' | 'conflict';

export interface SaverState {
  status: SaveStatus;
  /** When the server last stored an answer (or the draft's own `updatedAt` at load). */
  lastSavedAt: Date | null;
  /** Question ids whose last value the server refused, not saved. */
  rejected: string[];
  /** A failure that is not about a field (network, 412/409, 5xx). */
  error: unknown;
}

export interface SavedDraft {
  version: number;
  updatedAt: string | null;
  completeness: { missing: string[] };
}

export type SendPatch = (answers: Answers, version: number) => Promise<SavedDraft>;

const isBlank = (v: unknown) => v === undefined || v === null || v === '';

const isEmptyRow = (item: unknown) =>
  typeof item === 'object' && item !== null && Object.values(item as object).every(isBlank);

/**
 * An item list without the rows at its end that have nothing in them yet ("Add an item" makes
 * one). Only trailing rows, so the server's `[i]` in an issue path is still the row shown as i.
 */
export const withoutEmptyRows = (value: unknown): unknown => {
  if (!Array.isArray(value)) return value;
  let end = value.length;
  while (end > 0 && isEmptyRow(value[end - 1])) end--;
  return value.slice(0, end);
};

/** The question ids among `ids` that the issues name. */
const namedBy = (issues: FieldIssue[], ids: string[]): string[] =>
  ids.filter((id) => issues.some((i) => isUnder(i.path, `answers.${id}`)));

export class DraftSaver {
  private pending: Answers = {};
  private refused = new Map<string, FieldIssue[]>();
  private inFlight: Promise<void> | null = null;
  private state: SaverState;

  constructor(
    private readonly send: SendPatch,
    private version: number,
    lastSavedAt: Date | null,
    private readonly onChange: (s: SaverState, draft?: SavedDraft) => void,
  ) {
    this.state = { status: 'idle', lastSavedAt, rejected: [], error: null };
  }

  get current(): SaverState {
    return this.state;
  }

  /** Anything not stored on the server: edits waiting or under way, refused answers. */
  get unsaved(): boolean {
    return Object.keys(this.pending).length > 0 || this.inFlight !== null || this.refused.size > 0;
  }

  /** Messages the server gave for a field path (`answers.TIP.5.q7[0].year`). */
  messagesFor(path: string): string[] {
    return [...this.refused.values()]
      .flat()
      .filter((i) => isUnder(i.path, path))
      .map((i) => i.message);
  }

  edit(id: string, value: unknown): void {
    this.pending = { ...this.pending, [id]: withoutEmptyRows(value) };
    this.update({ status: 'pending' });
  }

  /** Sends what is pending (waiting for a save under way first). */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    if (Object.keys(this.pending).length === 0) return;
    const run = this.sendPending();
    this.inFlight = run;
    try {
      await run;
    } finally {
      this.inFlight = null;
    }
    this.update({ status: this.statusAtRest() });
  }

  private statusAtRest(): SaveStatus {
    if (this.state.status === 'error' || this.state.status === 'conflict') return this.state.status;
    if (Object.keys(this.pending).length) return 'pending';
    return this.refused.size ? 'invalid' : 'saved';
  }

  private async sendPending(): Promise<void> {
    let batch = this.pending;
    this.pending = {};
    this.update({ status: 'saving', error: null });
    while (Object.keys(batch).length) {
      try {
        const draft = await this.send(batch, this.version);
        this.version = draft.version;
        for (const id of Object.keys(batch)) this.refused.delete(id);
        this.update(
          {
            lastSavedAt: draft.updatedAt ? new Date(draft.updatedAt) : new Date(),
            rejected: [...this.refused.keys()],
          },
          draft,
        );
        return;
      } catch (err) {
        const bad =
          err instanceof ApiError && err.status === 400 ? namedBy(err.issues, Object.keys(batch)) : [];
        if (bad.length === 0) {
          // Not about a field: keep everything for the next try (edits made meanwhile win).
          this.pending = { ...batch, ...this.pending };
          // 412: the draft moved on since the version this edit started from.
          const conflict = err instanceof ApiError && (err.status === 412 || err.status === 409);
          this.update({ status: conflict ? 'conflict' : 'error', error: err });
          return;
        }
        const issues = (err as ApiError).issues;
        for (const id of bad) {
          this.refused.set(
            id,
            issues.filter((i) => isUnder(i.path, `answers.${id}`)),
          );
        }
        batch = Object.fromEntries(Object.entries(batch).filter(([id]) => !bad.includes(id)));
        this.update({ rejected: [...this.refused.keys()] });
      }
    }
  }

  private update(patch: Partial<SaverState>, draft?: SavedDraft): void {
    this.state = { ...this.state, ...patch };
    this.onChange(this.state, draft);
  }
}
