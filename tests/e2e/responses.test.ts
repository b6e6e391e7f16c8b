/**
 * The response report in the browser (Debian's Chromium via playwright-core) on the seeded RCM
 * demo data (scripts/local/seed-responses.ts): the secretariat sees every State by name, filters
 * and compares with the previous version; an expert of an RCM State that did not consent (Panama)
 * sees aggregates only. Screenshots: test-output/e2e/responses-*.png.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.ts';
import { seedLocal } from '../../scripts/local/seed.ts';
import { seedResponsesDemo } from '../../scripts/local/seed-responses.ts';
import { devSignIn, launchChromium } from '../support/browser.ts';
import { useLocalPlatform } from '../support/local-aws.ts';

const SHOTS = resolve('test-output/e2e');
const STEP_TIMEOUT = 60_000;
const TEST_TIMEOUT = 240_000;

mkdirSync(SHOTS, { recursive: true });
const webRoot = await buildWeb({ outDir: resolve('test-output/e2e-web-responses') });
const platform = await useLocalPlatform(async () => {
  await seedLocal();
  await seedResponsesDemo();
}, webRoot);

let browser: Browser;
const problems: string[] = [];
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await platform.stop();
});

/** Signs in through the local dev sign-in (any `expert@ISO3` account), as the sign-in page does. */
const signIn = async (sub: string): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(STEP_TIMEOUT);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(`${platform.url}/ui/`);
  await devSignIn(page, platform.url, sub, '/responses');
  try {
    await page.getByTestId('responses-summary').waitFor();
  } catch (err) {
    await shot(page, `responses-failed-${sub}`);
    throw new Error(`${(err as Error).message}; page problems: ${problems.join(' | ')}`);
  }
  return page;
};

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: STEP_TIMEOUT, interval: 200 });

describe('the response report page', { timeout: TEST_TIMEOUT }, () => {
  it('shows the secretariat the RCM report by name, with gaps and the change against the previous version', async () => {
    const page = await signIn('secretariat-1');
    await poll(() => page.getByTestId('responses-summary').textContent()).toContain(
      '9 of 11 States submitted',
    );
    await expect(page.getByTestId('responses-scope').textContent()).resolves.toContain('by name');
    await expect(page.getByRole('table', { name: 'Completion' }).textContent()).resolves.toContain(
      'not submitted',
    );
    const gaps = page.getByRole('table', { name: /^Gaps: questions/ });
    await expect(gaps.textContent()).resolves.toMatch(/[A-Z]{3} \((no|partly)\)/);
    await shot(page, 'responses-01-secretariat');
    await page.getByLabel('Compare with').selectOption('previous-version');
    await poll(() => page.getByTestId('responses-summary').textContent()).toContain(
      'compared with the previous version',
    );
    const change = page.getByRole('table', { name: 'Change: answers that moved' });
    await expect(change.textContent()).resolves.toMatch(/(CRI|PAN)noyes/);
    await shot(page, 'responses-02-secretariat-change');
    await page.close();
  });

  it('gives an expert of a State that did not consent aggregates only, small counts as "fewer than 3"', async () => {
    const page = await signIn('expert@PAN');
    await poll(() => page.getByTestId('responses-scope').textContent()).toContain('some States by name');
    // Panama sees itself by name; no other RCM State consented, so every other answer is aggregated.
    const gaps = page.getByRole('table', { name: /^Gaps: questions/ });
    await expect(gaps.textContent()).resolves.not.toMatch(
      /(BLZ|CAN|CRI|DOM|SLV|HND|MEX|USA) \((no|partly)\)/,
    );
    await expect(page.getByRole('table', { name: 'Answers per question' }).textContent()).resolves.toContain(
      'fewer than',
    );
    await shot(page, 'responses-03-expert-not-consenting');
    await page.close();
  });

  it('shows an expert of a State outside the set aggregates only', async () => {
    const page = await signIn('bra-expert');
    await poll(() => page.getByTestId('responses-scope').textContent()).toContain('Aggregates only');
    await expect(page.getByRole('table', { name: 'Answers per question' }).textContent()).resolves.toContain(
      'fewer than 3',
    );
    await shot(page, 'responses-04-expert-aggregates-only');
    await page.close();
  });

  it('lets a member State’s focal point share its answers with the set, and withdraw at once', async () => {
    const focal = await signIn('focal-point@BLZ');
    await focal.getByRole('button', { name: 'Share our answers with this set' }).click();
    await poll(() => focal.getByTestId('consent').textContent()).toContain('BLZ shares its answers');
    await shot(focal, 'responses-05-focal-point-consents');
    const expert = await signIn('expert@PAN');
    const gaps = expert.getByRole('table', { name: /^Gaps: questions/ });
    await poll(() => gaps.textContent()).toMatch(/BLZ \((no|partly)\)/);
    await focal.getByRole('button', { name: 'Withdraw consent' }).click();
    await poll(() => focal.getByTestId('consent').textContent()).toContain('does not share');
    await expert.reload();
    await expert.getByTestId('responses-summary').waitFor();
    await poll(() => expert.getByRole('table', { name: /^Gaps: questions/ }).textContent()).not.toMatch(
      /BLZ \(/,
    );
    await focal.close();
    await expert.close();
    expect(problems).toEqual([]);
  });
});
