import { describe, expect, it } from 'vitest';
import {
  checkTransition,
  DEADLINE_PRESETS,
  extendDeadline,
  initialDeadlines,
  isOverdue,
  markMet,
  REVIEW_STATES,
  remindersDue,
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
