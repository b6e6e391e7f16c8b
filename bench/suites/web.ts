/**
 * The web UI's weight and first render, in Debian's Chromium (playwright-core, as the e2e tests)
 * against the built UI served by the local platform (DynamoDB Local + s3rver, demo seed).
 *
 * - `web.first-screen.transfer-kb`: the JavaScript and CSS the sign-in page loads, gzipped as a
 *   CDN sends them (gzip level 6 of each response body; the local server sends them plain).
 * - `web.sign-in.first-render-ms`, `web.questionnaire.first-render-ms`: from navigation start to
 *   the first sign-in button / the first answer control of the questionnaire in the DOM (a
 *   MutationObserver installed before the page's scripts records `performance.now()`), median of
 *   RUNS page loads, each in a fresh browser context (empty cache); the questionnaire is opened
 *   by loading its URL after signing in in that context (so its JS and CSS come from the cache,
 *   as after a real sign-in). Baseline = the same for a static page of the same server
 *   (index.html with no script: the floor of navigation + first paint on this machine).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.ts';
import { type Emulators, startEmulators } from '../../scripts/local/emulators.ts';
import { startPlatform } from '../../scripts/local/platform.ts';
import { seedDemo } from '../../scripts/local/seed.ts';
import { seedReview } from '../../tests/support/reviews.ts';
import { median, round } from '../lib/stats.ts';
import type { BenchResult, BenchSuite } from '../types.ts';

const RUNS = 5;
const TRANSFER_TARGET_KB = 100;
const QUESTIONNAIRE_TARGET_MS = 1000;
const STEP_TIMEOUT = 60_000;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-gpu',
  '--no-first-run',
];

/** Records in `window.__firstRender` when an element matching `selector` first enters the DOM. */
const firstRenderProbe = (selector: string): string => `
  (() => {
    const check = () => {
      if (window.__firstRender === undefined && document.querySelector(${JSON.stringify(selector)})) {
        window.__firstRender = performance.now();
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', check);
  })();
`;

const timeToFirst = async (
  browser: Browser,
  url: string,
  selector: string,
  before?: (page: Page) => Promise<void>,
): Promise<number> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    context.setDefaultTimeout(STEP_TIMEOUT);
    const page = await context.newPage();
    if (before) await before(page);
    await page.addInitScript(firstRenderProbe(selector));
    await page.goto(url);
    await page.waitForFunction(
      () => (window as unknown as { __firstRender?: number }).__firstRender !== undefined,
      undefined,
      { timeout: STEP_TIMEOUT },
    );
    return await page.evaluate(() => (window as unknown as { __firstRender: number }).__firstRender);
  } finally {
    await context.close();
  }
};

export const suite: BenchSuite = {
  name: 'web',
  async run(): Promise<BenchResult[]> {
    const root = mkdtempSync(join(tmpdir(), 'cop-review-web-'));
    const webRoot = await buildWeb({ outDir: join(root, 'web') });
    // The floor page: same server, same folder, no script.
    writeFileSync(
      join(webRoot, 'static.html'),
      '<!doctype html><html><body><p id="static">static</p></body></html>\n',
    );
    const emulators: Emulators = await startEmulators();
    const platform = await startPlatform({
      emulators,
      tableName: 'bench-web',
      bucketName: 'bench-web',
      seed: seedDemo,
      webRoot,
    });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const review = await seedReview({ cycleId: 'W2026', reviewedState: 'CIV' });
      const ui = `${platform.url}/ui/`;

      // First screen: every script and stylesheet the sign-in page loads, until it is rendered.
      const assets: { url: string; raw: number; gzip: number }[] = [];
      await timeToFirst(browser, ui, 'button[data-sub]', async (page) => {
        page.on('response', async (res) => {
          const type = res.request().resourceType();
          if (type !== 'script' && type !== 'stylesheet') return;
          const body = await res.body();
          assets.push({
            url: new URL(res.url()).pathname,
            raw: body.length,
            gzip: gzipSync(body, { level: 6 }).length,
          });
        });
      });
      const gzipKb = assets.reduce((sum, a) => sum + a.gzip, 0) / 1024;
      const rawKb = assets.reduce((sum, a) => sum + a.raw, 0) / 1024;

      const sample = async (url: string, selector: string, before?: (page: Page) => Promise<void>) =>
        median(
          await (async () => {
            const out: number[] = [];
            for (let i = 0; i < RUNS; i++) out.push(await timeToFirst(browser, url, selector, before));
            return out;
          })(),
        );

      const floor = await sample(`${ui}static.html`, '#static');
      const signIn = await sample(ui, 'button[data-sub]');
      // Signed in as the reviewed State's focal point: the session the UI keeps in sessionStorage.
      const signInAs = async (page: Page): Promise<void> => {
        await page.goto(ui);
        await page.locator('button[data-sub="civ-focal"]').click();
        await page.getByTestId('who').waitFor();
        await page.goto('about:blank');
      };
      const questionnaire = await sample(
        `${ui}#/reviews/${review.reviewId}/self-assessment`,
        'input[type="radio"]',
        signInAs,
      );

      const files = assets.map((a) => `${a.url} ${round(a.gzip / 1024, 1)} KB`).join(', ');
      return [
        {
          name: 'web.first-screen.transfer-kb',
          value: round(gzipKb, 1),
          unit: 'KB',
          target: TRANSFER_TARGET_KB,
          better: 'lower',
          note: `JS + CSS of the sign-in page, gzip level 6 per response (${round(rawKb, 1)} KB uncompressed): ${files}`,
        },
        {
          name: 'web.sign-in.first-render-ms',
          value: round(signIn, 0),
          unit: 'ms',
          target: null,
          better: 'lower',
          baseline: round(floor, 0),
          note: `navigation start → first sign-in button in the DOM, Chromium, median of ${RUNS} fresh contexts; baseline = a static page of the same server`,
        },
        {
          name: 'web.questionnaire.first-render-ms',
          value: round(questionnaire, 0),
          unit: 'ms',
          target: QUESTIONNAIRE_TARGET_MS,
          better: 'lower',
          baseline: round(floor, 0),
          note: `signed in as the focal point in a fresh context, then loading the questionnaire URL (TIP, ${review.reviewId}) → first answer control in the DOM, median of ${RUNS}; baseline = a static page of the same server`,
        },
      ];
    } finally {
      await browser.close();
      await platform.stop();
      await emulators.stop();
      rmSync(root, { recursive: true, force: true });
    }
  },
};
