/**
 * The file formats of a summary, each with its renderer and content type — one table used by the
 * use case that stores the files, the HTTP bindings that serve them and the preview command.
 */
import type { Language } from '#shared/domain/types.ts';
import type { SummaryDocument } from './document.ts';
import { renderDocx } from './render-docx.ts';
import { renderHtml } from './render-html.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderPdf } from './render-pdf.ts';

export const SUMMARY_FORMATS = ['md', 'html', 'pdf', 'docx'] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

export const SUMMARY_RENDERERS: Readonly<
  Record<SummaryFormat, (doc: SummaryDocument, lang: Language) => Promise<string | Uint8Array>>
> = {
  md: async (doc, lang) => renderMarkdown(doc, lang),
  html: async (doc, lang) => renderHtml(doc, lang),
  pdf: (doc, lang) => renderPdf(doc, lang),
  docx: (doc, lang) => renderDocx(doc, lang),
};

export const CONTENT_TYPES: Readonly<Record<SummaryFormat, string>> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
