import { describe, expect, it } from 'vitest';
import type { Entry } from '#shared/domain/dialogue.ts';
import { FOLLOW_UP_PRESETS, type FollowUpPolicy } from '#shared/domain/follow-up/policy.ts';
import {
  applyReport,
  applyVerdict,
  deriveFollowUps,
  followUpIdOf,
  followUpWindowRefusal,
  mergeStored,
  stageOf,
} from '#shared/domain/follow-up/rules.ts';
import { kindLabel } from '#shared/domain/observation-labels.ts';

const policy = FOLLOW_UP_PRESETS.untoc;
const at = '2027-03-01T10:00:00.000Z';

const entry = (id: string, kind: Entry['kind'], status: Entry['status'] = 'agreed'): Entry => ({
  reviewId: 'C1.CIV',
  id,
  article: 'TIP.6',
  kind,
  text: `text ${id}`,
  status,
  history: [],
  version: 1,
  createdAt: at,
  updatedAt: at,
});

const previous = (entries: Entry[], followUps = [] as ReturnType<typeof deriveFollowUps>) => ({
  reviewId: 'C1.CIV',
  cycleId: 'C1',
  state: 'published' as const,
  entries,
  followUps,
});

const reported = () => {
  const [item] = deriveFollowUps('C2.CIV', previous([entry('aaaaaaaa', 'challenge')]), policy);
  if (!item) throw new Error('no item');
  const r = applyReport(
    item,
    { status: 'implemented', explanation: ' Done. ', evidence: [], attachmentIds: [] },
    'civ',
    at,
    policy,
  );
  if (!r.ok) throw new Error(r.reason);
  return r.next;
};

describe('follow-up rules', () => {
  it('follows up agreed challenges, suggestions and TA needs of a final list, not good practices or unagreed entries', () => {
    const items = deriveFollowUps(
      'C2.CIV',
      previous([
        entry('aaaaaaaa', 'challenge'),
        entry('bbbbbbbb', 'recommendation'),
        entry('cccccccc', 'ta-need'),
        entry('dddddddd', 'good-practice'),
        entry('eeeeeeee', 'challenge', 'disputed'),
      ]),
      policy,
    );
    expect(items.map((i) => i.origin.id)).toEqual(['aaaaaaaa', 'bbbbbbbb', 'cccccccc']);
    expect(items.every((i) => stageOf(i) === 'awaiting-report' && i.version === 0)).toBe(true);
  });

  it('derives nothing from a review whose list is not agreed yet', () => {
    const p = { ...previous([entry('aaaaaaaa', 'challenge')]), state: 'dialogue' as const };
    expect(deriveFollowUps('C2.CIV', p, policy)).toEqual([]);
  });

  it('carries an open chain into the next review and drops one agreed with a closing status', () => {
    const open = reported();
    const closed = { ...open, agreed: { status: 'implemented', at, reportN: 1 } };
    const partly = { ...open, agreed: { status: 'partly-implemented', at, reportN: 1 } };
    expect(deriveFollowUps('C3.CIV', { ...previous([]), followUps: [closed] }, policy)).toEqual([]);
    const [next] = deriveFollowUps('C3.CIV', { ...previous([]), followUps: [partly] }, policy);
    expect(next).toMatchObject({
      root: open.root,
      origin: { kind: 'follow-up', id: open.followUpId },
      previousStatus: 'partly-implemented',
    });
    // One item per chain per review: the same root gives the same id.
    expect(next?.followUpId).toBe(followUpIdOf(open.root));
  });

  it('lays stored items over derived ones by id', () => {
    const [derived] = deriveFollowUps('C2.CIV', previous([entry('aaaaaaaa', 'challenge')]), policy);
    const stored = reported();
    expect(mergeStored(derived ? [derived] : [], [stored])).toEqual([stored]);
  });

  it('refuses a status off the scale and an empty explanation, naming the field', () => {
    const [item] = deriveFollowUps('C2.CIV', previous([entry('aaaaaaaa', 'challenge')]), policy);
    if (!item) throw new Error('no item');
    const off = applyReport(
      item,
      { status: 'done', explanation: 'x', evidence: [], attachmentIds: [] },
      'c',
      at,
      policy,
    );
    expect(off).toMatchObject({ ok: false, kind: 'invalid', field: 'status' });
    const empty = applyReport(
      item,
      { status: 'implemented', explanation: '  ', evidence: [], attachmentIds: [] },
      'c',
      at,
      policy,
    );
    expect(empty).toMatchObject({ ok: false, field: 'explanation' });
  });

  it('agrees only when every required reviewing State confirmed the current report', () => {
    const item = reported();
    const one = applyVerdict(item, 'TUR', { verdict: 'confirm' }, 't', at, ['GHA', 'TUR'], policy);
    if (!one.ok) throw new Error(one.reason);
    expect(one.next.agreed).toBeNull();
    const both = applyVerdict(one.next, 'GHA', { verdict: 'confirm' }, 'g', at, ['GHA', 'TUR'], policy);
    expect(both.ok && both.next.agreed).toEqual({ status: 'implemented', at, reportN: 1 });
  });

  it('needs one confirmation under the any-reviewer setting, and a dispute blocks either way', () => {
    const any: FollowUpPolicy = { ...policy, agreement: 'any-reviewer' };
    const item = reported();
    const one = applyVerdict(item, 'TUR', { verdict: 'confirm' }, 't', at, ['GHA', 'TUR'], any);
    expect(one.ok && one.next.agreed?.status).toBe('implemented');
    const disputed = applyVerdict(
      item,
      'GHA',
      { verdict: 'dispute', comment: 'no' },
      'g',
      at,
      ['GHA', 'TUR'],
      any,
    );
    if (!disputed.ok) throw new Error(disputed.reason);
    expect(stageOf(disputed.next)).toBe('disputed');
    const then = applyVerdict(disputed.next, 'TUR', { verdict: 'confirm' }, 't', at, ['GHA', 'TUR'], any);
    expect(then.ok && then.next.agreed).toBeNull();
  });

  it('asks a reason for a dispute, and a confirmation of an old report does not count after a revision', () => {
    const item = reported();
    expect(applyVerdict(item, 'TUR', { verdict: 'dispute' }, 't', at, ['TUR'], policy)).toMatchObject({
      ok: false,
      field: 'comment',
    });
    const gha = applyVerdict(item, 'GHA', { verdict: 'confirm' }, 'g', at, ['GHA', 'TUR'], policy);
    if (!gha.ok) throw new Error(gha.reason);
    const revised = applyReport(
      gha.next,
      { status: 'not-implemented', explanation: 'Not yet.', evidence: [], attachmentIds: [] },
      'c',
      at,
      policy,
    );
    if (!revised.ok) throw new Error(revised.reason);
    const tur = applyVerdict(revised.next, 'TUR', { verdict: 'confirm' }, 't', at, ['GHA', 'TUR'], policy);
    expect(tur.ok && tur.next.agreed).toBeNull();
  });

  it('closes reports and verdicts when the review reaches the policy state', () => {
    expect(followUpWindowRefusal('dialogue', policy)).toBeNull();
    expect(followUpWindowRefusal('observations-agreed', policy)).toContain('closesAt');
  });

  it('speaks of suggestions for UNTOC and of recommendations for UNCAC', () => {
    expect(kindLabel('untoc', 'recommendation')).toBe('Suggestion');
    expect(kindLabel('uncac', 'recommendation')).toBe('Recommendation');
  });
});
