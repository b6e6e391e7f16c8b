/**
 * The public pages in the browser without signing in (Debian's Chromium via playwright-core):
 * the review-status page and a findings search, over two cycles of CIV made through the API
 * (cycle 1 published; cycle 2's follow-up agreed and published; an UNCAC review agreed but not
 * published). Nothing unpublished may appear. Screenshots: test-output/e2e/public-*.png.
 * On the same data, signed in: the secretariat's technical-assistance list (ta-needs.png).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.ts';
import { seedLocal } from '../../scripts/local/seed.ts';
import { devSignIn, launchChromium } from '../support/browser.ts';
import { agreeObservations, publishSummary, seedEarlierReview } from '../support/follow-ups.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview } from '../support/reviews.ts';

const SHOTS = resolve('test-output/e2e');
const STEP_TIMEOUT = 60_000;
const TEST_TIMEOUT = 240_000;
const SHELTERS = 'Shelters for victims outside Abidjan and Bouaké are few.';
const SECRET = 'SECRET-UNPUBLISHED: prevention budget was cut in half.';
const TA_NEED = 'Training of labour inspectors in victim identification.';

mkdirSync(SHOTS, { recursive: true });
const webRoot = await buildWeb({ outDir: resolve('test-output/e2e-web-public') });
const platform = await useLocalPlatform(seedLocal, webRoot);
const call = apiClient(platform);

const first = await seedEarlierReview();
const [sheltersId] = await agreeObservations(call, first, [
  { article: 'TIP.6', kind: 'challenge', text: SHELTERS },
  { article: 'TIP.9', kind: 'recommendation', text: 'Run a national awareness campaign on forced labour.' },
  { article: 'TIP.10', kind: 'ta-need', text: TA_NEED },
]);
await publishSummary(call, first.reviewId);
const uncac = await seedReview({ cycleId: 'UNCAC2026', mechanism: 'uncac', state: 'dialogue' });
await agreeObservations(call, uncac, [{ article: 'TIP.10', kind: 'challenge', text: SECRET }]);
const second = await seedReview({
  cycleId: 'C2027',
  state: 'dialogue',
  createdAt: '2026-06-01T09:00:00.000Z',
});
const fu = `/reviews/${second.reviewId}/follow-ups`;
const item = (await call('civ-expert', 'GET', fu)).json.items.find(
  (i: { root: { observationId: string } }) => i.root.observationId === sheltersId,
);
let v = (
  await call('civ-expert', 'POST', `${fu}/${item.followUpId}/reports`, {
    body: { status: 'partly-implemented', explanation: 'One shelter opened in Korhogo.' },
    headers: { 'if-match': '0' },
  })
).json.version;
for (const sub of ['tur-expert', 'gha-expert']) {
  v = (
    await call(sub, 'POST', `${fu}/${item.followUpId}/verdicts`, {
      body: { verdict: 'confirm' },
      headers: { 'if-match': String(v) },
    })
  ).json.version;
}
await agreeObservations(call, second, [
  { article: 'TIP.11', kind: 'challenge', text: 'Border posts lack scanners.' },
]);
await publishSummary(call, second.reviewId);
await call('civ-focal', 'PUT', '/states/CIV/public-contact', {
  body: { institution: 'Ministry of Justice' },
});

let browser: Browser;
const problems: string[] = [];
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await platform.stop();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

/** A signed-out browser on a public page. */
const open = async (hash: string): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(STEP_TIMEOUT);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(`${platform.url}/ui/#${hash}`);
  return page;
};

const seriousViolations = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.filter(
    (x) => x.impact === 'critical' || x.impact === 'serious',
  );

describe('public pages without sign-in, in the browser', () => {
  it(
    'shows where every review stands, with counts, stages and the institution the State chose to show',
    async () => {
      const page = await open('/public/status');
      const counts = page.getByTestId('status-counts');
      await counts.waitFor();
      expect(await counts.locator('[data-status="summary-published"] dd').textContent()).toBe('2');
      const civ = page.locator('tr', { hasText: "Côte d'Ivoire (CIV)" });
      expect(await civ.count()).toBe(3);
      expect(await civ.filter({ hasText: 'Ministry of Justice' }).count()).toBe(3);
      // The UNCAC review's list is agreed but its summary is not: in progress, at that stage.
      const uncacRow = civ.filter({ hasText: 'UNCAC2026' });
      expect(await uncacRow.locator('[data-status]').getAttribute('data-status')).toBe('in-progress');
      expect(await uncacRow.textContent()).toContain('Observations agreed');
      expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBeLessThanOrEqual(1);
      expect(await page.content()).not.toContain('SECRET');
      await shot(page, 'public-review-status');
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'finds a published observation by words without accents, with its agreed follow-up, and links to its summary',
    async () => {
      const page = await open('/public/findings');
      await page.getByTestId('findings').waitFor();
      expect(await page.content()).not.toContain('SECRET');
      await page.getByLabel('Words').fill('bouake shelters');
      await page.getByLabel('Follow-up status').selectOption('partly-implemented');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByText('1 finding —').waitFor();
      const row = page.locator('tbody tr');
      expect(await row.count()).toBe(1);
      expect(await row.textContent()).toContain(SHELTERS);
      expect(await row.locator('[data-follow-up-status]').textContent()).toBe('Partly implemented');
      const href = await row.getByRole('link', { name: 'Read the summary' }).getAttribute('href');
      expect(href).toContain(`/public/summaries/${first.reviewId}/combined`);
      await shot(page, 'public-findings-search');
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByLabel('Words').fill('budget');
      await page.getByLabel('Follow-up status').selectOption('');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByText('0 findings.').waitFor();
      expect(await page.content()).not.toContain('SECRET');
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    'gives the secretariat the technical-assistance list (filters, an update with its note, the CSV) and no one else',
    async () => {
      const page = await open('/');
      await devSignIn(page, platform.url, 'secretariat-1', '/ta-needs');
      const counts = page.getByTestId('ta-counts');
      await counts.waitFor();
      expect(await counts.locator('[data-status="open"] dd').textContent()).toBe('1');
      const row = page.locator('tbody tr', { hasText: TA_NEED });
      expect(await row.textContent()).toContain('TIP.10');
      await row.getByText('Update', { exact: true }).click();
      const form = row.getByRole('form', { name: /Update the need on TIP\.10/ });
      await form.getByLabel('Status').selectOption('matched');
      await form.getByLabel('Provider').fill('UNODC GLO.ACT');
      await form.getByLabel('Add a note').fill('Trainers found for March.');
      await form.getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(() => row.locator('[data-ta-status]').textContent(), { timeout: STEP_TIMEOUT })
        .toBe('Matched with a provider');
      expect(await row.textContent()).toContain('Trainers found for March.');
      await page.getByLabel('Status').first().selectOption('matched');
      await expect
        .poll(() => counts.locator('[data-status="matched"] dd').textContent(), { timeout: STEP_TIMEOUT })
        .toBe('1');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('ta-needs.csv');
      await shot(page, 'ta-needs');
      expect(await seriousViolations(page)).toEqual([]);

      const expert = await open('/');
      await devSignIn(expert, platform.url, 'civ-expert', '/ta-needs');
      await expert.getByRole('alert').waitFor();
      expect(await expert.getByRole('navigation').getByText('Technical assistance').count()).toBe(0);
      expect(await expert.content()).not.toContain(TA_NEED);
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
