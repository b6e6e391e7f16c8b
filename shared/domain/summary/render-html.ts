import { FOLLOW_UP_STRINGS } from '#shared/domain/i18n/follow-up-strings.ts';
import { SUMMARY_STRINGS, textDirection } from '#shared/domain/i18n/summary-strings.ts';
import type { Language } from '#shared/domain/types.ts';
import type { SummaryDocument } from './document.ts';
import {
  articleHeadingParts,
  followUpParts,
  introFields,
  SECTION_HEADING,
  subtitleOf,
  titleOf,
} from './labels.ts';
import { defaultObservationHref, type RenderOptions } from './render-markdown.ts';

/** Escapes text content (quotes are left alone so "Côte d'Ivoire" stays readable in the source). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** Escapes an attribute value (always written in double quotes). */
function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

/**
 * Print-ready stylesheet: A4 pages with margins and page numbers, no page break right after a
 * heading or inside a statement, logical (inline-start/end) properties so the same rules
 * serve left-to-right and right-to-left pages. Fonts fall back to Noto for Arabic and CJK.
 */
const SUMMARY_CSS = `
@page { size: A4; margin: 20mm 18mm 22mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; } }
:root { color-scheme: light; }
body { font-family: "Noto Sans", "DejaVu Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans SC", "Noto Sans CJK SC", sans-serif; font-size: 11pt; line-height: 1.45; color: #111; max-width: 48em; margin: 0 auto; padding: 1em; }
header { border-block-end: 2px solid #1a4f8b; margin-block-end: 1em; }
h1 { font-size: 18pt; margin: 0 0 .2em; color: #1a4f8b; }
.subtitle { margin: 0 0 .6em; font-style: italic; }
.original { font-weight: normal; font-size: .85em; color: #555; }
.status { display: inline-block; border: 1px solid #1a4f8b; padding: 0 .4em; font-size: 9pt; text-transform: uppercase; }
.status-draft { color: #8b1a1a; border-color: #8b1a1a; }
h2 { font-size: 14pt; color: #1a4f8b; border-block-end: 1px solid #ccc; margin-block: 1.2em .5em; }
h3 { font-size: 11.5pt; margin-block: 1em .3em; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
nav ol { padding-inline-start: 1.2em; }
dl.intro { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; }
dl.intro dt { font-weight: bold; }
dl.intro dd { margin: 0; }
ul.statements { list-style: none; padding: 0; }
ul.statements li { break-inside: avoid; page-break-inside: avoid; margin-block: .35em; padding-inline-start: .6em; border-inline-start: 3px solid #ccc; }
ul.statements li.kind-good-practice { border-inline-start-color: #2e7d32; }
ul.statements li.kind-challenge { border-inline-start-color: #c62828; }
ul.statements li.kind-recommendation { border-inline-start-color: #1565c0; }
ul.statements li.kind-ta-need { border-inline-start-color: #ef6c00; }
.kind { font-weight: bold; }
.text { white-space: pre-line; }
.sources { font-size: 9pt; white-space: nowrap; }
.sources a { color: #1a4f8b; }
.empty { font-style: italic; color: #555; }
@media print { body { max-width: none; padding: 0; } a { color: inherit; text-decoration: none; } nav { display: none; } }
`.trim();

const sectionAnchor = (id: string): string => `section-${id}`;

/**
 * Renders a self-contained, print-ready HTML page. `lang`/`dir` are set on `<html>` (Arabic is
 * right-to-left); body text keeps its own direction (`dir="auto"`) and is escaped; every
 * statement carries the anchor(s) of its observation(s) and links to them.
 */
export function renderHtml(doc: SummaryDocument, lang: Language, options: RenderOptions = {}): string {
  const s = SUMMARY_STRINGS[lang];
  const href = options.observationHref ?? defaultObservationHref;
  const dir = textDirection(lang);
  const title = titleOf(doc, lang);
  const out: string[] = [];
  out.push(
    '<!DOCTYPE html>',
    `<html lang="${lang}" dir="${dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${SUMMARY_CSS}\n</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="subtitle">${escapeHtml(subtitleOf(doc, lang))}</p>`,
    `<p><span class="status status-${doc.lifecycle}">${escapeHtml(s.lifecycle[doc.lifecycle])}</span></p>`,
    '</header>',
  );

  const headings = [
    { id: 'introduction', text: SECTION_HEADING.introduction(s) },
    ...doc.sections.map((sec) => ({ id: sec.id, text: SECTION_HEADING[sec.id](s) })),
    ...(doc.followUps.length > 0 ? [{ id: 'follow-up', text: FOLLOW_UP_STRINGS[lang].heading }] : []),
  ];
  out.push(`<nav aria-label="${escapeAttr(s.contents)}">`, `<h2>${escapeHtml(s.contents)}</h2>`, '<ol>');
  for (const h of headings) out.push(`<li><a href="#${sectionAnchor(h.id)}">${escapeHtml(h.text)}</a></li>`);
  out.push('</ol>', '</nav>', '<main>');

  out.push(
    `<section id="${sectionAnchor('introduction')}">`,
    `<h2>${escapeHtml(SECTION_HEADING.introduction(s))}</h2>`,
    `<p>${escapeHtml(s.basis)}</p>`,
    '<dl class="intro">',
  );
  for (const f of introFields(doc, lang)) {
    out.push(`<dt>${escapeHtml(f.label)}</dt>`, `<dd><bdi>${escapeHtml(f.value)}</bdi></dd>`);
  }
  out.push('</dl>');
  if (doc.selfAssessmentOverview !== null) {
    out.push(
      `<h3>${escapeHtml(s.intro.selfAssessment)}</h3>`,
      `<p class="text" dir="auto">${escapeHtml(doc.selfAssessmentOverview)}</p>`,
    );
  }
  out.push('</section>');

  for (const section of doc.sections) {
    out.push(
      `<section id="${sectionAnchor(section.id)}">`,
      `<h2>${escapeHtml(SECTION_HEADING[section.id](s))}</h2>`,
    );
    if (section.articles.length === 0) out.push(`<p class="empty">${escapeHtml(s.noEntries)}</p>`);
    for (const block of section.articles) {
      const { head, title: articleTitle, original } = articleHeadingParts(block, lang);
      // The title is body text, possibly in another script than the page: isolate its direction.
      const heading =
        escapeHtml(head) +
        (articleTitle === null
          ? ''
          : ` — <bdi${original === null ? '' : ' lang="en"'}>${escapeHtml(articleTitle)}</bdi>`) +
        (original === null ? '' : ` <span class="original">(${escapeHtml(original)})</span>`);
      out.push(
        `<h3 id="${escapeAttr(`${section.id}-${block.article}`)}">${heading}</h3>`,
        '<ul class="statements">',
      );
      for (const st of block.statements) {
        // The first source id anchors the <li>; further sources get empty anchors so every id resolves.
        const extra = st.sourceObservationIds
          .slice(1)
          .map((id) => `<span id="obs-${escapeAttr(id)}"></span>`)
          .join('');
        const links = st.sourceObservationIds
          .map(
            (id) =>
              `<a href="${escapeAttr(href(id))}" data-observation-id="${escapeAttr(id)}">${escapeHtml(id)}</a>`,
          )
          .join(', ');
        out.push(
          `<li id="${escapeAttr(st.anchor)}" class="kind-${st.kind}">${extra}` +
            `<span class="kind">${escapeHtml(s.kinds[st.kind])}:</span> ` +
            `<span class="text" dir="auto">${escapeHtml(st.text)}</span> ` +
            `<span class="sources">(${escapeHtml(s.source)} ${links})</span></li>`,
        );
      }
      out.push('</ul>');
    }
    out.push('</section>');
  }
  if (doc.followUps.length > 0) {
    out.push(
      `<section id="${sectionAnchor('follow-up')}">`,
      `<h2>${escapeHtml(FOLLOW_UP_STRINGS[lang].heading)}</h2>`,
      '<ul class="statements follow-ups">',
    );
    for (const st of doc.followUps) {
      const p = followUpParts(st, lang);
      out.push(
        `<li id="${escapeAttr(st.anchor)}" class="kind-${st.kind}" data-follow-up-status="${escapeAttr(st.status)}">` +
          `<h3>${escapeHtml(p.heading)}</h3>` +
          `<p><span class="kind">${escapeHtml(p.earlier)}:</span> <span class="text" dir="auto">${escapeHtml(st.text)}</span></p>` +
          `<p><span class="kind">${escapeHtml(p.status)}:</span> <strong>${escapeHtml(p.statusLabel)}</strong></p>` +
          (p.explanation === null ? '' : `<p class="text" dir="auto">${escapeHtml(p.explanation)}</p>`) +
          '</li>',
      );
    }
    out.push('</ul>', '</section>');
  }
  out.push('</main>', '</body>', '</html>', '');
  return out.join('\n');
}
