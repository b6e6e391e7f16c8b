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

/** A French-speaking focal point of the review, activated and approved, told of state changes at once. */
const frenchFocalPoint = async (email: string) => {
  const { people } = await fx.nominate('CIV', [
    { profile: profile('Awa Koné', email, 'fr'), role: 'focal-point', reviewId: 'C2026.CIV' },
  ]);
  const personId = people[0]?.personId ?? '';
  await fx.inviteAndActivate(personId, email, 'fr');
  await fx.approve(personId);
  const token = await platform.tokenFor(personId);
  const asPerson = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const prefs = await fetch(`${platform.url}/me/notification-preferences`, {
    method: 'PUT',
    headers: asPerson,
    body: JSON.stringify({ 'state-changed': 'immediate' }),
  });
  expect(prefs.status).toBe(200);
  return { token, asPerson };
};

/** Extends the self-assessment deadline and runs the delivery; the mail that reached `email`. */
const deadlineMailTo = async (email: string, token: string, to: string) => {
  const extended = await call(
    'secretariat-1',
    'POST',
    '/reviews/C2026.CIV/deadlines/self-assessment/extensions',
    { body: { to, reason: 'translation of the laws' } },
  );
  expect(extended.status, extended.text).toBe(201);
  const before = platform.mail.length;
  // The dev mailbox runs the outbox delivery, as the scheduled function does in AWS.
  const box = await fetch(`${platform.url}/dev/mailbox`, { headers: { authorization: `Bearer ${token}` } });
  expect(box.status).toBe(200);
  expect((await box.json()).delivered.messages).toBeGreaterThan(0);
  const received = platform.mail.slice(before).filter((m) => m.to.includes(email));
  expect(received).toHaveLength(1);
  return received[0];
};

describe('notifications by e-mail', () => {
  it('sends a review notification over SMTP in the recipient language (profile, then own choice), with plain text, HTML and the link', async () => {
    const { token, asPerson } = await frenchFocalPoint('awa.mail@justice.ci');
    const mail = await deadlineMailTo('awa.mail@justice.ci', token, '2026-09-30T00:00:00.000Z');
    expect(mail?.headers['content-language']).toBe('fr');
    expect(mail?.headers['x-cop-review-kind']).toBe('notification');
    expect(mail?.subject).toMatch(/C2026\.CIV/);
    expect(mail?.text).toMatch(/^Madame, Monsieur Awa K\. Koné,/);
    expect(mail?.text).toContain('2026-09-30');
    const link = `${platform.url}/ui/#/reviews/C2026.CIV`;
    expect(mail?.text).toContain(link);
    expect(mail?.html).toContain(`<a href="${link}">`);
    expect(mail?.html).toContain('<html lang="fr"');

    // Once the person chooses a language in the interface, mail follows it, before the profile's.
    const chosen = await fetch(`${platform.url}/me/preferences`, {
      method: 'PUT',
      headers: asPerson,
      body: JSON.stringify({ language: 'es' }),
    });
    expect(chosen.status).toBe(200);
    const next = await deadlineMailTo('awa.mail@justice.ci', token, '2026-10-15T00:00:00.000Z');
    expect(next?.headers['content-language']).toBe('es');
    expect(next?.html).toContain('<html lang="es"');
  });
});
