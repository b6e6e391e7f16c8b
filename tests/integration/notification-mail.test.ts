/**
 * A notification really sent by e-mail: the outbox delivery hands the message to the one mail
 * sender (nodemailer over SMTP), the platform's embedded SMTP server receives it, and the test
 * parses what arrived (mailparser): recipient, subject, Content-Language, both parts, the link.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { peopleFixtures, profile } from '../support/people.ts';
import { seedReview } from '../support/reviews.ts';

const platform = await useLocalPlatform(async () => {
  await seedReview({ state: 'assigned' });
});
afterAll(() => platform.stop());
const call = apiClient(platform);
const fx = peopleFixtures(platform, call);

describe('notifications by e-mail', () => {
  it('sends a review notification over SMTP in the recipient language, with plain text, HTML and the link', async () => {
    const { people } = await fx.nominate('CIV', [
      {
        profile: profile('Awa Koné', 'awa.mail@justice.ci', 'fr'),
        role: 'focal-point',
        reviewId: 'C2026.CIV',
      },
    ]);
    const personId = people[0]?.personId ?? '';
    await fx.inviteAndActivate(personId, 'awa.mail@justice.ci', 'fr');
    await fx.approve(personId);
    const token = await platform.tokenFor(personId);
    const asPerson = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // Told at once rather than in the daily digest.
    const prefs = await fetch(`${platform.url}/me/notification-preferences`, {
      method: 'PUT',
      headers: asPerson,
      body: JSON.stringify({ 'state-changed': 'immediate' }),
    });
    expect(prefs.status).toBe(200);

    const extended = await call(
      'secretariat-1',
      'POST',
      '/reviews/C2026.CIV/deadlines/self-assessment/extensions',
      {
        body: { to: '2026-09-30T00:00:00.000Z', reason: 'translation of the laws' },
      },
    );
    expect(extended.status, extended.text).toBe(201);
    const before = platform.mail.length;
    // The dev mailbox runs the outbox delivery, as the scheduled function does in AWS.
    const box = await fetch(`${platform.url}/dev/mailbox`, { headers: { authorization: `Bearer ${token}` } });
    expect(box.status).toBe(200);
    expect((await box.json()).delivered.messages).toBeGreaterThan(0);

    const received = platform.mail.slice(before).filter((m) => m.to.includes('awa.mail@justice.ci'));
    expect(received).toHaveLength(1);
    const mail = received[0];
    expect(mail?.headers['content-language']).toBe('fr');
    expect(mail?.headers['x-cop-review-kind']).toBe('notification');
    expect(mail?.subject).toMatch(/C2026\.CIV/);
    expect(mail?.text).toMatch(/^Madame, Monsieur Awa K\. Koné,/);
    expect(mail?.text).toContain('2026-09-30');
    const link = `${platform.url}/ui/#/reviews/C2026.CIV`;
    expect(mail?.text).toContain(link);
    expect(mail?.html).toContain(`<a href="${link}">`);
    expect(mail?.html).toContain('<html lang="fr"');
  });
});
