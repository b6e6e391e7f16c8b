/**
 * PDF rendering of a summary in any of the six languages, through the shared writer
 * (shared/domain/pdf): Arabic shaped and laid out right to left, Chinese with the shipped CJK
 * face, font fallback for names in other scripts. Text no shipped face can draw correctly is
 * refused with `UnsupportedCharactersError` before anything is drawn.
 */
import { FOLLOW_UP_STRINGS } from '#shared/domain/i18n/follow-up-strings.ts';
import { SUMMARY_STRINGS } from '#shared/domain/i18n/summary-strings.ts';
import type { FontOverrides } from '#shared/domain/pdf/fonts.ts';
import { assertDrawable, COLORS, PdfWriter } from '#shared/domain/pdf/writer.ts';
import type { Language } from '#shared/domain/types.ts';
import { type SummaryDocument, statementsOf } from './document.ts';
import {
  articleHeading,
  followUpParts,
  introFields,
  pageLabel,
  SECTION_HEADING,
  subtitleOf,
  titleOf,
} from './labels.ts';
import type { RenderOptions } from './render-markdown.ts';

export { UnsupportedCharactersError } from '#shared/domain/pdf/writer.ts';

export interface PdfRenderOptions extends RenderOptions {
  /** Font files by family and weight; default: the shipped faces (shared/domain/pdf/fonts.ts). */
  fonts?: FontOverrides;
  /** CreationDate/ModDate metadata; fixed by default so the same input gives the same bytes. */
  createdAt?: Date;
}

/** Every string that ends up on a page of `doc` in `lang`. */
function pageTexts(doc: SummaryDocument, lang: Language): string[] {
  const s = SUMMARY_STRINGS[lang];
  return [
    titleOf(doc, lang),
    subtitleOf(doc, lang),
    s.basis,
    s.source,
    ...Object.values(s.kinds),
    ...introFields(doc, lang).flatMap((f) => [f.label, f.value]),
    ...(doc.selfAssessmentOverview === null ? [] : [s.intro.selfAssessment, doc.selfAssessmentOverview]),
    ...doc.sections.flatMap((sec) => [
      SECTION_HEADING[sec.id](s),
      ...sec.articles.map((a) => articleHeading(a, lang)),
    ]),
    ...statementsOf(doc).flatMap((st) => [st.text, ...st.sourceObservationIds]),
    ...(doc.followUps.length > 0 ? [FOLLOW_UP_STRINGS[lang].heading] : []),
    ...doc.followUps.flatMap((st) => Object.values(followUpParts(st, lang)).filter((t) => t !== null)),
    ...doc.followUps.map((st) => st.text),
    pageLabel(lang, 1, 1),
  ];
}

/**
 * Renders the summary as an A4 PDF with embedded subset fonts, a bookmark per section, a
 * named destination `obs-<id>` per observation (so `summary.pdf#obs-<id>` opens at it) and
 * page numbers. With `observationHref` returning an absolute http(s) URL, source ids link there.
 *
 * @throws UnsupportedCharactersError when body text holds characters the fonts cannot draw.
 */
export async function renderPdf(
  doc: SummaryDocument,
  lang: Language,
  options: PdfRenderOptions = {},
): Promise<Uint8Array> {
  await assertDrawable(pageTexts(doc, lang), lang, options.fonts);
  const s = SUMMARY_STRINGS[lang];
  const href = options.observationHref;
  const w = await PdfWriter.create({
    lang,
    title: titleOf(doc, lang),
    subject: subtitleOf(doc, lang),
    ...(options.createdAt === undefined ? {} : { createdAt: options.createdAt }),
    ...(options.fonts === undefined ? {} : { fonts: options.fonts }),
  });

  w.heading(titleOf(doc, lang), 17);
  w.paragraph([{ text: subtitleOf(doc, lang) }], { size: 11 });
  w.paragraph([{ text: s.lifecycle[doc.lifecycle].toLocaleUpperCase(lang) }], {
    size: 11,
    color: doc.lifecycle === 'draft' ? COLORS.alert : COLORS.accent,
    after: 0.8,
  });

  w.bookmark(SECTION_HEADING.introduction(s));
  w.heading(SECTION_HEADING.introduction(s), 14);
  w.paragraph([{ text: s.basis }], { after: 0.5 });
  for (const f of introFields(doc, lang)) {
    w.paragraph([{ text: `${f.label}: `, bold: true }, { text: f.value }]);
  }
  if (doc.selfAssessmentOverview !== null) {
    w.gap(0.5);
    w.paragraph([{ text: s.intro.selfAssessment, bold: true }]);
    w.paragraph([{ text: doc.selfAssessmentOverview }], { direction: 'auto' });
  }
  w.gap(0.8);

  for (const section of doc.sections) {
    const text = SECTION_HEADING[section.id](s);
    w.bookmark(text);
    w.heading(text, 14);
    if (section.articles.length === 0) w.paragraph([{ text: s.noEntries }], { color: COLORS.muted });
    for (const block of section.articles) {
      w.heading(articleHeading(block, lang), 11.5, COLORS.text);
      for (const st of block.statements) {
        const ids = st.sourceObservationIds;
        w.paragraph(
          [
            { text: `${s.kinds[st.kind]}: `, bold: true },
            { text: `${st.text} ` },
            { text: `(${s.source} `, color: COLORS.muted },
            ...ids.flatMap((id, i) => {
              const url = href?.(id);
              const link = url !== undefined && /^https?:\/\//.test(url) ? url : null;
              return [
                { text: id, color: link ? COLORS.accent : COLORS.muted, link },
                { text: i === ids.length - 1 ? ')' : ', ', color: COLORS.muted },
              ];
            }),
          ],
          { destinations: ids.map((id) => `obs-${id}`), after: 0.4 },
        );
      }
      w.gap(0.3);
    }
    w.gap(0.5);
  }
  if (doc.followUps.length > 0) {
    const heading = FOLLOW_UP_STRINGS[lang].heading;
    w.bookmark(heading);
    w.heading(heading, 14);
    for (const st of doc.followUps) {
      const p = followUpParts(st, lang);
      w.heading(p.heading, 11.5, COLORS.text);
      w.paragraph([{ text: `${p.earlier}: `, bold: true }, { text: st.text }], { destinations: [st.anchor] });
      w.paragraph([{ text: `${p.status}: `, bold: true }, { text: p.statusLabel }]);
      if (p.explanation !== null)
        w.paragraph([{ text: p.explanation }], { color: COLORS.muted, direction: 'auto' });
      w.gap(0.5);
    }
  }
  return w.finish((page, pages) => pageLabel(lang, page, pages));
}
