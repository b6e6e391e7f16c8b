/**
 * The follow-up section of the response report: named items only for the States the reader sees,
 * counts protected like the answers (a hidden count below the threshold is never published, and
 * the complementary cell keeps it from following from the total), statuses agreed after the
 * release point left out.
 */
import { describe, expect, it } from 'vitest';
import { buildFollowUpSection, type ReportFollowUp } from '#shared/domain/response-report/follow-ups.ts';

const fu = (
  iso3: string,
  status: string,
  article = 'TIP.6',
  agreedAt = '2027-01-01T00:00:00.000Z',
): ReportFollowUp => ({
  iso3,
  article: article as ReportFollowUp['article'],
  kind: 'challenge',
  text: `${iso3} ${article}`,
  status,
  agreedAt,
});
const statuses = [
  { id: 'implemented', label: 'Implemented' },
  { id: 'not-implemented', label: 'Not implemented' },
];

describe('the follow-up section of the response report', () => {
  it('lists every State by name and counts exactly when the reader sees them all', () => {
    const s = buildFollowUpSection({
      followUps: [fu('KEN', 'implemented', 'TIP.10'), fu('CIV', 'not-implemented')],
      statuses,
      visible: 'all',
      threshold: 3,
    });
    expect(s.counts).toEqual({ implemented: 1, 'not-implemented': 1 });
    expect(s.byArticle.map((a) => a.article)).toEqual(['TIP.6', 'TIP.10']);
    expect(s.items.map((i) => i.iso3)).toEqual(['CIV', 'KEN']);
    expect(s.items[0]).not.toHaveProperty('agreedAt');
  });

  it('suppresses small hidden counts, withholds a complementary cell, and names only the visible States', () => {
    const hidden = ['A01', 'A02', 'A03', 'A04'].map((iso3) => fu(iso3, 'implemented'));
    const s = buildFollowUpSection({
      followUps: [...hidden, fu('B01', 'not-implemented'), fu('CIV', 'not-implemented')],
      statuses,
      visible: new Set(['CIV']),
      threshold: 3,
    });
    expect(s.total).toBe(6);
    // Hidden: 4 implemented, 1 not implemented; 1 < 3 is suppressed, and 4 would give it away.
    expect(s.counts['not-implemented']).toEqual({ suppressed: 'small', below: 4 });
    expect(s.counts.implemented).toEqual({ suppressed: 'complementary' });
    expect(s.items).toEqual([
      { iso3: 'CIV', article: 'TIP.6', kind: 'challenge', text: 'CIV TIP.6', status: 'not-implemented' },
    ]);
  });

  it('leaves out statuses agreed after the release point and keeps a status no scale lists', () => {
    const s = buildFollowUpSection({
      followUps: [fu('CIV', 'implemented', 'TIP.6', '2027-06-01T00:00:00.000Z'), fu('KEN', 'retired-status')],
      statuses,
      visible: 'all',
      threshold: 3,
      asOf: '2027-03-01T00:00:00.000Z',
    });
    expect(s.total).toBe(1);
    expect(s.statuses.map((x) => x.id)).toEqual(['implemented', 'not-implemented', 'retired-status']);
    expect(s.counts).toEqual({ implemented: 0, 'not-implemented': 0, 'retired-status': 1 });
  });
});
