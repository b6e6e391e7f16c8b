/**
 * `npm run --silent summary:preview -- --lang <ar|zh|en|fr|ru|es> --format <pdf|html|md|docx>`
 * Writes the built-in sample summary (data/summary-sample.json, Côte d'Ivoire) in that language
 * and format to stdout, so translators can review the templates without running a cycle.
 * Exit code 2 on bad usage.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildSummary } from '#shared/domain/summary/document.ts';
import { SUMMARY_FORMATS, SUMMARY_RENDERERS, type SummaryFormat } from '#shared/domain/summary/formats.ts';
import { SummaryInputSchema } from '#shared/domain/summary/input.ts';
import { LANGUAGES, type Language } from '#shared/domain/types.ts';

const USAGE = `usage: npm run --silent summary:preview -- --lang <${LANGUAGES.join('|')}> --format <${SUMMARY_FORMATS.join('|')}>`;
const { values } = parseArgs({ options: { lang: { type: 'string' }, format: { type: 'string' } } });
const lang = values.lang as Language;
const format = values.format as SummaryFormat;
if (!LANGUAGES.includes(lang) || !SUMMARY_FORMATS.includes(format)) {
  console.error(USAGE);
  process.exit(2);
}
const sample = SummaryInputSchema.parse(
  JSON.parse(readFileSync(new URL('../data/summary-sample.json', import.meta.url), 'utf8')),
);
const body = await SUMMARY_RENDERERS[format](buildSummary(sample, { scope: 'combined' }), lang);
process.stdout.write(typeof body === 'string' ? body : Buffer.from(body));
