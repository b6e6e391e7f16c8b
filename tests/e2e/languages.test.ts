/**
 * The interface in Arabic (right to left) and Chinese, in Debian's Chromium: the browser's
 * language is the default, the picker changes it and the choice is remembered for the user; axe
 * finds no serious or critical problem on the main screens in either language.
 * Screenshots: test-output/e2e/lang-*.png.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.ts';
import { seedLocal } from '../../scripts/local/seed.ts';
import { seedResponsesDemo } from '../../scripts/local/seed-responses.ts';
import { CATALOGS } from '../../web/src/i18n/catalog.ts';
import { devSignIn, launchChromium } from '../support/browser.ts';
import { useLocalPlatform } from '../support/local-aws.ts';

const SHOTS = resolve('test-output/e2e');
const STEP_TIMEOUT = 60_000;

mkdirSync(SHOTS, { recursive: true });
const webRoot = await buildWeb({ outDir: resolve('test-output/e2e-web-languages') });
const platform = await useLocalPlatform(async () => {
  await seedLocal();
  await seedResponsesDemo();
}, webRoot);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await platform.stop();
});

const open = async (locale: string): Promise<Page> => {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(STEP_TIMEOUT);
  const page = await context.newPage();
  await page.goto(`${platform.url}/ui/`);
  return page;
};

const signIn = async (page: Page, sub: string, route: string) => {
  await devSignIn(page, platform.url, sub, route);
};

const axe = async (page: Page, screen: string) => {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking, `axe on ${screen}`).toEqual([]);
};

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

describe('the interface in Arabic and Chinese', { timeout: 240_000 }, () => {
  for (const [lang, dir] of [
    ['ar', 'rtl'],
    ['zh', 'ltr'],
  ] as const) {
    it(`follows a ${lang} browser: sign-in, dashboard and response report in ${lang} (${dir}), axe clean`, async () => {
      const m = CATALOGS[lang];
      const page = await open(lang);
      await page.locator(`html[lang="${lang}"][dir="${dir}"]`).waitFor();
      await page.getByRole('heading', { level: 1, name: m['signIn.demoTitle'] }).waitFor();
      await page.locator('button[data-sub]').first().waitFor();
      await shot(page, `lang-${lang}-01-sign-in`);
      await axe(page, `${lang} sign-in`);

      await signIn(page, 'secretariat-1', '/');
      await page.getByRole('heading', { level: 1, name: m['nav.dashboard'] }).waitFor();
      const nav = page.getByRole('navigation', { name: m['nav.label'] });
      await expect(nav.textContent()).resolves.toContain(m['nav.registry']);
      await expect(page.getByTestId('who').textContent()).resolves.toContain(m['role.secretariat']);
      await page.locator('[data-review]').first().waitFor();
      if (dir === 'rtl') {
        // Right to left: the brand sits at the right edge of the header, the sign-out button left of it.
        const brand = await page.locator('header .brand').boundingBox();
        const signOut = await page.getByRole('button', { name: m['app.signOut'] }).boundingBox();
        expect(brand && signOut && brand.x > signOut.x).toBe(true);
      }
      await shot(page, `lang-${lang}-02-dashboard`);
      await axe(page, `${lang} dashboard`);

      await page.getByRole('link', { name: m['nav.responses'] }).click();
      await page.getByTestId('responses-summary').waitFor();
      await shot(page, `lang-${lang}-03-responses`);
      await axe(page, `${lang} response report`);
      await page.close();
    });
  }

  it('remembers the language a user picks, over the browser language, on this device and on the server', async () => {
    const page = await open('en-GB');
    await page.locator('html[lang="en"][dir="ltr"]').waitFor();
    await signIn(page, 'expert@PAN', '/');
    await page.getByTestId('interface-language').selectOption('ar');
    await page.locator('html[lang="ar"][dir="rtl"]').waitFor();
    await page.getByRole('heading', { level: 1, name: CATALOGS.ar['nav.myReviews'] }).waitFor();
    await page.reload();
    await page.locator('html[lang="ar"][dir="rtl"]').waitFor();
    await expect(page.getByTestId('interface-language').inputValue()).resolves.toBe('ar');
    await page.close();

    // Another device (a fresh browser profile, English browser): the server keeps the choice.
    const elsewhere = await open('en-GB');
    await elsewhere.locator('html[lang="en"][dir="ltr"]').waitFor();
    await signIn(elsewhere, 'expert@PAN', '/');
    await elsewhere.locator('html[lang="ar"][dir="rtl"]').waitFor();
    await elsewhere.getByRole('heading', { level: 1, name: CATALOGS.ar['nav.myReviews'] }).waitFor();
    await elsewhere.close();
  });
});
