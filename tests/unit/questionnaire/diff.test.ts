import { describe, expect, it } from 'vitest';
import { diffAnswers } from '#shared/domain/questionnaire/index.ts';
import { FIXTURE } from './fixture.ts';

describe('diffAnswers', () => {
  const v1 = {
    'TIP.9.q1': 'Plan 2020',
    'TIP.5.q1': 'partly',
    'TIP.5.q2': [{ title: 'Penal Code', article: '201' }],
    'TIP.9.q2': ['a.pdf'],
  };

  it('reports nothing between identical answers, whatever the key order inside items', () => {
    const same = { ...v1, 'TIP.5.q2': [{ article: '201', title: 'Penal Code' }] };
    expect(diffAnswers(v1, same, FIXTURE)).toEqual([]);
  });

  it('reports added, removed and changed answers in questionnaire order', () => {
    const v2 = {
      'TIP.5.q1': 'yes',
      'TIP.5.q2': [{ title: 'Penal Code', article: '201' }],
      'TIP.5.q3': [{ value: 4, year: 2023 }],
      'TIP.9.q1': 'Plan 2024',
    };
    expect(diffAnswers(v1, v2, FIXTURE)).toEqual([
      { questionId: 'TIP.5.q1', kind: 'changed', before: 'partly', after: 'yes' },
      { questionId: 'TIP.5.q3', kind: 'added', after: [{ value: 4, year: 2023 }] },
      { questionId: 'TIP.9.q1', kind: 'changed', before: 'Plan 2020', after: 'Plan 2024' },
      { questionId: 'TIP.9.q2', kind: 'removed', before: ['a.pdf'] },
    ]);
  });

  it('treats a reordered list as a change', () => {
    const before = { 'TIP.9.q2': ['a.pdf', 'b.pdf'] };
    const after = { 'TIP.9.q2': ['b.pdf', 'a.pdf'] };
    expect(diffAnswers(before, after, FIXTURE).map((c) => c.kind)).toEqual(['changed']);
  });

  it('orders ids unknown to the questionnaire last, and sorts numerically without a questionnaire', () => {
    const before = { 'TIP.10.q1': 'yes', 'TIP.9.q1': 'x', 'TIP.2.q1': 'no' };
    expect(diffAnswers(before, {}, FIXTURE).map((c) => c.questionId)).toEqual([
      'TIP.9.q1',
      'TIP.2.q1',
      'TIP.10.q1',
    ]);
    expect(diffAnswers(before, {}).map((c) => c.questionId)).toEqual(['TIP.2.q1', 'TIP.9.q1', 'TIP.10.q1']);
  });
});
