/**
 * Readable exports of a submission (Markdown and standalone HTML). Every string that comes from
 * a user (answers, state name, author) is escaped; definition text is escaped too, as it is
 * data and cheap to treat the same way.
 */
import * as z from 'zod';
import { INSTRUMENT_NAMES } from '#shared/domain/types.ts';
import type { AnswerValue, LegislationCitation, Statistic } from './answers.ts';
import type { Question, QuestionnaireDefinition } from './definition.ts';

export const SubmissionMetaSchema = z.strictObject({
  stateName: z.string().min(1).max(200),
  version: z.int().min(1),
  /** ISO 8601 timestamp (pass it in; pure functions do not read the clock). */
  submittedAt: z.string().min(1).max(64),
  submittedBy: z.string().min(1).max(200),
});
export type SubmissionMeta = z.infer<typeof SubmissionMetaSchema>;

type AnswerMap = Readonly<Record<string, AnswerValue | undefined>>;

const YES_NO_PARTLY_TEXT: Record<string, string> = { yes: 'Yes', no: 'No', partly: 'Partly' };

function answerOf(answers: AnswerMap, id: string): AnswerValue | undefined {
  return Object.hasOwn(answers, id) ? answers[id] : undefined;
}

function isCitationList(q: Question, v: AnswerValue): v is LegislationCitation[] {
  return q.type === 'legislation' && Array.isArray(v);
}
function isStatisticList(q: Question, v: AnswerValue): v is Statistic[] {
  return q.type === 'statistics' && Array.isArray(v);
}

/** Only http(s) links become links, even if an unvalidated value slips through. */
function safeHref(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

// ---------- HTML ----------

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for HTML element content and quoted attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => HTML_ESCAPES[c] ?? c);
}

function htmlAnswer(q: Question, v: AnswerValue | undefined): string {
  if (v === undefined || (Array.isArray(v) && v.length === 0) || (typeof v === 'string' && v.trim() === '')) {
    return '<p class="unanswered">No answer</p>';
  }
  if (q.type === 'yes-no-partly' && typeof v === 'string') {
    return `<p class="choice">${escapeHtml(YES_NO_PARTLY_TEXT[v] ?? v)}</p>`;
  }
  if (typeof v === 'string') {
    return v
      .split(/\n{2,}/)
      .map((para) => `<p>${escapeHtml(para).replace(/\n/g, '<br>')}</p>`)
      .join('');
  }
  if (isCitationList(q, v)) {
    const items = v.map((c) => {
      const href = safeHref(c.url);
      const title = href
        ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">${escapeHtml(c.title)}</a>`
        : escapeHtml(c.title);
      const article = c.article ? `, ${escapeHtml(c.article)}` : '';
      const rawUrl = c.url && !href ? ` (${escapeHtml(c.url)})` : '';
      return `<li>${title}${article}${rawUrl}</li>`;
    });
    return `<ul class="citations">${items.join('')}</ul>`;
  }
  if (isStatisticList(q, v)) {
    const rows = v.map(
      (s) =>
        `<tr><td>${escapeHtml(String(s.year))}</td><td>${escapeHtml(String(s.value))}</td><td>${escapeHtml(s.label ?? '')}</td></tr>`,
    );
    const unit = q.type === 'statistics' && q.unit ? escapeHtml(q.unit) : 'Value';
    return `<table class="statistics"><thead><tr><th>Year</th><th>${unit}</th><th>Note</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  }
  return `<ul class="attachments">${v.map((id) => `<li>${escapeHtml(String(id))}</li>`).join('')}</ul>`;
}

/** A standalone, readable HTML page of a submission; all text is escaped. */
export function renderSubmissionHtml(
  def: QuestionnaireDefinition,
  answers: AnswerMap,
  meta: SubmissionMeta,
): string {
  const out: string[] = [];
  const title = `${def.title} — ${meta.stateName} — version ${meta.version}`;
  out.push(
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5}' +
      '.unanswered{color:#666;font-style:italic}.prompt{font-weight:600;margin-bottom:.25rem}' +
      'table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem}.tag{color:#555;font-size:.9em}</style>',
    '</head>',
    '<body>',
    `<h1>${escapeHtml(def.title)}</h1>`,
    `<p>${escapeHtml(INSTRUMENT_NAMES[def.instrument])}</p>`,
    '<dl class="meta">',
    `<dt>State</dt><dd>${escapeHtml(meta.stateName)}</dd>`,
    `<dt>Submission version</dt><dd>${escapeHtml(String(meta.version))}</dd>`,
    `<dt>Submitted at</dt><dd>${escapeHtml(meta.submittedAt)}</dd>`,
    `<dt>Submitted by</dt><dd>${escapeHtml(meta.submittedBy)}</dd>`,
    `<dt>Questionnaire</dt><dd>${escapeHtml(def.id)} v${escapeHtml(String(def.version))}</dd>`,
    '</dl>',
  );
  for (const cluster of def.clusters) {
    out.push(`<section><h2>Cluster ${cluster.number}: ${escapeHtml(cluster.name)}</h2>`);
    for (const article of cluster.articles) {
      out.push(
        `<section id="${escapeHtml(article.id)}"><h3>${escapeHtml(article.id)} ${escapeHtml(article.title)}</h3>`,
        `<p class="tag">${article.fourP.map(escapeHtml).join(', ')}</p>`,
      );
      for (const q of article.questions) {
        out.push(
          `<div class="question" id="${escapeHtml(q.id)}">`,
          `<p class="prompt">${escapeHtml(q.id)}. ${escapeHtml(q.prompt)}</p>`,
          htmlAnswer(q, answerOf(answers, q.id)),
          '</div>',
        );
      }
      out.push('</section>');
    }
    out.push('</section>');
  }
  out.push('</body>', '</html>', '');
  return out.join('\n');
}

// ---------- Markdown ----------

/**
 * Escapes inline Markdown (CommonMark lets any ASCII punctuation be backslash-escaped) and the
 * block markers a line could start with; `<` and `&` are escaped so no raw HTML or entity survives.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) =>
      line
        .replace(/[\\`*_{}[\]()<>&!|~#]/g, (c) => `\\${c}`)
        .replace(/^(\s*)([-+=])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/, '$1\\$2'),
    )
    .join('\n');
}

/** A URL as a Markdown link destination: `<`, `>`, spaces and parentheses percent-encoded. */
function markdownHref(href: string): string {
  return href.replace(
    /[<>()\s\\]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

function markdownAnswer(q: Question, v: AnswerValue | undefined): string[] {
  if (v === undefined || (Array.isArray(v) && v.length === 0) || (typeof v === 'string' && v.trim() === '')) {
    return ['_No answer_'];
  }
  if (q.type === 'yes-no-partly' && typeof v === 'string')
    return [`**${escapeMarkdown(YES_NO_PARTLY_TEXT[v] ?? v)}**`];
  if (typeof v === 'string')
    return escapeMarkdown(v)
      .split('\n')
      .map((line) => `> ${line}`);
  if (isCitationList(q, v)) {
    return v.map((c) => {
      const href = safeHref(c.url);
      const title = href ? `[${escapeMarkdown(c.title)}](${markdownHref(href)})` : escapeMarkdown(c.title);
      const article = c.article ? `, ${escapeMarkdown(c.article)}` : '';
      const rawUrl = c.url && !href ? ` (${escapeMarkdown(c.url)})` : '';
      return `- ${title}${article}${rawUrl}`;
    });
  }
  if (isStatisticList(q, v)) {
    const unit = q.type === 'statistics' && q.unit ? escapeMarkdown(q.unit) : 'Value';
    return [
      `| Year | ${unit} | Note |`,
      '| --- | --- | --- |',
      ...v.map(
        (s) =>
          `| ${String(s.year)} | ${String(s.value)} | ${escapeMarkdown(s.label ?? '').replace(/\n/g, ' ')} |`,
      ),
    ];
  }
  return v.map((id) => `- ${escapeMarkdown(String(id))}`);
}

/** A readable Markdown document of a submission; all text is escaped. */
export function renderSubmissionMarkdown(
  def: QuestionnaireDefinition,
  answers: AnswerMap,
  meta: SubmissionMeta,
): string {
  const out: string[] = [
    `# ${escapeMarkdown(def.title)}`,
    '',
    escapeMarkdown(INSTRUMENT_NAMES[def.instrument]),
    '',
    `- State: ${escapeMarkdown(meta.stateName)}`,
    `- Submission version: ${meta.version}`,
    `- Submitted at: ${escapeMarkdown(meta.submittedAt)}`,
    `- Submitted by: ${escapeMarkdown(meta.submittedBy)}`,
    `- Questionnaire: ${escapeMarkdown(def.id)} v${def.version}`,
  ];
  for (const cluster of def.clusters) {
    out.push('', `## Cluster ${cluster.number}: ${escapeMarkdown(cluster.name)}`);
    for (const article of cluster.articles) {
      out.push('', `### ${escapeMarkdown(article.id)} ${escapeMarkdown(article.title)}`, '');
      out.push(`_${article.fourP.join(', ')}_`);
      for (const q of article.questions) {
        out.push('', `**${escapeMarkdown(q.id)}**. ${escapeMarkdown(q.prompt)}`, '');
        out.push(...markdownAnswer(q, answerOf(answers, q.id)));
      }
    }
  }
  out.push('');
  return out.join('\n');
}
