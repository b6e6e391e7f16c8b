import { describe, expect, it } from 'vitest';
import {
  carryOverAnswers,
  composeVersion,
  diffVersions,
  loadQuestionnaire,
  QuestionnaireDefinitionSchema,
} from '#shared/domain/questionnaire/index.ts';

const tip = loadQuestionnaire('untoc-tip');

/** Cluster 1 of TIP with TIP.3.q1 reworded, TIP.3.q3 made a yes/no question and TIP.3.q90 added. */
const upload = () => {
  const def = structuredClone(tip);
  const cluster = def.clusters[0];
  const article = cluster?.articles[0];
  if (!cluster || !article) throw new Error('no cluster 1');
  article.questions = article.questions.map((q) =>
    q.id === 'TIP.3.q1'
      ? { ...q, prompt: 'Reworded?' }
      : q.id === 'TIP.3.q3' && q.type === 'yes-no-partly'
        ? { ...q, options: ['yes', 'no'] }
        : q,
  );
  article.questions.push({ id: 'TIP.3.q90', type: 'text', prompt: 'New?', required: false, maxLength: 100 });
  return { ...def, wording: 'adopted' as const, clusters: [cluster] };
};

describe('questionnaire versions', () => {
  const next = QuestionnaireDefinitionSchema.parse(composeVersion(tip, upload(), 2));

  it('compose a version from the uploaded clusters over the others, each cluster keeping its wording', () => {
    expect(next.version).toBe(2);
    expect(next.clusters.map((c) => [c.number, c.wording])).toEqual([
      [1, 'adopted'],
      [2, 'platform'],
    ]);
    expect(next.clusters[1]).toEqual({ ...tip.clusters[1], wording: 'platform' });
    expect(next.wording).toBe('platform');
  });

  it('list questions added, removed, reworded and otherwise changed between two versions', () => {
    const diff = diffVersions(tip, next);
    expect(diff).toMatchObject({ from: 1, to: 2, added: ['TIP.3.q90'], removed: [] });
    expect(diff.reworded).toEqual([{ id: 'TIP.3.q1', texts: ['prompt'] }]);
    expect(diff.changed).toEqual([{ id: 'TIP.3.q3', fields: ['options'] }]);
    expect(diffVersions(next, tip).removed).toEqual(['TIP.3.q90']);
  });

  it('carry answers over where question ids match and the answer still fits, listing the others', () => {
    const carried = carryOverAnswers({ 'TIP.3.q1': 'yes', 'TIP.3.q3': 'partly', 'TIP.3.q90': 'x' }, next);
    expect(carried.answers).toEqual({ 'TIP.3.q1': 'yes', 'TIP.3.q90': 'x' });
    expect(carried.dropped).toEqual([{ id: 'TIP.3.q3', reason: 'no-longer-valid' }]);
    expect(carryOverAnswers({ 'TIP.3.q90': 'x' }, tip).dropped).toEqual([
      { id: 'TIP.3.q90', reason: 'removed' },
    ]);
  });
});
