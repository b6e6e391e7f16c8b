/**
 * A definition → its spreadsheet rows (the inverse of sheet-read.ts): the template the
 * secretariat fills, and the download of a published version for the next revision.
 */
import { LANGUAGES, type Language } from '#shared/domain/types.ts';
import type { QuestionnaireDefinition } from './definition.ts';
import { languageColumns, OPTION_SEPARATOR, QUESTION_COLUMNS, type QuestionColumn } from './sheet-columns.ts';
import type { SheetRows } from './sheet-read.ts';

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

export function sheetsOf(def: QuestionnaireDefinition): { meta: SheetRows; questions: SheetRows } {
  // Declared languages and any other a text is given in (a translation under way).
  const used = new Set<string>(def.languages);
  for (const c of def.clusters) {
    for (const l of Object.keys(c.names ?? {})) used.add(l);
    for (const a of c.articles) {
      for (const l of Object.keys(a.titles ?? {})) used.add(l);
      for (const q of a.questions) for (const l of Object.keys(q.texts ?? {})) used.add(l);
    }
  }
  const others = LANGUAGES.filter((l): l is Exclude<Language, 'en'> => l !== 'en' && used.has(l));
  const meta: string[][] = [
    ['key', 'value'],
    ['id', def.id],
    ['instrument', def.instrument],
    ['version', String(def.version)],
    ['title', def.title],
    ...others.flatMap((l) => (def.titles?.[l] ? [[`title.${l}`, def.titles[l] ?? '']] : [])),
    ['languages', def.languages.join(', ')],
    ['wording', def.wording],
    ...def.notes.map((n) => ['note', n]),
  ];
  const header = [...QUESTION_COLUMNS, ...languageColumns('en'), ...others.flatMap(languageColumns)];
  const rows: string[][] = [header];
  for (const cluster of def.clusters) {
    cluster.articles.forEach((article, ai) => {
      article.questions.forEach((q, qi) => {
        const firstOfArticle = qi === 0;
        const firstOfCluster = firstOfArticle && ai === 0;
        const cells: Partial<Record<QuestionColumn | string, string>> = {
          cluster: String(cluster.number),
          article: article.id,
          id: q.id,
          type: q.type,
          required: yesNo(q.required),
          'prompt.en': q.prompt,
          'help.en': q.help ?? '',
        };
        if (firstOfCluster) {
          cells.cluster_name = cluster.name;
          cells.cluster_name_unconfirmed = yesNo(cluster.nameUnconfirmed);
          for (const l of others) cells[`cluster_name.${l}`] = cluster.names?.[l] ?? '';
        }
        if (firstOfArticle) {
          cells.article_title = article.title;
          cells.article_title_unconfirmed = yesNo(article.titleUnconfirmed);
          cells.cluster_unconfirmed = yesNo(article.clusterUnconfirmed);
          cells.four_ps = article.fourP.join(', ');
          cells.article_sdg = article.sdgTargets.join(', ');
          for (const l of others) cells[`article_title.${l}`] = article.titles?.[l] ?? '';
        }
        if (q.requiredIf) {
          cells.required_if = `${q.requiredIf.question} = ${q.requiredIf.answerIn.join(OPTION_SEPARATOR)}`;
        }
        if (q.sdgTargets) cells.sdg = q.sdgTargets.join(', ');
        if (q.type === 'yes-no-partly') cells.options = q.options.join(OPTION_SEPARATOR);
        if (q.type === 'text') cells.max_length = String(q.maxLength);
        if (q.type === 'legislation' || q.type === 'statistics' || q.type === 'attachments') {
          cells.max_items = String(q.maxItems);
        }
        if (q.type === 'statistics') {
          cells.unit = q.unit ?? '';
          cells.min_year = String(q.minYear);
          cells.max_year = String(q.maxYear);
        }
        for (const l of others) {
          const t = q.texts?.[l];
          cells[`prompt.${l}`] = t?.prompt ?? '';
          cells[`help.${l}`] = t?.help ?? '';
          if (q.type === 'yes-no-partly' && t?.options) {
            cells[`options.${l}`] = q.options.map((o) => t.options?.[o] ?? '').join(` ${OPTION_SEPARATOR} `);
          }
        }
        rows.push(header.map((h) => cells[h] ?? ''));
      });
    });
  }
  return { meta, questions: rows };
}
