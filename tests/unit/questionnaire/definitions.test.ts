import { describe, expect, it } from 'vitest';
import { NotFoundError } from '#shared/domain/errors.ts';
import {
  articleIndex,
  findQuestionnaire,
  isQuestionId,
  listQuestionnaires,
  loadQuestionnaire,
  QuestionnaireDefinitionSchema,
  questionnaireForInstrument,
  questionsOf,
} from '#shared/domain/questionnaire/index.ts';
import { INSTRUMENTS } from '#shared/domain/types.ts';
import { FIXTURE, FIXTURE_INPUT } from './fixture.ts';

const shipped = listQuestionnaires().map((s) => loadQuestionnaire(s.id));

describe('shipped questionnaire definitions', () => {
  it('exist for the Convention and each Protocol, one per instrument', () => {
    expect(shipped.map((d) => d.instrument).sort()).toEqual([...INSTRUMENTS].sort());
    for (const instrument of INSTRUMENTS)
      expect(questionnaireForInstrument(instrument).instrument).toBe(instrument);
  });

  it.each(shipped.map((d) => [d.id, d] as const))(
    '%s parses and has unique, well-placed question ids',
    (_, def) => {
      expect(QuestionnaireDefinitionSchema.safeParse(def).success).toBe(true);
      const ids = questionsOf(def).map(({ question }) => question.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const { question, article } of questionsOf(def))
        expect(question.id.startsWith(`${article.id}.q`)).toBe(true);
      expect(ids.length).toBeGreaterThan(5);
    },
  );

  it('covers Trafficking in Persons Protocol articles 5 to 13 with several questions each', () => {
    const tip = loadQuestionnaire('untoc-tip');
    const articles = tip.clusters.flatMap((c) => c.articles);
    for (let n = 5; n <= 13; n++) {
      const article = articles.find((a) => a.id === `TIP.${n}`);
      expect(article, `TIP.${n}`).toBeDefined();
      expect(article?.questions.length ?? 0).toBeGreaterThanOrEqual(3);
      expect(article?.questions.some((q) => q.required)).toBe(true);
    }
    expect(articles.find((a) => a.id === 'TIP.5')?.questions.map((q) => q.type)).toEqual(
      expect.arrayContaining(['yes-no-partly', 'legislation', 'statistics']),
    );
  });

  it('marks the TIP article titles DOMAIN.md calls unconfirmed, and only those', () => {
    const tip = loadQuestionnaire('untoc-tip');
    const unconfirmed = tip.clusters.flatMap((c) =>
      c.articles.filter((a) => a.titleUnconfirmed).map((a) => a.id),
    );
    expect(unconfirmed).toEqual(['TIP.7', 'TIP.8', 'TIP.9', 'TIP.13']);
  });

  it('puts the Convention cluster 1 criminalization and jurisdiction articles in cluster 1', () => {
    const untoc = loadQuestionnaire('untoc-convention');
    const cluster1 = untoc.clusters.find((c) => c.number === 1);
    expect(cluster1?.name).toBe('Criminalization and jurisdiction');
    expect(cluster1?.nameUnconfirmed).toBe(false);
    expect(cluster1?.articles.map((a) => a.id)).toEqual([
      'UNTOC.2',
      'UNTOC.5',
      'UNTOC.6',
      'UNTOC.8',
      'UNTOC.9',
      'UNTOC.10',
      'UNTOC.15',
      'UNTOC.23',
    ]);
    expect(untoc.clusters.map((c) => c.number)).toEqual([1, 2, 3, 4]);
  });

  it('marks the names of clusters 2 to 4 as unconfirmed in every questionnaire', () => {
    for (const def of shipped) {
      for (const cluster of def.clusters) expect(cluster.nameUnconfirmed).toBe(cluster.number !== 1);
    }
  });

  it('finds questionnaires by id and version and reports unknown ones as not found', () => {
    expect(findQuestionnaire('untoc-tip', 1)?.version).toBe(1);
    expect(findQuestionnaire('untoc-tip', 99)).toBeUndefined();
    expect(() => loadQuestionnaire('nope')).toThrow(NotFoundError);
    expect(() => loadQuestionnaire('untoc-tip', 99)).toThrow(/untoc-tip v99/);
  });
});

describe('QuestionnaireDefinitionSchema', () => {
  const withFirstQuestion = (patch: Record<string, unknown>) => {
    const input = structuredClone(FIXTURE_INPUT);
    const article = input.clusters[0]?.articles[0];
    if (article)
      article.questions = [{ ...article.questions[0], ...patch } as never, ...article.questions.slice(1)];
    return input;
  };

  it('rejects a question id used twice, naming the duplicate', () => {
    const result = QuestionnaireDefinitionSchema.safeParse(withFirstQuestion({ id: 'TIP.5.q2' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain('duplicate question id TIP.5.q2');
  });

  it('rejects a question whose id does not start with its article id', () => {
    const result = QuestionnaireDefinitionSchema.safeParse(withFirstQuestion({ id: 'TIP.6.q1' }));
    expect(
      result.error?.issues.some((i) => i.path.join('.') === 'clusters.0.articles.0.questions.0.id'),
    ).toBe(true);
  });

  it('rejects an article of another instrument and an unknown question type', () => {
    const input = structuredClone(FIXTURE_INPUT);
    const article = input.clusters[0]?.articles[0];
    if (article) article.id = 'SOM.5';
    expect(QuestionnaireDefinitionSchema.safeParse(input).success).toBe(false);
    expect(QuestionnaireDefinitionSchema.safeParse(withFirstQuestion({ type: 'checkbox' })).success).toBe(
      false,
    );
  });

  it('rejects requiredIf pointing at a question that is not yes/no', () => {
    const input = structuredClone(FIXTURE_INPUT);
    const q2 = input.clusters[0]?.articles[0]?.questions[1];
    if (q2) q2.requiredIf = { question: 'TIP.5.q3', answerIn: ['yes'] };
    const result = QuestionnaireDefinitionSchema.safeParse(input);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(
      'clusters.0.articles.0.questions.1.requiredIf.question',
    );
  });

  it('fills defaults for limits and unconfirmed flags', () => {
    const stats = FIXTURE.clusters[0]?.articles[0]?.questions[2];
    expect(stats?.type === 'statistics' && stats.maxItems).toBe(20);
    expect(FIXTURE.clusters[0]?.articles[0]?.titleUnconfirmed).toBe(false);
    expect(FIXTURE.notes).toEqual([]);
  });
});

describe('articleIndex and isQuestionId', () => {
  it('map each question to its article, cluster and four Ps in questionnaire order', () => {
    const index = articleIndex(FIXTURE);
    expect([...index.keys()]).toEqual(['TIP.5.q1', 'TIP.5.q2', 'TIP.5.q3', 'TIP.9.q1', 'TIP.9.q2']);
    expect(index.get('TIP.9.q2')).toMatchObject({
      articleId: 'TIP.9',
      cluster: 2,
      fourP: ['prevention', 'partnership'],
      type: 'attachments',
      order: 4,
    });
  });

  it('recognizes only ids of the questionnaire', () => {
    expect(isQuestionId(FIXTURE, 'TIP.5.q1')).toBe(true);
    expect(isQuestionId(FIXTURE, 'TIP.5.q9')).toBe(false);
    expect(isQuestionId(FIXTURE, '__proto__')).toBe(false);
    expect(isQuestionId(FIXTURE, 42)).toBe(false);
  });
});
