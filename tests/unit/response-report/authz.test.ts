/**
 * Who sees a State's answers by name in a response report, and who records its consent: role ×
 * own / other State × consent, decided by the one rule table (shared/domain/authz.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Principal } from '#shared/auth/principal.ts';
import { can } from '#shared/domain/authz.ts';

const user = (
  role: 'secretariat' | 'observer' | 'focal-point' | 'expert',
  state: string | null,
): Principal => ({
  kind: 'user',
  sub: `${role}@${state}`,
  role,
  state,
  name: role,
});
const BLZ = { reviewedState: 'BLZ', reviewerStates: [] };

describe('answers.read-named (a State’s answers by name in a report)', () => {
  const cases: [string, Principal, boolean, boolean][] = [
    // reader, principal, without consent, with consent shared with a set of the reader's State
    ['secretariat', user('secretariat', null), true, true],
    ['observer', user('observer', null), false, false],
    ['the State’s own expert', user('expert', 'BLZ'), true, true],
    ['the State’s own focal point', user('focal-point', 'BLZ'), true, true],
    ['an expert of another State', user('expert', 'PAN'), false, true],
    ['a focal point of another State', user('focal-point', 'PAN'), false, true],
    ['anonymous', { kind: 'anonymous' }, false, false],
  ];
  it.each(cases)('%s', (_label, p, without, withConsent) => {
    expect(can(p, 'answers.read-named', BLZ, {})).toBe(without);
    expect(can(p, 'answers.read-named', BLZ, { sharedWithReader: true })).toBe(withConsent);
  });
});

describe('consent.manage (grant or withdraw a State’s consent)', () => {
  it('is for the State’s focal point and the secretariat only', () => {
    expect(can(user('focal-point', 'BLZ'), 'consent.manage', BLZ)).toBe(true);
    expect(can(user('secretariat', null), 'consent.manage', BLZ)).toBe(true);
    expect(can(user('expert', 'BLZ'), 'consent.manage', BLZ)).toBe(false);
    expect(can(user('focal-point', 'PAN'), 'consent.manage', BLZ)).toBe(false);
    expect(can(user('observer', null), 'consent.manage', BLZ)).toBe(false);
  });
});

describe('country sets and reports', () => {
  it('lets every signed-in user read reports and sets, and only the secretariat keep sets', () => {
    for (const p of [user('secretariat', null), user('observer', null), user('expert', 'PAN')]) {
      expect(can(p, 'report.read')).toBe(true);
      expect(can(p, 'country-set.read')).toBe(true);
      expect(can(p, 'country-set.manage')).toBe(p.kind === 'user' && p.role === 'secretariat');
    }
    expect(can({ kind: 'anonymous' }, 'report.read')).toBe(false);
  });
});
