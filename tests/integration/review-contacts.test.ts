/**
 * Contacts are people of the State they are named for: a focal point (or the secretariat) cannot
 * route a review's notifications to people of another State, or to unknown ids. A refused
 * request names the field and changes nothing. On the local platform the people are its demo
 * accounts; in AWS, the people recorded from verified tokens (checked at the end).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { findReview } from '#shared/repos/reviews.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { principalOf, seedReview } from '../support/reviews.ts';

const platform = await useLocalPlatform(async () => {
  await seedReview({ state: 'assigned' });
});
afterAll(() => platform.stop());
const call = apiClient(platform);
const R = '/reviews/C2026.CIV';

const name = (sub: string, body: unknown) => call(sub, 'PUT', `${R}/contacts`, { body });

describe('naming contacts', () => {
  it('refuses experts of another State or unknown ids, naming each field, and changes nothing', async () => {
    const before = await findReview('C2026.CIV');
    const foreign = await name('tur-focal', { experts: ['tur-expert', 'civ-expert', 'nobody-at-all'] });
    expect(foreign.status).toBe(400);
    expect(foreign.json.error.message).toContain('body.experts[1]: civ-expert');
    expect(foreign.json.error.message).toContain('body.experts[2]: nobody-at-all');
    expect(foreign.json.error.message).not.toContain('body.experts[0]');
    const otherFocal = await name('secretariat-1', { state: 'CIV', focalPoint: 'gha-focal', experts: [] });
    expect(otherFocal.status).toBe(400);
    expect(otherFocal.json.error.message).toMatch(/^body\.focalPoint: gha-focal/);
    const expertAsFocal = await name('secretariat-1', {
      state: 'CIV',
      focalPoint: 'civ-expert',
      experts: [],
    });
    expect(expertAsFocal.status).toBe(400);
    expect((await findReview('C2026.CIV'))?.version).toBe(before?.version);
  });

  it("accepts the State's own people", async () => {
    const ok = await name('tur-focal', { experts: ['tur-expert', 'expert@TUR'] });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json.contacts.TUR).toEqual({ focalPoint: 'tur-focal', experts: ['expert@TUR', 'tur-expert'] });
    const bySecretariat = await name('secretariat-1', {
      state: 'CIV',
      focalPoint: 'civ-focal',
      experts: ['civ-expert'],
    });
    expect(bySecretariat.status, bySecretariat.text).toBe(200);
  });

  it('keeps the named focal point when the secretariat changes only the experts', async () => {
    const res = await name('secretariat-1', { state: 'CIV', experts: ['civ-expert', 'expert@CIV'] });
    expect(res.status, res.text).toBe(200);
    expect(res.json.contacts.CIV).toEqual({ focalPoint: 'civ-focal', experts: ['civ-expert', 'expert@CIV'] });
  });

  it('knows people in AWS from their verified tokens once they opened their dashboard', async () => {
    const { recordPerson, recordedPeople } = await import('#shared/repos/people.ts');
    expect((await recordedPeople(['gha-expert'])).size).toBe(0);
    await recordPerson(principalOf('gha-expert'));
    expect((await recordedPeople(['gha-expert', 'nobody'])).get('gha-expert')).toEqual({
      sub: 'gha-expert',
      role: 'expert',
      state: 'GHA',
    });
  });
});
