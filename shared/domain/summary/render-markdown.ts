import { FOLLOW_UP_STRINGS } from '#shared/domain/i18n/follow-up-strings.ts';
import { SUMMARY_STRINGS, textDirection } from '#shared/domain/i18n/summary-strings.ts';
import type { Language } from '#shared/domain/types.ts';
import type { SummaryDocument } from './document.ts';
import {
  articleHeading,
  followUpParts,
  introFields,
  SECTION_HEADING,
  subtitleOf,
  titleOf,
} from './labels.ts';

export interface RenderOptions {
  /**
   * Where a statement's source link points. Default: the statement's own anchor in the
   * document (`#obs-<id>`); the web UI passes a link to the observation in the dialogue.
   */
  observationHref?: (observationId: string) => string;
}

export const defaultObservationHref = (id: string): string => `#obs-${id}`;

/** Backslash-escapes CommonMark punctuation so body text renders as text, never as markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~&!]/g, (c) => `\\${c}`);
}

/** Markdown keeps one observation on one list line: inner line breaks become spaces. */
const oneLine = (text: string): string => escapeMarkdown(text.replace(/\n/g, ' '));

/**
 * Renders a summary as CommonMark (with inline `<a id>` anchors). Headings and boilerplate
 * are in `lang`; body text stays as written. Arabic is wrapped in `<div dir="rtl">`.
 */
export function renderMarkdown(doc: SummaryDocument, lang: Language, options: RenderOptions = {}): string {
  const s = SUMMARY_STRINGS[lang];
  const href = options.observationHref ?? defaultObservationHref;
  const out: string[] = [];
  const rtl = textDirection(lang) === 'rtl';
  if (rtl) out.push(`<div dir="rtl" lang="${lang}">`, '');

  out.push(`# ${oneLine(titleOf(doc, lang))}`, '', `*${oneLine(subtitleOf(doc, lang))}*`, '');
  out.push(`## ${SECTION_HEADING.introduction(s)}`, '', s.basis, '');
  for (const field of introFields(doc, lang)) out.push(`- **${field.label}:** ${oneLine(field.value)}`);
  out.push('');
  if (doc.selfAssessmentOverview !== null) {
    out.push(`**${s.intro.selfAssessment}:** ${oneLine(doc.selfAssessmentOverview)}`, '');
  }

  for (const section of doc.sections) {
    out.push(`## ${SECTION_HEADING[section.id](s)}`, '');
    if (section.articles.length === 0) {
      out.push(s.noEntries, '');
      continue;
    }
    for (const block of section.articles) {
      out.push(`### ${oneLine(articleHeading(block, lang))}`, '');
      for (const st of block.statements) {
        const anchors = st.sourceObservationIds.map((id) => `<a id="obs-${id}"></a>`).join('');
        const links = st.sourceObservationIds.map((id) => `[${s.source} ${id}](${href(id)})`).join(', ');
        out.push(`- ${anchors}**${s.kinds[st.kind]}:** ${oneLine(st.text)} (${links})`);
      }
      out.push('');
    }
  }
  if (doc.followUps.length > 0) {
    out.push(`## ${FOLLOW_UP_STRINGS[lang].heading}`, '');
    for (const st of doc.followUps) {
      const p = followUpParts(st, lang);
      out.push(`### ${oneLine(p.heading)}`, '');
      out.push(`- <a id="${st.anchor}"></a>**${oneLine(p.earlier)}:** ${oneLine(st.text)}`);
      out.push(`  **${oneLine(p.status)}:** ${oneLine(p.statusLabel)}`);
      if (p.explanation !== null) out.push(`  ${oneLine(p.explanation)}`);
      out.push('');
    }
  }
  if (rtl) out.push('</div>', '');
  return out.join('\n');
}
