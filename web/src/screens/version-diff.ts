/**
 * What changed between two submitted versions, in words: each changed question by its article
 * and text (not its id), the answer before and after as readable text, and in a changed text
 * the words removed and added highlighted (jsdiff's word diff).
 */
import { diffWords } from 'diff';
import { h } from 'preact';
import { t } from '../i18n/index.ts';
import type { Diff, FormField, FormModel } from '../types.ts';
import { AnswerText } from './answer-view.ts';

type Change = Diff['changes'][number];

const fieldsOf = (model: FormModel | undefined): Map<string, { field: FormField; article: string }> =>
  new Map(
    (model?.sections ?? []).flatMap((s) =>
      s.articles.flatMap((a) => a.fields.map((f) => [f.id, { field: f, article: a.articleId }] as const)),
    ),
  );

const KIND: Record<Change['kind'], () => string> = {
  added: () => t('diff.added'),
  removed: () => t('diff.removed'),
  changed: () => t('diff.changed'),
};

/** Both sides of a changed text, each with its own part of the word diff highlighted. */
const TextSides = ({ before, after }: { before: string; after: string }) => {
  const parts = diffWords(before, after);
  return {
    before: h(
      'span',
      { class: 'answer-text' },
      ...parts.filter((p) => !p.added).map((p) => (p.removed ? h('del', {}, p.value) : p.value)),
    ),
    after: h(
      'span',
      { class: 'answer-text' },
      ...parts.filter((p) => !p.removed).map((p) => (p.added ? h('ins', {}, p.value) : p.value)),
    ),
  };
};

const sides = (c: Change, field: FormField | undefined, base: string) => {
  if (field?.widget === 'textarea' && typeof c.before === 'string' && typeof c.after === 'string')
    return TextSides({ before: c.before, after: c.after });
  const show = (value: unknown) =>
    field ? h(AnswerText, { field, value, base }) : h('code', {}, JSON.stringify(value ?? null));
  return {
    before: c.kind === 'added' ? '' : h('del', { class: 'whole' }, show(c.before)),
    after: c.kind === 'removed' ? '' : h('ins', { class: 'whole' }, show(c.after)),
  };
};

/** The differences as a table; `model` gives the question texts (ids are shown for questions it lacks). */
export const VersionDiff = ({ diff, model, base }: { diff: Diff; model?: FormModel; base: string }) => {
  const fields = fieldsOf(model);
  if (diff.changes.length === 0)
    return h(
      'p',
      { class: 'empty', 'data-testid': 'version-diff' },
      t('diff.none', { from: diff.from, to: diff.to }),
    );
  return h(
    'table',
    { class: 'diff', 'data-testid': 'version-diff' },
    h('caption', {}, t('diff.caption', { from: diff.from, to: diff.to })),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('diff.question')),
        h('th', { scope: 'col' }, t('diff.change')),
        h('th', { scope: 'col' }, t('diff.before')),
        h('th', { scope: 'col' }, t('diff.after')),
      ),
    ),
    h(
      'tbody',
      {},
      ...diff.changes.map((c) => {
        const known = fields.get(c.questionId);
        const { before, after } = sides(c, known?.field, base);
        return h(
          'tr',
          { key: c.questionId, 'data-change': c.questionId },
          h(
            'th',
            { scope: 'row' },
            known ? `${known.article} — ${known.field.label}` : c.questionId,
            known ? h('span', { class: 'muted qid' }, ` (${c.questionId})`) : null,
          ),
          h('td', {}, KIND[c.kind]()),
          h('td', {}, before),
          h('td', {}, after),
        );
      }),
    ),
  );
};
