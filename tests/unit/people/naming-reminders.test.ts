import { describe, expect, it } from 'vitest';
import { DEFAULT_NAMING_REMINDER_LEAD_DAYS, namingRemindersDue } from '#shared/domain/naming-reminders.ts';
import { DEADLINE_PRESETS, extendDeadline, initialDeadlines } from '#shared/domain/workflow.ts';

// Started 2026-01-15 09:00 UTC: focal points due 01-29 09:00, experts due 02-12 09:00.
const review = (contacts: Record<string, { focalPoint?: string; experts: string[] }> = {}) => ({
  reviewId: 'C.CIV',
  reviewedState: 'CIV',
  reviewerStates: ['GHA', 'TUR'],
  deadlines: initialDeadlines('2026-01-15T09:00:00.000Z', DEADLINE_PRESETS.untoc),
  contacts,
});
const at = (iso: string) => new Date(iso);
const brief = (r: ReturnType<typeof namingRemindersDue>) => r.map((x) => `${x.state} ${x.kind} ${x.stage}`);

describe('naming reminders', () => {
  it('reminds every participating State that has not named, reviewing States included, from the lead time on', () => {
    const r = review({ CIV: { focalPoint: 'p1', experts: [] }, GHA: { experts: ['p2'] } });
    expect(brief(namingRemindersDue(r, 7, at('2026-01-22T08:59:00.000Z')))).toEqual([]);
    expect(brief(namingRemindersDue(r, 7, at('2026-01-22T09:00:00.000Z')))).toEqual([
      'GHA focal-point lead',
      'TUR focal-point lead',
    ]);
    // The last day before the deadline: the second reminder.
    expect(brief(namingRemindersDue(r, 7, at('2026-01-28T09:00:00.000Z')))).toEqual([
      'GHA focal-point due',
      'TUR focal-point due',
    ]);
    // Past the deadline: the overdue list and the missed-deadline reminders take over.
    expect(brief(namingRemindersDue(r, 7, at('2026-01-29T09:00:00.000Z')))).toEqual([]);
    expect(brief(namingRemindersDue(r, 7, at('2026-02-06T00:00:00.000Z')))).toEqual([
      'CIV experts lead',
      'TUR experts lead',
    ]);
  });

  it('gives each reminder an id per review, State, kind, stage and due date; an extension is a new deadline', () => {
    const r = review();
    const [first] = namingRemindersDue(r, 7, at('2026-01-23T00:00:00.000Z'));
    expect(first?.id).toBe('naming#C.CIV#CIV#focal-point#lead#2026-01-29T09:00:00.000Z');
    expect(first?.text).toBe(
      'Review C.CIV: CIV has not named its focal point yet; the deadline is 2026-01-29 09:00 UTC (in 7 days).',
    );
    const later = {
      ...r,
      deadlines: extendDeadline(r.deadlines, 'focal-point', '2026-02-20T09:00:00.000Z', 's', 'late'),
    };
    const ids = namingRemindersDue(later, 7, at('2026-02-14T00:00:00.000Z')).map((x) => x.id);
    expect(ids).toContain('naming#C.CIV#CIV#focal-point#lead#2026-02-20T09:00:00.000Z');
  });

  it('follows the lead time setting, whose default is named', () => {
    expect(DEFAULT_NAMING_REMINDER_LEAD_DAYS).toBe(7);
    const r = review();
    expect(namingRemindersDue(r, 3, at('2026-01-23T00:00:00.000Z'))).toEqual([]);
    expect(brief(namingRemindersDue(r, 3, at('2026-01-26T10:00:00.000Z')))).toContain('GHA focal-point lead');
    // A met deadline (the reviewed State named) still leaves the reviewing States' naming open.
    const met = review({ CIV: { focalPoint: 'p1', experts: ['p2'] } });
    expect(brief(namingRemindersDue(met, 7, at('2026-01-28T10:00:00.000Z')))).toEqual([
      'GHA focal-point due',
      'TUR focal-point due',
    ]);
  });
});
