import { describe, expect, it } from 'vitest';
import { ValidationError } from '#shared/domain/errors.ts';
import {
  answersSchemaFor,
  assertValidAnswers,
  completeness,
  formatPath,
  loadQuestionnaire,
  validateAnswers,
} from '#shared/domain/questionnaire/index.ts';
import { FIXTURE } from './fixture.ts';

const paths = (input: unknown, mode: 'draft' | 'submit' = 'draft') => {
  const result = validateAnswers(FIXTURE, input, mode);
  return result.ok ? [] : result.issues.map((i) => i.path);
};

describe('answersSchemaFor', () => {
  it('accepts a partial draft with correctly typed answers', () => {
    const draft = { 'TIP.5.q1': 'partly', 'TIP.5.q3': [{ value: 12, year: 2022, label: 'first instance' }] };
    expect(answersSchemaFor(FIXTURE).parse(draft)).toEqual(draft);
    expect(answersSchemaFor(FIXTURE).parse({})).toEqual({});
  });

  it('rejects an unknown question id with the id as the issue path', () => {
    const result = answersSchemaFor(FIXTURE).safeParse({ 'TIP.5.q1': 'yes', 'TIP.5.q99': 'yes' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([['TIP.5.q99']]);
    expect(result.error?.issues[0]?.message).toMatch(/unknown question id/);
  });

  it('rejects an own __proto__ key instead of dropping it', () => {
    expect(paths(JSON.parse('{"__proto__": {"polluted": true}}'))).toEqual(['answers.__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects wrong types for every question type, naming each field', () => {
    const result = validateAnswers(FIXTURE, {
      'TIP.5.q1': 'maybe',
      'TIP.5.q2': 'Penal Code',
      'TIP.5.q3': [{ value: '12', year: 2020 }],
      'TIP.9.q1': 42,
      'TIP.9.q2': [{ id: 'x' }],
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((i) => [i.path, i.code])).toEqual([
      ['answers.TIP.5.q1', 'invalid_value'],
      ['answers.TIP.5.q2', 'invalid_type'],
      ['answers.TIP.5.q3[0].value', 'invalid_type'],
      ['answers.TIP.9.q1', 'invalid_type'],
      ['answers.TIP.9.q2[0]', 'invalid_type'],
    ]);
  });

  it('enforces text length, list sizes and unknown fields inside items', () => {
    expect(paths({ 'TIP.9.q1': 'x'.repeat(21) })).toEqual(['answers.TIP.9.q1']);
    expect(paths({ 'TIP.9.q1': 'x'.repeat(20) })).toEqual([]);
    expect(paths({ 'TIP.9.q2': ['a', 'b', 'c'] })).toEqual(['answers.TIP.9.q2']);
    expect(paths({ 'TIP.5.q2': [{ title: 'Penal Code', note: 'x' }] })).toEqual(['answers.TIP.5.q2[0]']);
    expect(paths({ 'TIP.5.q2': [{ title: '   ' }] })).toEqual(['answers.TIP.5.q2[0].title']);
  });

  it('accepts only http(s) URLs in citations', () => {
    const cite = (url: string) => paths({ 'TIP.5.q2': [{ title: 'Penal Code', url }] });
    expect(cite('https://laws.example.org/penal-code#art-201')).toEqual([]);
    expect(cite('http://laws.example.org/')).toEqual([]);
    for (const bad of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://x.org/a', 'not a url']) {
      expect(cite(bad), bad).toEqual(['answers.TIP.5.q2[0].url']);
    }
  });

  it('accepts finite non-negative numbers and whole years within the question bounds', () => {
    const stat = (value: number, year: number) => paths({ 'TIP.5.q3': [{ value, year }] });
    expect(stat(0, 2000)).toEqual([]);
    expect(stat(3.5, 2030)).toEqual([]);
    expect(stat(-1, 2020)).toEqual(['answers.TIP.5.q3[0].value']);
    expect(stat(Number.POSITIVE_INFINITY, 2020)).toEqual(['answers.TIP.5.q3[0].value']);
    expect(stat(Number.NaN, 2020)).toEqual(['answers.TIP.5.q3[0].value']);
    expect(stat(1, 1999)).toEqual(['answers.TIP.5.q3[0].year']);
    expect(stat(1, 2031)).toEqual(['answers.TIP.5.q3[0].year']);
    expect(stat(1, 2020.5)).toEqual(['answers.TIP.5.q3[0].year']);
  });

  it('rejects statistics for future years when the caller passes the clock', () => {
    const answers = {
      'TIP.5.q3': [
        { value: 1, year: 2025 },
        { value: 2, year: 2026 },
      ],
    };
    const now = new Date('2025-12-31T23:59:59Z');
    const result = validateAnswers(FIXTURE, answers, 'draft', { now });
    expect(result.ok ? [] : result.issues.map((i) => [i.path, i.code])).toEqual([
      ['answers.TIP.5.q3[1].year', 'too_big'],
    ]);
    expect(validateAnswers(FIXTURE, answers, 'draft').ok).toBe(true);
  });

  it('takes only ids a real attachment can have, none that could escape a storage key', () => {
    expect(paths({ 'TIP.9.q2': ['0b6f1c1e-3f4a-4d52-9a57-0f8e2b1c9d10'] })).toEqual([]);
    expect(paths({ 'TIP.9.q2': ['../secret'] })).toEqual(['answers.TIP.9.q2[0]']);
    // A dot never occurs in a minted id (a UUID), so a file-name-like id names no attachment.
    expect(paths({ 'TIP.9.q2': ['01HZX3K9Q2.pdf'] })).toEqual(['answers.TIP.9.q2[0]']);
  });

  it('rejects answers that are not an object', () => {
    for (const input of [null, [], 'yes', 3]) expect(paths(input)).toEqual(['answers']);
  });
});

describe('completeness', () => {
  it('lists every missing required answer in questionnaire order', () => {
    expect(completeness(FIXTURE, {})).toEqual({
      complete: false,
      missing: ['answers.TIP.5.q1', 'answers.TIP.9.q1'],
    });
  });

  it('counts blank text and empty lists as missing', () => {
    const result = completeness(FIXTURE, { 'TIP.5.q1': 'yes', 'TIP.5.q2': [], 'TIP.9.q1': '  \n' });
    expect(result.missing).toEqual(['answers.TIP.5.q2', 'answers.TIP.9.q1']);
  });

  it('requires a conditional answer only when its controlling answer matches', () => {
    expect(completeness(FIXTURE, { 'TIP.5.q1': 'no', 'TIP.9.q1': 'plan' })).toEqual({
      complete: true,
      missing: [],
    });
    expect(completeness(FIXTURE, { 'TIP.5.q1': 'partly', 'TIP.9.q1': 'plan' }).missing).toEqual([
      'answers.TIP.5.q2',
    ]);
    expect(
      completeness(FIXTURE, { 'TIP.5.q1': 'yes', 'TIP.5.q2': [{ title: 'Penal Code' }], 'TIP.9.q1': 'plan' })
        .complete,
    ).toBe(true);
  });

  it('lists every required question of a shipped questionnaire for an empty submission', () => {
    const tip = loadQuestionnaire('untoc-tip');
    const required = tip.clusters.flatMap((c) =>
      c.articles.flatMap((a) => a.questions.filter((q) => q.required).map((q) => `answers.${q.id}`)),
    );
    expect(completeness(tip, {}).missing).toEqual(required);
    expect(required).toContain('answers.TIP.5.q1');
  });
});

describe('validateAnswers in submit mode', () => {
  it('reports type errors and every missing required answer together', () => {
    const result = validateAnswers(
      FIXTURE,
      { 'TIP.5.q1': 'yes', 'TIP.5.q3': [{ value: -2, year: 2020 }] },
      'submit',
    );
    expect(result.ok ? [] : result.issues.map((i) => [i.path, i.code])).toEqual([
      ['answers.TIP.5.q3[0].value', 'too_small'],
      ['answers.TIP.5.q2', 'required'],
      ['answers.TIP.9.q1', 'required'],
    ]);
    expect(result.ok ? '' : result.issues[1]?.message).toMatch(/required because TIP\.5\.q1 is "yes"/);
  });

  it('does not report a wrongly typed answer as missing too', () => {
    expect(paths({ 'TIP.5.q1': 'yes', 'TIP.5.q2': [{ title: 'x' }], 'TIP.9.q1': 7 }, 'submit')).toEqual([
      'answers.TIP.9.q1',
    ]);
  });

  it('accepts a complete submission', () => {
    const answers = { 'TIP.5.q1': 'no', 'TIP.9.q1': 'National plan' };
    expect(validateAnswers(FIXTURE, answers, 'submit')).toEqual({ ok: true, value: answers });
  });

  it('throws a ValidationError whose details list the field issues', () => {
    expect(() => assertValidAnswers(FIXTURE, {}, 'submit')).toThrow(ValidationError);
    try {
      assertValidAnswers(FIXTURE, { bogus: 1 }, 'draft');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details).toEqual({
        issues: [
          { path: 'answers.bogus', code: 'unknown_question', message: 'unknown question id for test-tip' },
        ],
      });
    }
    expect.assertions(3);
  });
});

describe('formatPath', () => {
  it('joins keys with dots and indexes with brackets', () => {
    expect(formatPath('answers', ['TIP.5.q2', 0, 'url'])).toBe('answers.TIP.5.q2[0].url');
    expect(formatPath('', ['questionnaireId'])).toBe('questionnaireId');
  });
});
