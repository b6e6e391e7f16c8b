import { describe, expect, it } from 'vitest';
import {
  checkTransition,
  DEADLINE_PRESETS,
  extendDeadline,
  initialDeadlines,
  isOverdue,
  latenessOf,
  markMet,
  REVIEW_STATES,
  remindersDue,
  selfAssessmentOpen,
  TRANSITIONS,
} from '#shared/domain/workflow.ts';

const start = '2026-01-01T00:00:00.000Z';
const untoc = DEADLINE_PRESETS.untoc;

describe('the review workflow', () => {
  it('reaches every state from assigned by the named transitions, in order', () => {
    let state: (typeof REVIEW_STATES)[number] = 'assigned';
    const seen: string[] = [state];
    for (const t of Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[]) {
      const r = checkTransition(state, t);
      if (!r.ok) throw new Error(r.reason);
      if (r.to !== state) seen.push(r.to);
      state = r.to;
    }
    expect(seen).toEqual([...REVIEW_STATES]);
  });

  it('refuses an out-of-order transition and names the current state', () => {
    const r = checkTransition('assigned', 'publish');
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('while the review is assigned') });
  });

  it('sets the UNTOC deadlines at 2 weeks, 4 weeks and 6 months from the start', () => {
    const d = initialDeadlines(start, untoc);
    expect(d.map((x) => [x.kind, x.due.slice(0, 10)])).toEqual([
      ['focal-point', '2026-01-15'],
      ['experts', '2026-01-29'],
      ['self-assessment', '2026-07-02'],
    ]);
  });

  it('records an extension with who, why and the old date, and refuses one that moves the date earlier', () => {
    const d = extendDeadline(
      initialDeadlines(start, untoc),
      'experts',
      '2026-02-28T00:00:00.000Z',
      'sec',
      'holidays',
    );
    const experts = d.find((x) => x.kind === 'experts');
    expect(experts?.due).toBe('2026-02-28T00:00:00.000Z');
    expect(experts?.extensions).toEqual([
      { from: '2026-01-29T00:00:00.000Z', to: '2026-02-28T00:00:00.000Z', by: 'sec', reason: 'holidays' },
    ]);
    expect(() => extendDeadline(d, 'experts', '2026-01-02T00:00:00.000Z', 'sec', 'x')).toThrow(/later/);
  });

  it('treats only unmet past deadlines as overdue', () => {
    const d = initialDeadlines(start, untoc);
    const now = new Date('2026-01-20T00:00:00Z');
    expect(d.filter((x) => isOverdue(x, now)).map((x) => x.kind)).toEqual(['focal-point']);
    const met = markMet(d, 'focal-point', '2026-01-10T00:00:00.000Z');
    expect(met.filter((x) => isOverdue(x, now))).toEqual([]);
  });

  it('lists reminders before and after a due date only once they are due', () => {
    const d = initialDeadlines(start, untoc).filter((x) => x.kind === 'focal-point');
    const r = remindersDue(d, untoc, new Date('2026-01-16T12:00:00Z'));
    expect(r.map((x) => x.offsetDays)).toEqual([-7, -1, 1]);
  });
});

describe('late steps and the closed self-assessment', () => {
  const deadlines = initialDeadlines(start, untoc);
  const due = deadlines.find((d) => d.kind === 'self-assessment')?.due ?? '';

  it('is on time up to the due instant, then late by started days', () => {
    expect(latenessOf(deadlines, 'self-assessment', due)).toBeNull();
    expect(latenessOf(deadlines, 'self-assessment', '2026-03-01T00:00:00.000Z')).toBeNull();
    const oneMs = new Date(Date.parse(due) + 1).toISOString();
    expect(latenessOf(deadlines, 'self-assessment', oneMs)).toEqual({ due, daysLate: 1 });
    const tenDays = new Date(Date.parse(due) + 10 * 86_400_000).toISOString();
    expect(latenessOf(deadlines, 'self-assessment', tenDays)).toEqual({ due, daysLate: 10 });
    expect(latenessOf(deadlines, 'feedback', tenDays)).toBeNull();
  });

  it('measures against the extended due date', () => {
    const extended = extendDeadline(deadlines, 'self-assessment', '2027-01-01T00:00:00.000Z', 'sec', 'flood');
    expect(latenessOf(extended, 'self-assessment', '2026-12-31T00:00:00.000Z')).toBeNull();
  });

  it('accepts and records late submissions by default in every preset', () => {
    for (const p of Object.values(DEADLINE_PRESETS)) expect(p.lateSubmissions).toBe('accept-and-record');
  });

  it('keeps the self-assessment open until the summary is agreed', () => {
    const open = REVIEW_STATES.filter((s) => selfAssessmentOpen(s).ok);
    expect(open).toEqual([
      'assigned',
      'contacts-named',
      'self-assessment-submitted',
      'desk-review',
      'dialogue',
      'observations-agreed',
    ]);
    const closed = selfAssessmentOpen('published');
    expect(closed.ok).toBe(false);
    if (!closed.ok) expect(closed.reason).toContain('published');
  });
});
