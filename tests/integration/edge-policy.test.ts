/**
 * The edge policy's stale case over every route that declares a version (docs/api-conventions.md):
 * a write naming a version that is no longer current is refused 412 PRECONDITION_FAILED with the
 * current state in `details.current`. A route declared with a version and
 * no case here fails the first test. (Missing 428 / malformed 400 / anonymous 401 are checked
 * over every route without emulators, tests/unit/http/edge-policy.test.ts.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ROUTES } from '#shared/http/routes.ts';
import { seedLocal } from '../../scripts/local/seed.ts';
import { type ApiResponse, apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview, seedSubmittedVersion } from '../support/reviews.ts';

const platform = await useLocalPlatform(async () => {
  await seedLocal();
  await seedReview({ state: 'dialogue' });
  await seedSubmittedVersion('C2026.CIV', 'TIP', 1);
  // The self-assessment is open before the dialogue.
  await seedReview({ cycleId: 'C2027', state: 'contacts-named' });
});
afterAll(() => platform.stop());
const call = apiClient(platform);

const R = '/reviews/C2026.CIV';
const SA = '/reviews/C2027.CIV/self-assessments/TIP';
const STALE = { 'if-match': '"99"' };

const created = async (res: Promise<ApiResponse>) => {
  const r = await res;
  expect(r.status, r.text).toBeLessThan(300);
  return r.json;
};
const comment = () =>
  created(
    call('tur-expert', 'POST', `${R}/comments`, {
      body: {
        anchor: { instrument: 'TIP', article: 'TIP.5', questionId: 'TIP.5.q1', submissionVersion: 1 },
        type: 'clarification-request',
        visibility: 'all',
        text: 'Please cite the provision.',
      },
    }),
  );
const observation = () =>
  created(
    call('tur-expert', 'POST', `${R}/observations`, {
      body: { article: 'TIP.5', kind: 'challenge', text: 'Attempt is not criminalized.' },
    }),
  );
let sets = 0;
const countrySet = () =>
  created(
    call('secretariat-1', 'POST', '/country-sets', {
      body: {
        id: `edge-set-${++sets}`,
        names: { en: `Edge set ${sets}` },
        kind: 'regional-process',
        members:
          sets === 1
            ? ['BLZ', 'CRI', 'SLV', 'GTM', 'HND', 'NIC', 'PAN']
            : ['FRA', 'DEU', 'ITA', 'ESP', 'PRT'],
        source: { title: 'Test' },
      },
    }),
  );

const cycle = () =>
  created(
    call('secretariat-1', 'POST', '/cycles', {
      body: { name: 'Edge', mechanism: 'untoc', year: 2026, instruments: ['TIP'], underReview: ['CIV'] },
    }),
  );

/** Per versioned route: the write of an existing thing with a stale If-Match. */
const STALE_WRITES: Record<string, () => Promise<ApiResponse>> = {
  editComment: async () => {
    const c = await comment();
    return call('tur-expert', 'PATCH', `${R}/comments/${c.commentId}`, {
      body: { text: 'x' },
      headers: STALE,
    });
  },
  deleteComment: async () => {
    const c = await comment();
    return call('tur-expert', 'DELETE', `${R}/comments/${c.commentId}`, { headers: STALE });
  },
  changeCommentStatus: async () => {
    const c = await comment();
    return call('tur-expert', 'POST', `${R}/comments/${c.commentId}/status`, {
      body: { action: 'resolve' },
      headers: STALE,
    });
  },
  reviseObservation: async () => {
    const o = await observation();
    return call('gha-expert', 'PATCH', `${R}/observations/${o.id}`, {
      body: { action: 'revise', text: 'Revised.' },
      headers: STALE,
    });
  },
  respondToObservation: async () => {
    const o = await observation();
    return call('civ-focal', 'POST', `${R}/observations/${o.id}/responses`, {
      body: { action: 'agree' },
      headers: STALE,
    });
  },
  updateCycle: async () => {
    const c = await cycle();
    return call('secretariat-1', 'PATCH', `/cycles/${c.cycleId}`, { body: { name: 'x' }, headers: STALE });
  },
  setPublicStatusPolicy: async () => {
    const c = await cycle();
    return call('secretariat-1', 'PUT', `/cycles/${c.cycleId}/public-status-policy`, {
      body: { publicStatus: null },
      headers: STALE,
    });
  },
  updateState: () =>
    call('secretariat-1', 'PATCH', '/states/CIV', { body: { name: 'Renamed' }, headers: STALE }),
  patchSelfAssessmentDraft: () =>
    call('civ-expert', 'PATCH', `${SA}/draft`, { body: { answers: { 'TIP.3.q1': 'no' } }, headers: STALE }),
  importSelfAssessmentDraft: () =>
    call('civ-expert', 'POST', `${SA}/import`, {
      body: { questionnaireId: 'untoc-tip', questionnaireVersion: 1, answers: {} },
      headers: STALE,
    }),
  upgradeSelfAssessmentDraft: () =>
    call('civ-focal', 'POST', `${SA}/draft/upgrade`, { body: {}, headers: STALE }),
  submitSelfAssessment: () => call('civ-focal', 'POST', `${SA}/submissions`, { headers: STALE }),
  updateCountrySet: async () => {
    const s = await countrySet();
    return call('secretariat-1', 'PUT', `/country-sets/${s.id}`, {
      body: { names: s.names, kind: s.kind, members: s.members, source: s.source },
      headers: STALE,
    });
  },
  retireCountrySet: async () => {
    const s = await countrySet();
    return call('secretariat-1', 'POST', `/country-sets/${s.id}/retirement`, { headers: STALE });
  },
  transitionReview: () =>
    call('secretariat-1', 'POST', '/reviews/C2027.CIV/transitions', {
      body: { transition: 'submit-self-assessment' },
      headers: STALE,
    }),
};

describe('a stale If-Match', () => {
  it('has a case here for every route that declares a version', () => {
    const versioned = ROUTES.filter((r) => 'version' in r).map((r) => r.operationId);
    expect(Object.keys(STALE_WRITES).sort()).toEqual([...versioned].sort());
  });

  it.each(Object.keys(STALE_WRITES))('%s: 412 with the current version', async (operationId) => {
    const write = STALE_WRITES[operationId];
    if (!write) throw new Error(operationId);
    const res = await write();
    expect(res.status, res.text).toBe(412);
    expect(res.json.error.code).toBe('PRECONDITION_FAILED');
    expect(res.json.error.details.current).toBeDefined();
  });
});
