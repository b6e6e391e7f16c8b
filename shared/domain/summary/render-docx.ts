/**
 * Word (.docx) rendering of a summary, for the UN editing and translation services that work in
 * Word (npm `docx`). Same content and labels as the other formats (labels.ts). Arabic paragraphs
 * are right-to-left (`w:bidi`, runs marked `w:rtl`); every run carries the document's language
 * so Word picks its proofing tools and East Asian / complex-script fonts. Fonts are not embedded:
 * Word substitutes its own (a .docx is an editing format, the PDF is the print format).
 *
 * `docx` (1 MB of code) is loaded on the first Word file, not at module load.
 */
import { FOLLOW_UP_STRINGS } from '#shared/domain/i18n/follow-up-strings.ts';
import { SUMMARY_STRINGS } from '#shared/domain/i18n/summary-strings.ts';
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

/** Word's language tags for the six languages (its proofing tools want a region). */
const WORD_LANGUAGE: Record<Language, string> = {
  ar: 'ar-SA',
  zh: 'zh-CN',
  en: 'en-GB',
  fr: 'fr-FR',
  ru: 'ru-RU',
  es: 'es-ES',
};

export async function renderDocx(doc: SummaryDocument, lang: Language): Promise<Uint8Array> {
  const { AlignmentType, Bookmark, Document, HeadingLevel, Packer, Paragraph, TextRun } = await import(
    'docx'
  );
  const s = SUMMARY_STRINGS[lang];
  const rtl = lang === 'ar';
  const tag = WORD_LANGUAGE[lang];
  const run = (text: string, extra: { bold?: boolean; color?: string } = {}) =>
    new TextRun({
      text,
      rightToLeft: rtl,
      language: { value: tag, eastAsia: 'zh-CN', bidirectional: 'ar-SA' },
      ...extra,
    });
  type Child = InstanceType<typeof TextRun> | InstanceType<typeof Bookmark>;
  const para = (children: Child[], heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
    new Paragraph({
      children,
      bidirectional: rtl,
      ...(heading === undefined ? {} : { heading }),
      ...(rtl ? { alignment: AlignmentType.RIGHT } : {}),
    });

  const body: InstanceType<typeof Paragraph>[] = [
    para([run(titleOf(doc, lang))], HeadingLevel.TITLE),
    para([run(subtitleOf(doc, lang))]),
    para([
      run(s.lifecycle[doc.lifecycle], { bold: true, color: doc.lifecycle === 'draft' ? '8B1A1A' : '1A4F8B' }),
    ]),
    para([run(SECTION_HEADING.introduction(s))], HeadingLevel.HEADING_1),
    para([run(s.basis)]),
    ...introFields(doc, lang).map((f) => para([run(`${f.label}: `, { bold: true }), run(f.value)])),
  ];
  if (doc.selfAssessmentOverview !== null) {
    body.push(
      para([run(s.intro.selfAssessment)], HeadingLevel.HEADING_3),
      para([run(doc.selfAssessmentOverview)]),
    );
  }
  for (const section of doc.sections) {
    body.push(para([run(SECTION_HEADING[section.id](s))], HeadingLevel.HEADING_1));
    if (section.articles.length === 0) body.push(para([run(s.noEntries)]));
    for (const block of section.articles) {
      body.push(para([run(articleHeading(block, lang))], HeadingLevel.HEADING_2));
      for (const st of block.statements) {
        const [first, ...rest] = st.sourceObservationIds;
        body.push(
          para([
            // A bookmark per source observation, named like the HTML/PDF anchors (obs-ID, Word-safe).
            ...(first === undefined
              ? []
              : [
                  new Bookmark({
                    id: bookmarkName(first),
                    children: [run(`${s.kinds[st.kind]}: `, { bold: true })],
                  }),
                ]),
            ...(first === undefined ? [run(`${s.kinds[st.kind]}: `, { bold: true })] : []),
            run(`${st.text} `),
            run(`(${s.source} ${[first, ...rest].join(', ')})`, { color: '555555' }),
          ]),
        );
      }
    }
  }

  if (doc.followUps.length > 0) {
    body.push(para([run(FOLLOW_UP_STRINGS[lang].heading)], HeadingLevel.HEADING_1));
    for (const st of doc.followUps) {
      const p = followUpParts(st, lang);
      body.push(
        para([run(p.heading)], HeadingLevel.HEADING_2),
        para([run(`${p.earlier}: `, { bold: true }), run(st.text)]),
        para([run(`${p.status}: `, { bold: true }), run(p.statusLabel)]),
        ...(p.explanation === null ? [] : [para([run(p.explanation, { color: '555555' })])]),
      );
    }
  }

  const file = new Document({
    creator: 'cop-review',
    title: titleOf(doc, lang),
    description: subtitleOf(doc, lang),
    styles: {
      default: {
        document: { run: { font: { ascii: 'Calibri', hAnsi: 'Calibri', cs: 'Arial', eastAsia: 'SimSun' } } },
      },
    },
    sections: [{ children: body }],
  });
  return new Uint8Array(await Packer.toBuffer(file));
}

/** Word bookmark names: letters, digits and underscores, at most 40 characters. */
const bookmarkName = (id: string): string => `obs_${id.replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, 40);
