/**
 * The response report in the six languages: the HTML page carries the language and direction and
 * the platform's own words in that language (data such as question ids unchanged), the chart's
 * axis is mirrored in Arabic, and the PDF's extracted text holds the headings in Arabic, Chinese and
 * French script (poppler's pdftotext).
 */
import { describe, expect, it } from 'vitest';
import { REPORT_WORDS } from '#shared/domain/i18n/report-strings.ts';
import {
  buildResponseReport,
  responseReportHtml,
  responseReportPdf,
  responseReportSvg,
} from '#shared/domain/response-report/index.ts';
import { LANGUAGES } from '#shared/domain/types.ts';
import { pdfText, renderPages } from '../../support/pdf-tools.ts';
import { DEF, MEMBERS, SUBMISSIONS } from './fixture.ts';

const report = {
  ...buildResponseReport({
    def: DEF,
    members: MEMBERS,
    submissions: SUBMISSIONS,
    deadline: '2026-03-01T00:00:00.000Z',
    now: '2026-04-01T00:00:00.000Z',
    visible: new Set(),
    threshold: 3,
  }),
  set: { id: 'rcm', name: 'RCM' },
  cycleId: null,
  generatedAt: '2026-04-01T00:00:00.000Z',
  asOf: null,
};

describe('the response report in the six languages', () => {
  it('has every word in every language, with the placeholders of English', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const lang of LANGUAGES)
      for (const [k, en] of Object.entries(REPORT_WORDS.en)) {
        const own = REPORT_WORDS[lang][k as keyof typeof REPORT_WORDS.en];
        expect(own, `${lang} ${k}`).toBeTruthy();
        expect(names(own), `${lang} ${k}`).toEqual(names(en));
      }
  });

  it('writes the HTML page in the language asked for, right to left in Arabic', () => {
    const fr = responseReportHtml(report, 'fr');
    expect(fr).toContain('<html lang="fr" dir="ltr">');
    expect(fr).toContain('<h2>Lacunes</h2>');
    expect(fr).toContain('moins de 3');
    expect(fr).toContain('TIP.5.q1');
    const ar = responseReportHtml(report, 'ar');
    expect(ar).toContain('<html lang="ar" dir="rtl">');
    expect(ar).toContain('<h2>الثغرات</h2>');
    expect(responseReportHtml(report)).toContain('<h2>Gaps</h2>');
  });

  it('mirrors the chart in Arabic: labels at the right edge, bars growing leftwards', () => {
    const x = (svg: string, re: RegExp) => Number(re.exec(svg)?.[1]);
    const label = /<text x="([\d.]+)" y="\d+">TIP\.5\.q1</;
    const en = responseReportSvg(report, 'en');
    const ar = responseReportSvg(report, 'ar');
    expect(ar).toContain('direction="rtl"');
    expect(x(en, label)).toBe(0);
    expect(x(ar, label)).toBe(760);
  });

  it('writes the PDF in Arabic, Chinese and French, headings extractable, pages rendered', async () => {
    for (const lang of ['ar', 'zh', 'fr'] as const) {
      const pdf = await responseReportPdf(report, new Date('2026-04-01T00:00:00Z'), lang);
      const text = pdfText(pdf);
      for (const h of [REPORT_WORDS[lang].completion, REPORT_WORDS[lang].gaps, REPORT_WORDS[lang].laws])
        expect(text, lang).toContain(h);
      expect(renderPages(pdf).length).toBeGreaterThanOrEqual(1);
    }
  });
});
