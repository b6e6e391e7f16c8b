/**
 * Questionnaire management in the browser (Debian's Chromium via playwright-core): the
 * secretariat uploads a spreadsheet with errors (each listed with its row, nothing loaded), then
 * a valid one, previews it in English and in French, and publishes it as version 2.
 * Screenshots: test-output/e2e/questionnaires-*.png.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sheetsOf } from '#shared/domain/questionnaire/index.ts';
import { workbookBytes } from '#shared/domain/questionnaire/workbook.ts';
import { buildWeb } from '../../scripts/build-web.ts';
import { devSignIn, launchChromium } from '../support/browser.ts';
import { useLocalPlatform } from '../support/local-aws.ts';
import { revisedCluster1 } from '../support/questionnaires.ts';

const SHOTS = resolve('test-output/e2e');
const STEP_TIMEOUT = 60_000;
const TEST_TIMEOUT = 240_000;

mkdirSync(SHOTS, { recursive: true });
const webRoot = await buildWeb({ outDir: resolve('test-output/e2e-web-questionnaires') });
const platform = await useLocalPlatform(undefined, webRoot);

const files = mkdtempSync(join(tmpdir(), 'questionnaire-e2e-'));
const sheets = sheetsOf(revisedCluster1());
const validFile = join(files, 'tip-cluster-1.xlsx');
const brokenFile = join(files, 'tip-cluster-1-broken.xlsx');

let browser: Browser;
const problems: string[] = [];
beforeAll(async () => {
  writeFileSync(validFile, await workbookBytes(sheets));
  const col = (name: string) => sheets.questions[0]?.indexOf(name) ?? -1;
  const broken = sheets.questions.map((r, i) =>
    i === 2 ? r.map((c, k) => (k === col('id') ? (sheets.questions[1]?.[col('id')] ?? '') : c)) : [...r],
  );
  const row4 = broken[3];
  if (row4) row4[col('required_if')] = 'TIP.5.q77 = yes';
  writeFileSync(brokenFile, await workbookBytes({ meta: sheets.meta, questions: broken }));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await platform.stop();
});

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

const signIn = async (sub: string, route: string): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(STEP_TIMEOUT);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // The refused upload answers 400 on purpose; the browser logs the failed request.
    if (m.type() === 'error' && !/status of 400/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${platform.url}/ui/`);
  await devSignIn(page, platform.url, sub, route);
  return page;
};

describe('questionnaire upload, preview and publication', { timeout: TEST_TIMEOUT }, () => {
  it('lists each problem of a broken spreadsheet with its row, then previews a valid one in two languages and publishes it', async () => {
    const page = await signIn('secretariat-1', '/questionnaires');
    const versions = page.getByRole('table', { name: 'Versions of each questionnaire' });
    await expect(versions.textContent()).resolves.toContain('the platform’s own wording');

    await page.getByLabel('Definition file').setInputFiles(brokenFile);
    await page.getByRole('button', { name: 'Check and upload' }).click();
    const issues = page.getByTestId('upload-issues');
    await issues.waitFor();
    const text = await issues.textContent();
    expect(text).toContain('nothing was loaded');
    expect(text).toMatch(/Questions!3\s*id\s*duplicate question id TIP\.3\.q1/);
    expect(text).toMatch(/Questions!4\s*required_if\s*requiredIf points at TIP\.5\.q77/);
    await shot(page, 'questionnaires-01-upload-errors');

    await page.getByLabel('Definition file').setInputFiles(validFile);
    await page.getByRole('button', { name: 'Check and upload' }).click();
    const summary = page.getByTestId('upload-summary');
    await expect
      .poll(() => summary.textContent(), { timeout: STEP_TIMEOUT })
      .toContain('Publishing makes this version 2');
    await expect(summary.textContent()).resolves.toContain('Questions added: TIP.5.q90');
    const preview = page.getByTestId('upload-preview');
    await expect.poll(() => preview.textContent(), { timeout: STEP_TIMEOUT }).toContain('(adopted text)');
    await shot(page, 'questionnaires-02-upload-preview-en');

    await page.getByLabel('Preview language').selectOption('fr');
    await expect
      .poll(() => preview.textContent(), { timeout: STEP_TIMEOUT })
      .toContain('Votre pays a-t-il incriminé la traite ?');
    await expect(preview.getAttribute('lang')).resolves.toBe('fr');
    await expect(preview.textContent()).resolves.toContain('Oui');
    await expect(preview.textContent()).resolves.toContain('(in English)');
    await shot(page, 'questionnaires-03-upload-preview-fr');

    await page.getByRole('button', { name: 'Publish as version 2' }).click();
    await expect
      .poll(() => page.getByTestId('upload-published').textContent(), { timeout: STEP_TIMEOUT })
      .toContain('Published as version 2');
    await shot(page, 'questionnaires-04-published');

    await page.getByRole('link', { name: 'All questionnaires' }).click();
    await expect.poll(() => versions.textContent(), { timeout: STEP_TIMEOUT }).toContain('v2 (current)');
    await shot(page, 'questionnaires-05-versions');
    expect(problems).toEqual([]);
  });
});
