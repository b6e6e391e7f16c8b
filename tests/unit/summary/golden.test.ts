import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUMMARY_STRINGS } from '#shared/domain/i18n/summary-strings.ts';
import { buildSummary } from '#shared/domain/summary/document.ts';
import { type SummaryInputData, SummaryInputSchema } from '#shared/domain/summary/input.ts';
import { escapeHtml, renderHtml } from '#shared/domain/summary/render-html.ts';
import { escapeMarkdown, renderMarkdown } from '#shared/domain/summary/render-markdown.ts';

const dir = new URL('../../fixtures/summary/', import.meta.url);
const input: SummaryInputData = SummaryInputSchema.parse(
  JSON.parse(readFileSync(new URL('../../../data/summary-sample.json', import.meta.url), 'utf8')),
);
const doc = buildSummary(input, { scope: 'combined' });
const agreed = input.observations.filter((o) => o.status === 'agreed');
const notAgreed = input.observations.filter((o) => o.status !== 'agreed');

/** Set UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change, then review the diff. */
function golden(name: string, actual: string): string {
  const url = new URL(name, dir);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(url, actual);
  return readFileSync(url, 'utf8');
}

const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

describe('country review summary of the Côte d’Ivoire fixture', () => {
  describe('in Markdown (English)', () => {
    const md = renderMarkdown(doc, 'en');

    it('matches the reviewed golden file exactly', () => {
      expect(md).toBe(golden('civ-combined.en.golden.md', md));
    });

    it('has the introduction and the three observation sections, in order', () => {
      const s = SUMMARY_STRINGS.en.sections;
      const positions = [s.introduction, s.successes, s.challenges, s.taNeeds].map((h) =>
        md.indexOf(`\n## ${h}\n`),
      );
      expect(positions.every((p) => p > 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    });

    it('states each agreed observation once and links it to its id', () => {
      for (const o of agreed) {
        expect(md).toContain(`](#obs-${o.id})`);
        expect(md).toContain(`<a id="obs-${o.id}"></a>`);
      }
      // CIV-TIP-6-C1 and -C2 share one wording: one statement citing both.
      for (const text of new Set(agreed.map((o) => o.text))) expect(count(md, escapeMarkdown(text))).toBe(1);
    });

    it('leaves out observations that are not agreed', () => {
      for (const o of notAgreed) {
        expect(md).not.toContain(o.id);
        expect(md).not.toContain(o.text);
      }
    });

    it('keeps names with diacritics intact and escapes markup in body text', () => {
      expect(md).toContain("Côte d'Ivoire (CIV)");
      expect(md).toContain('Türkiye (TUR) and Sénégal (SEN)');
      expect(md).toContain('Bouaké');
      expect(md).toContain('\\<conviction\\>');
    });
  });

  describe('in HTML', () => {
    const html = renderHtml(doc, 'en');
    const ar = renderHtml(doc, 'ar');

    it('matches the reviewed golden files exactly (English and Arabic)', () => {
      expect(html).toBe(golden('civ-combined.en.golden.html', html));
      expect(ar).toBe(golden('civ-combined.ar.golden.html', ar));
    });

    it('is a self-contained print-ready page', () => {
      expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en" dir="ltr">/);
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain('@page { size: A4;');
      expect(html).not.toMatch(/<link |<script|src=/);
    });

    it('anchors every agreed observation and links to it; leaves out the rest', () => {
      for (const o of agreed) {
        expect(count(html, `id="obs-${o.id}"`)).toBe(1);
        expect(html).toContain(`href="#obs-${o.id}" data-observation-id="${o.id}"`);
      }
      for (const text of new Set(agreed.map((o) => o.text))) expect(count(html, escapeHtml(text))).toBe(1);
      for (const o of notAgreed) expect(html).not.toContain(o.id);
    });

    it('escapes body text so it cannot inject markup', () => {
      expect(html).toContain('collect &lt;conviction&gt; data');
      expect(html).not.toContain('<conviction>');
    });

    it('renders Arabic right to left with Arabic headings and body text as written', () => {
      expect(ar).toMatch(/^<!DOCTYPE html>\n<html lang="ar" dir="rtl">/);
      for (const h of Object.values(SUMMARY_STRINGS.ar.sections)) expect(ar).toContain(`<h2>${h}</h2>`);
      expect(ar).toContain("Côte d'Ivoire");
      expect(ar).toContain('تركيا (TUR)');
      expect(ar).toContain('ساحل العاج (CIV)');
      expect(ar).toContain(
        '<span class="text" dir="auto">Shelters for victims are few outside Abidjan and Bouaké.</span>',
      );
    });
  });

  it('uses the headings of each of the six languages and keeps body text as written', () => {
    for (const lang of ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const) {
      const md = renderMarkdown(doc, lang);
      const s = SUMMARY_STRINGS[lang];
      for (const h of Object.values(s.sections)) expect(md).toContain(`## ${h}\n`);
      expect(md).toContain(escapeMarkdown(agreed[0]?.text ?? 'missing'));
      expect(md).toContain("Côte d'Ivoire");
    }
  });
});
