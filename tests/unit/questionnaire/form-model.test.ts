import { describe, expect, it } from 'vitest';
import {
  formModel,
  listQuestionnaires,
  loadQuestionnaire,
  questionsOf,
} from '#shared/domain/questionnaire/index.ts';
import { FIXTURE } from './fixture.ts';

describe('formModel', () => {
  const model = formModel(FIXTURE);

  it('is plain JSON (survives a JSON round trip unchanged)', () => {
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  it('has one section per cluster and one field per question, in questionnaire order', () => {
    expect(model.sections.map((s) => [s.key, s.title, s.titleUnconfirmed])).toEqual([
      ['cluster-1', 'Criminalization and jurisdiction', false],
      ['cluster-2', 'Prevention', true],
    ]);
    const fields = model.sections.flatMap((s) => s.articles.flatMap((a) => a.fields));
    expect(fields.map((f) => [f.id, f.widget, f.required])).toEqual([
      ['TIP.5.q1', 'radio', true],
      ['TIP.5.q2', 'citation-list', false],
      ['TIP.5.q3', 'statistics-list', false],
      ['TIP.9.q1', 'textarea', true],
      ['TIP.9.q2', 'attachment-list', false],
    ]);
    expect(fields[0]?.path).toBe('answers.TIP.5.q1');
  });

  it('carries the constraints the server enforces', () => {
    const fields = model.sections.flatMap((s) => s.articles.flatMap((a) => a.fields));
    const [choice, citations, stats, text, attachments] = fields;
    expect(choice?.widget === 'radio' && choice.options.map((o) => o.value)).toEqual(['yes', 'no', 'partly']);
    expect(citations?.requiredIf).toEqual({ question: 'TIP.5.q1', answerIn: ['yes', 'partly'] });
    expect(citations?.widget === 'citation-list' && citations.maxItems).toBe(3);
    expect(
      citations?.widget === 'citation-list' && citations.item.map((i) => [i.key, i.widget, i.required]),
    ).toEqual([
      ['title', 'text', true],
      ['article', 'text', false],
      ['url', 'url', false],
    ]);
    expect(stats?.widget === 'statistics-list' && stats.item.find((i) => i.key === 'year')).toMatchObject({
      min: 2000,
      max: 2030,
      integer: true,
    });
    expect(stats?.widget === 'statistics-list' && stats.unit).toBe('convictions');
    expect(text?.widget === 'textarea' && text.maxLength).toBe(20);
    expect(attachments?.widget === 'attachment-list' && attachments.maxItems).toBe(2);
  });

  it('has a field for every question of every shipped questionnaire', () => {
    for (const { id } of listQuestionnaires()) {
      const def = loadQuestionnaire(id);
      const ids = formModel(def).sections.flatMap((s) =>
        s.articles.flatMap((a) => a.fields.map((f) => f.id)),
      );
      expect(ids).toEqual(questionsOf(def).map(({ question }) => question.id));
    }
  });
});
