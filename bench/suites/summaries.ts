/**
 * Renders the country review summaries of ~190 synthetic States (≈20 agreed observations
 * each) to HTML and PDF, as the secretariat does before a COP session. Baseline: Markdown
 * rendering of the same documents in the same run.
 */

import { buildSummary, type SummaryDocument } from '#shared/domain/summary/document.ts';
import type { SummaryInputData } from '#shared/domain/summary/input.ts';
import { renderHtml } from '#shared/domain/summary/render-html.ts';
import { renderMarkdown } from '#shared/domain/summary/render-markdown.ts';
import { renderPdf } from '#shared/domain/summary/render-pdf.ts';
import { type Language, OBSERVATION_KINDS, REGIONAL_GROUPS } from '#shared/domain/types.ts';
import type { BenchResult, BenchSuite } from '../types.ts';

/**
 * The language mix of the figure since it was first measured (Latin and Cyrillic), so the ratio stays
 * comparable; Arabic and Chinese PDFs (shaping, the 8 MB CJK face) are slower per document.
 */
const LANGUAGES: readonly Language[] = ['en', 'fr', 'es', 'ru'];

const STATES = 190;
const OBSERVATIONS = 20;
const NAMES = ["Côte d'Ivoire", 'Türkiye', 'São Tomé and Príncipe', 'Российская Федерация', 'Perú', 'Ελλάδα'];
const ARTICLES = ['UNTOC.5', 'UNTOC.6', 'UNTOC.15', 'TIP.5', 'TIP.6', 'TIP.9', 'TIP.10', 'TIP.11'] as const;

function syntheticInput(i: number): SummaryInputData {
  const code = (n: number): string =>
    String.fromCharCode(65 + (n % 26), 65 + (Math.floor(n / 26) % 26), 65 + (n % 7));
  return {
    state: {
      iso3: code(i),
      name: `${NAMES[i % NAMES.length]} ${i}`,
      group: REGIONAL_GROUPS[i % 5] ?? null,
      legalSystem: 'civil-law',
    },
    cycleId: 'untoc-2021',
    reviewPeriod: { from: '2021-03-01', to: '2023-02-28' },
    instruments: ['UNTOC', 'TIP'],
    reviewingStates: [
      { iso3: code(i + 1), name: `Türkiye ${i + 1}` },
      { iso3: code(i + 2), name: `Sénégal ${i + 2}` },
    ],
    selfAssessmentOverview:
      'The State follows the civil law tradition; its anti-trafficking law dates from 2016.',
    lifecycle: 'agreed',
    observations: Array.from({ length: OBSERVATIONS }, (_, k) => ({
      id: `${code(i)}-${k}`,
      article: ARTICLES[k % ARTICLES.length] ?? 'TIP.5',
      articleTitle: 'Article title as written',
      kind: OBSERVATION_KINDS[k % 4] ?? 'challenge',
      text: `Observation ${k} on the implementation of the article: the reviewing experts noted that the measures of État ${i} in Bouaké and elsewhere need further work, with data to be collected by year.`,
      status: 'agreed' as const,
      cluster: 1 + (k % 4),
    })),
  };
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, (performance.now() - start) / 1000];
}

export const suite: BenchSuite = {
  name: 'summaries',
  async run(): Promise<BenchResult[]> {
    const docs: SummaryDocument[] = Array.from({ length: STATES }, (_, i) =>
      buildSummary(syntheticInput(i), { scope: 'combined' }),
    );
    const langOf = (i: number) => LANGUAGES[i % LANGUAGES.length] ?? 'en';
    const [mdChars, mdSeconds] = await time(async () =>
      docs.reduce((n, d, i) => n + renderMarkdown(d, langOf(i)).length, 0),
    );
    const [, htmlSeconds] = await time(async () =>
      docs.reduce((n, d, i) => n + renderHtml(d, langOf(i)).length, 0),
    );
    const [pdfBytes, pdfSeconds] = await time(async () => {
      let bytes = 0;
      for (const [i, d] of docs.entries()) bytes += (await renderPdf(d, langOf(i))).length;
      return bytes;
    });
    const total = htmlSeconds + pdfSeconds;
    const note = `${STATES} States x ${OBSERVATIONS} observations, languages ${LANGUAGES.join('/')}; first PDF includes font parsing; markdown ${mdChars} chars, pdf ${pdfBytes} bytes total`;
    return [
      {
        name: 'summaries.html+pdf.total',
        value: Number(total.toFixed(2)),
        unit: 's',
        target: 30,
        better: 'lower',
        baseline: Number(mdSeconds.toFixed(3)),
        note,
      },
      {
        name: 'summaries.pdf.per-document',
        value: Number(((pdfSeconds * 1000) / STATES).toFixed(1)),
        unit: 'ms',
        target: null,
        better: 'lower',
        note,
      },
      {
        name: 'summaries.html.per-document',
        value: Number(((htmlSeconds * 1000) / STATES).toFixed(2)),
        unit: 'ms',
        target: null,
        better: 'lower',
        baseline: Number(((mdSeconds * 1000) / STATES).toFixed(2)),
        note: 'baseline: Markdown per document',
      },
    ];
  },
};
