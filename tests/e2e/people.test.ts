/**
 * People in the browser (Debian's Chromium via playwright-core) on the local platform: the
 * secretariat records a nomination on the People screen and sends the link; the e-mail arrives at
 * the platform's embedded SMTP server; the person opens the link, activates, is approved and sees
 * only their review; an expired link is refused (clock moved); a focal point is replaced and the
 * old one loses access at once. Screenshots: test-output/e2e/people-*.png.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetClock, setNow } from '#shared/clock.ts';
import { buildWeb } from '../../scripts/build-web.ts';
import { devSignIn, launchChromium } from '../support/browser.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { peopleFixtures, profile } from '../support/people.ts';
import { seedReview } from '../support/reviews.ts';

const SHOTS = resolve('test-output/e2e');
const STEP_TIMEOUT = 60_000;
const TEST_TIMEOUT = 240_000;
const REVIEW = 'C2026.CIV';

mkdirSync(SHOTS, { recursive: true });
const webRoot = await buildWeb({ outDir: resolve('test-output/e2e-web-people') });
const platform = await useLocalPlatform(async () => {
  await seedReview({ state: 'assigned' });
  // CIV reviews GHA too: a person nominated for C2026.CIV must not see it.
  await seedReview({
    reviewedState: 'GHA',
    seats: [{ reviewer: 'CIV', instruments: ['UNTOC', 'TIP'], reason: 'same-group' }],
    reviewerStates: ['CIV'],
    state: 'assigned',
  });
}, webRoot);
const call = apiClient(platform);
const fx = peopleFixtures(platform, call);

let browser: Browser;
const problems: string[] = [];
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  resetClock();
  await browser?.close();
  await platform.stop();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/people-${name}.png`, fullPage: true });

const newPage = async (): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(STEP_TIMEOUT);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => void d.accept());
  return page;
};

/** Signs in through the local dev sign-in, as the sign-in page does, and opens `hash`. */
const signedIn = async (sub: string, hash: string): Promise<Page> => {
  const page = await newPage();
  await page.goto(`${platform.url}/ui/`);
  await devSignIn(page, platform.url, sub, hash);
  return page;
};

/** The activation link of the newest e-mail to `to`, as the person would click it. */
const linkFor = (to: string): string => {
  const mail = [...platform.mail].reverse().find((m) => m.to.includes(to));
  const m = /(http:\/\/\S+#\/activate\?token=\S+)/.exec(mail?.text ?? '');
  if (!m?.[1]) throw new Error(`no link in the mail to ${to}`);
  return m[1];
};

let first = '';

describe('people in the browser', { timeout: TEST_TIMEOUT }, () => {
  it('nomination → e-mailed link → activation → approval → only their review', async () => {
    const sec = await signedIn('secretariat-1', '/people');
    await sec.getByRole('heading', { name: 'People' }).waitFor();
    await sec.getByLabel('State (ISO3 code)').fill('CIV');
    await sec.getByLabel('Diplomatic note reference').fill('NV/CIV/2026/17');
    await sec.getByLabel('Date of the note').fill('2026-01-20');
    await sec.getByLabel('Name').fill('Awa Koné');
    await sec.getByLabel('E-mail').fill('awa.e2e@justice.ci');
    await sec.getByLabel('Preferred language').selectOption('fr');
    await sec.getByLabel('Review (e.g. C2026.CIV; empty: every review)').fill(REVIEW);
    await sec.getByRole('button', { name: 'Record the nomination' }).click();
    await expect
      .poll(() => sec.getByTestId('status-awa.e2e@justice.ci').textContent(), { timeout: STEP_TIMEOUT })
      .toBe('registered');
    await sec.getByRole('button', { name: 'Send the activation link to Awa Koné' }).click();
    await expect
      .poll(() => sec.getByTestId('status-awa.e2e@justice.ci').textContent(), { timeout: STEP_TIMEOUT })
      .toBe('invited');
    await shot(sec, 'directory');

    // The e-mail arrived at the SMTP server, in French; the person opens its link.
    const mail = platform.mail.find((m) => m.to.includes('awa.e2e@justice.ci'));
    expect(mail?.headers['content-language']).toBe('fr');
    const person = await newPage();
    await person.goto(linkFor('awa.e2e@justice.ci'));
    await person.getByRole('heading', { name: 'Activate your account' }).waitFor();
    await person.getByLabel('Title').fill('Directrice');
    await person.getByRole('button', { name: 'Activate' }).click();
    await person.getByTestId('activated').waitFor();
    await shot(person, 'activated');

    first = (await call('secretariat-1', 'GET', '/people')).json.people.find(
      (p: { email: string }) => p.email === 'awa.e2e@justice.ci',
    ).personId;
    // Signed in through the sign-in page (activated people are listed), not approved: no review.
    const before = await newPage();
    await before.goto(`${platform.url}/ui/`);
    await before.locator(`button[data-sub="${first}"]`).click();
    await before.getByText('No review to show yet.').waitFor();
    expect(await before.locator('[data-review]').count()).toBe(0);

    await sec.reload();
    await sec.getByRole('button', { name: 'Approve Awa Koné' }).click();
    await expect
      .poll(() => sec.getByTestId('status-awa.e2e@justice.ci').textContent(), { timeout: STEP_TIMEOUT })
      .toBe('approved');

    const after = await signedIn(first, '/');
    await after.locator(`[data-review="${REVIEW}"]`).first().waitFor();
    const shown = await after
      .locator('[data-review]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('data-review')));
    expect(new Set(shown)).toEqual(new Set([REVIEW]));
    await shot(after, 'my-reviews');

    // The contacts form offers the State's people from the directory (the approved focal point
    // herself among them), found by a search: she names herself an expert too.
    await after.goto(`${platform.url}/ui/#/reviews/${REVIEW}`);
    const picker = after.getByTestId('person-picker');
    await picker.getByLabel('Search by name or institution').fill('koné');
    await picker.getByLabel(/Awa Koné — focal point/).check();
    await after.getByRole('button', { name: 'Save contacts' }).click();
    await expect
      .poll(async () => (await call('secretariat-1', 'GET', `/reviews/${REVIEW}`)).json.contacts.CIV, {
        timeout: STEP_TIMEOUT,
      })
      .toEqual({ focalPoint: first, experts: [first] });
    await shot(after, 'contacts-picker');
    expect(problems).toEqual([]);
  });

  it('refuses an expired link with the reason, the clock moved past its 10 days', async () => {
    const { people } = await fx.nominate('CIV', [
      { profile: profile('Yao Kouassi', 'yao.e2e@justice.ci'), role: 'expert', reviewId: REVIEW },
    ]);
    await fx.invite(people[0]?.personId ?? '');
    setNow(new Date(Date.now() + 11 * 86_400_000));
    try {
      const page = await newPage();
      await page.goto(linkFor('yao.e2e@justice.ci'));
      const refused = page.getByTestId('link-refused');
      await refused.waitFor();
      expect(await refused.textContent()).toMatch(
        /expired on \d{4}-\d{2}-\d{2}\. Ask the secretariat to send a new one/,
      );
      await shot(page, 'expired');
    } finally {
      resetClock();
    }
  });

  it('replaces the focal point: the old one loses access at once, in the page they have open', async () => {
    const old = await signedIn(first, `/reviews/${REVIEW}`);
    await old.getByRole('heading', { level: 1 }).first().waitFor();
    const { people } = await fx.nominate('CIV', [
      {
        profile: profile('Mariam Traoré', 'mariam.e2e@justice.ci'),
        role: 'focal-point',
        reviewId: REVIEW,
        replaces: first,
      },
    ]);
    const second = people[0]?.personId ?? '';
    await fx.inviteAndActivate(second, 'mariam.e2e@justice.ci');
    await fx.approve(second);
    // Same session, same token: the next request is answered from the directory.
    await old.goto(`${platform.url}/ui/#/`);
    await old.reload();
    await old.getByText('No review to show yet.').waitFor();
    expect(await old.locator('[data-review]').count()).toBe(0);
    // The review itself is gone for them too (404: they have no part in it any more).
    await old.goto(`${platform.url}/ui/#/reviews/${REVIEW}`);
    await old.getByRole('alert').first().waitFor();
    const newOne = await signedIn(second, '/');
    await newOne.locator(`[data-review="${REVIEW}"]`).first().waitFor();
    await shot(old, 'replaced');
  });
});
