import { describe, expect, it } from 'vitest';
import {
  type Answers,
  exportSubmission,
  loadQuestionnaire,
  parseImport,
  SubmissionExportSchema,
} from '#shared/domain/questionnaire/index.ts';
import { FIXTURE } from './fixture.ts';

const answers: Answers = {
  'TIP.5.q1': 'yes',
  'TIP.5.q2': [{ title: 'Penal Code', article: '201', url: 'https://laws.example.org/pc' }],
  'TIP.5.q3': [{ value: 7, year: 2021, label: 'first instance' }],
  'TIP.9.q1': 'Plan',
};

const issuesOf = (json: unknown) => {
  const result = parseImport(FIXTURE, json);
  return result.ok ? [] : result.issues.map((i) => [i.path, i.code]);
};

describe('export and import', () => {
  it('round-trips answers through the JSON file', () => {
    const file = JSON.stringify(exportSubmission(FIXTURE, answers, { stateName: 'Utopia', version: 1 }));
    expect(parseImport(FIXTURE, file)).toEqual({ ok: true, value: answers });
    expect(SubmissionExportSchema.parse(JSON.parse(file)).questionnaireVersion).toBe(3);
  });

  it('accepts an already parsed object and partial answers', () => {
    const partial = {
      questionnaireId: 'test-tip',
      questionnaireVersion: 3,
      answers: { 'TIP.9.q1': 'draft' },
    };
    expect(parseImport(FIXTURE, partial)).toEqual({ ok: true, value: { 'TIP.9.q1': 'draft' } });
  });

  it('rejects a file that is not JSON', () => {
    expect(issuesOf('{"questionnaireId":')).toEqual([['', 'invalid_json']]);
  });

  it('rejects a file for another questionnaire or version, naming the field', () => {
    expect(issuesOf({ questionnaireId: 'untoc-tip', questionnaireVersion: 3, answers: {} })).toEqual([
      ['questionnaireId', 'wrong_questionnaire'],
    ]);
    expect(issuesOf({ questionnaireId: 'test-tip', questionnaireVersion: 2, answers: {} })).toEqual([
      ['questionnaireVersion', 'wrong_version'],
    ]);
  });

  it('rejects a malformed envelope field by field', () => {
    expect(
      issuesOf({ questionnaireId: 'test-tip', questionnaireVersion: '3', answers: {}, extra: 1 }),
    ).toEqual([
      ['questionnaireVersion', 'invalid_type'],
      ['', 'unrecognized_keys'],
    ]);
    expect(issuesOf({ questionnaireId: 'test-tip', questionnaireVersion: 3 })).toEqual([
      ['answers', 'invalid_type'],
    ]);
  });

  it('validates imported answers the same way as the API, with field paths', () => {
    const file = {
      questionnaireId: 'test-tip',
      questionnaireVersion: 3,
      answers: {
        'TIP.5.q1': true,
        'TIP.5.q2': [{ title: 'x', url: 'javascript:alert(1)' }],
        'TIP.77.q1': 'yes',
      },
    };
    expect(issuesOf(file)).toEqual([
      ['answers.TIP.5.q1', 'invalid_value'],
      ['answers.TIP.5.q2[0].url', 'invalid_format'],
      ['answers.TIP.77.q1', 'unknown_question'],
    ]);
  });

  it('rejects a __proto__ key in imported answers', () => {
    const file = '{"questionnaireId":"test-tip","questionnaireVersion":3,"answers":{"__proto__":{"x":1}}}';
    expect(issuesOf(file)).toEqual([['answers.__proto__', 'unknown_question']]);
  });

  it('imports answers prepared offline for a shipped questionnaire', () => {
    const tip = loadQuestionnaire('untoc-tip');
    const file = exportSubmission(tip, { 'TIP.5.q1': 'yes', 'TIP.5.q7': [{ value: 3, year: 2023 }] });
    expect(parseImport(tip, JSON.stringify(file)).ok).toBe(true);
  });
});
