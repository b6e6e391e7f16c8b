import { describe, expect, it } from 'vitest';
import { checkSheets, formatIssue, loadQuestionnaire, sheetsOf } from '#shared/domain/questionnaire/index.ts';
import {
  checkDefinitionFile,
  checkWorkbook,
  definitionWorkbook,
  workbookBytes,
} from '#shared/domain/questionnaire/workbook.ts';
import { type Cells, META, rowsOf, VALID_ROWS } from './sheet-fixture.ts';

const issuesOf = (rows: Cells[], meta = META) => {
  const result = checkSheets(meta, rowsOf(rows));
  return result.ok ? [] : result.issues.map(formatIssue);
};

describe('questionnaire definitions in the spreadsheet form', () => {
  it('reads a valid sheet into the definition: clusters, articles, conditions, options and French texts', () => {
    const result = checkSheets(META, rowsOf(VALID_ROWS));
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    const def = result.definition;
    expect(def).toMatchObject({ id: 'untoc-tip', version: 1, languages: ['en', 'fr'], wording: 'adopted' });
    expect(def.clusters.map((c) => [c.number, c.nameUnconfirmed, c.names?.fr])).toEqual([
      [1, false, 'Incrimination et compétence'],
      [2, true, undefined],
    ]);
    const [q1, q2] = def.clusters[0]?.articles[0]?.questions ?? [];
    expect(q1).toMatchObject({
      options: ['yes', 'no', 'partly'],
      texts: { fr: { options: { partly: 'En partie' } } },
    });
    expect(q2).toMatchObject({
      requiredIf: { question: 'TIP.5.q1', answerIn: ['yes', 'partly'] },
      maxItems: 5,
    });
    expect(def.clusters[1]?.articles[0]).toMatchObject({
      clusterUnconfirmed: true,
      fourP: ['protection', 'partnership'],
    });
  });

  it('reports each deliberate error with its row and column, and loads nothing', () => {
    const rows: Cells[] = [
      ...VALID_ROWS, // rows 2-4
      { ...VALID_ROWS[1], id: 'TIP.5.q2' }, // 5: duplicate id
      { ...VALID_ROWS[1], id: 'TIP.5.question3' }, // 6: malformed id
      { ...VALID_ROWS[0], article: 'TIP.25', id: 'TIP.25.q1', article_title: 'No such article' }, // 7: unknown article
      { ...VALID_ROWS[1], id: 'TIP.5.q4', required_if: 'TIP.5.q9 = yes' }, // 8: missing question
      { ...VALID_ROWS[0], id: 'TIP.5.q5', required: 'no', required_if: 'TIP.5.q6 = yes' }, // 9: cycle …
      { ...VALID_ROWS[0], id: 'TIP.5.q6', required: 'no', required_if: 'TIP.5.q5 = yes' }, // 10: … back
      { ...VALID_ROWS[0], id: 'TIP.5.q7', 'options.fr': 'Oui | Non' }, // 11: an option missing in French
      { ...VALID_ROWS[0], id: 'TIP.5.q8', 'prompt.fr': '' }, // 12: no French prompt
      { ...VALID_ROWS[2], article: 'TIP.7', id: 'TIP.7.q1', four_ps: 'protection, prosperity' }, // 13: tag outside the four Ps
      { ...VALID_ROWS[2], id: 'TIP.6.q2', sdg: '16.99' }, // 14: unknown SDG target
      { ...VALID_ROWS[2], id: 'TIP.6.q3', required: 'maybe' }, // 15: not yes/no
    ];
    expect(issuesOf(rows)).toEqual([
      'Questions!5 id: duplicate question id TIP.5.q2',
      'Questions!6 id: must look like TIP.5.q1',
      'Questions!7 article: unknown article TIP.25: TIP has no such article',
      'Questions!8 required_if: requiredIf points at TIP.5.q9, which is not in the questionnaire',
      'Questions!9 required_if: conditions form a cycle: TIP.5.q5 → TIP.5.q6 → TIP.5.q5',
      'Questions!10 required_if: conditions form a cycle: TIP.5.q6 → TIP.5.q5 → TIP.5.q6',
      'Questions!11 options.fr: gives 2 labels for 3 options (yes|no|partly)',
      'Questions!12 prompt.fr: no prompt in fr',
      'Questions!13 four_ps: Invalid option: expected one of "prevention"|"prosecution"|"protection"|"partnership"',
      'Questions!14 sdg: unknown SDG target 16.99',
      'Questions!15 required: must be yes or no (got "maybe")',
    ]);
  });

  it('refuses unknown columns and a missing required column; texts of an undeclared language are kept, not required', () => {
    const meta = META.map((r) => (r[0] === 'languages' ? ['languages', 'en'] : r));
    expect(
      issuesOf([...VALID_ROWS, { ...VALID_ROWS[1], id: 'TIP.5.q3', 'prompt.fr': '', 'help.fr': '' }], meta),
    ).toEqual([]);
    expect(
      issuesOf([...VALID_ROWS, { ...VALID_ROWS[1], id: 'TIP.5.q3', 'prompt.fr': '', 'help.fr': '' }]),
    ).toEqual(['Questions!5 prompt.fr: no prompt in fr']);
    const noType = checkSheets(META, [
      ['cluster', 'article', 'id', 'required', 'prompt.en', 'colour'],
      ['1', 'TIP.5', 'TIP.5.q1', 'yes', 'Q?', 'red'],
    ]);
    expect(noType.ok ? [] : noType.issues.map(formatIssue)).toEqual(
      expect.arrayContaining([
        'Questions!1 type: the column type is missing',
        'Questions!1 colour: unknown column colour',
      ]),
    );
  });

  it('says when a later row of an article contradicts its first row', () => {
    const rows = [VALID_ROWS[0] as Cells, { ...VALID_ROWS[1], article_title: 'Another title' }];
    expect(issuesOf(rows)).toEqual([
      'Questions!3 article_title: differs from row 2, the first row of this article',
    ]);
  });

  it('round-trips every shipped questionnaire through an .xlsx file unchanged', async () => {
    for (const id of ['untoc-convention', 'untoc-tip', 'untoc-som', 'untoc-firearms']) {
      const def = loadQuestionnaire(id);
      const result = await checkWorkbook(await definitionWorkbook(def));
      if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
      expect(result.definition).toEqual(def);
    }
  });

  it('tells the formats apart by content and reports an unreadable workbook or a missing sheet as one issue', async () => {
    const xlsx = await workbookBytes({ meta: META, questions: rowsOf(VALID_ROWS) });
    expect((await checkDefinitionFile(xlsx)).ok).toBe(true);
    const json = Buffer.from(JSON.stringify(loadQuestionnaire('untoc-tip')));
    expect((await checkDefinitionFile(json)).ok).toBe(true);
    const broken = await checkDefinitionFile(Buffer.from('PK not a zip'));
    expect(broken.ok ? [] : broken.issues.map(formatIssue)).toEqual([
      'file -: not a readable .xlsx workbook',
    ]);
    expect(sheetsOf(loadQuestionnaire('untoc-tip')).questions[0]).toContain('prompt.en');
  });
});
