/**
 * The web UI end to end: Debian's Chromium (playwright-core) drives the built UI served by the
 * local platform. The registry is seeded with four States so the draw is forced: Côte d'Ivoire
 * (reviewed) can only get Ghana (same group) and Türkiye (other group, Brazil being declared in
 * conflict), the States of the demo accounts. Screenshots of each step: test-output/e2e/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData } from '#shared/reference-data.ts';
import { importStates } from '#shared/repos/registry.ts';
import { buildWeb } from '../../scripts/build-web.ts';
import { SEED_PRINCIPAL } from '../../scripts/local/seed.ts';
import { useLocalPlatform } from '../support/local-aws.ts';

const SHOTS = resolve('test-output/e2e');
/** The CI machines are loaded (2 cores, load ~12): every wait is for an element or a response, with room. */
const STEP_TIMEOUT = 60_000;
const TEST_TIMEOUT = 240_000;
const DEMO_STATES = new Set(['CIV', 'GHA', 'TUR', 'BRA']);
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--no-first-run',
];

const seedFourStates = async () => {
  await importStates(
    loadReferenceData().states.filter((s) => DEMO_STATES.has(s.iso3)),
    { principal: SEED_PRINCIPAL, now: new Date(), action: 'registry.import' },
  );
};

mkdirSync(SHOTS, { recursive: true });
const webRoot = await buildWeb({ outDir: resolve('test-output/e2e-web') });
const platform = await useLocalPlatform(seedFourStates, webRoot);

let browser: Browser;
const contexts: BrowserContext[] = [];
/** Console errors and uncaught exceptions, per page, that no step expected. */
const problems: string[] = [];

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => {
  console.log(
    `axe-core violations per screen (impact):\n${a11yCounts
      .map(
        (c) =>
          `  ${c.screen}: critical ${c.critical}, serious ${c.serious}, moderate ${c.moderate}, minor ${c.minor}`,
      )
      .join('\n')}`,
  );
  for (const c of contexts) await c.close();
  await browser?.close();
  await platform.stop();
});

/** Pages whose next dialog is to be dismissed (the user chooses to stay). */
const dismissNext = new Set<Page>();
/** Every question a dialog asked, in order. */
const dialogs: string[] = [];

/** A fresh browser context (its own session storage) watching for console errors. */
const openPage = async (allow: RegExp[] = []): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(STEP_TIMEOUT);
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !allow.some((re) => re.test(m.text()))) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Irreversible steps ask first: accept, unless the step says it wants to stay (dismissNext).
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    const dismiss = dismissNext.delete(page);
    void (dismiss ? d.dismiss() : d.accept());
  });
  // Name the request behind a failed load (the console message does not).
  page.on('response', (r) => {
    const line = `status of ${r.status()}: ${r.request().method()} ${new URL(r.url()).pathname}`;
    if (r.status() >= 400 && !allow.some((re) => re.test(line))) problems.push(`response: ${line}`);
  });
  return page;
};

const signIn = async (sub: string, allow: RegExp[] = []): Promise<Page> => {
  const page = await openPage(allow);
  await page.goto(`${platform.url}/ui/`);
  await page.locator(`button[data-sub="${sub}"]`).click();
  await page.getByTestId('who').waitFor();
  // Focus follows to the page heading (not lost to <body>).
  await poll(() => focusedTag(page)).toBe('H1');
  return page;
};

const focusedTag = (page: Page) => page.evaluate(() => document.activeElement?.tagName ?? '');

/** The stored draft, read through the API as `sub` (what a reload would show). */
const draftOf = async (reviewId: string, instrument: string, sub: string) => {
  const res = await fetch(`${platform.url}/reviews/${reviewId}/self-assessments/${instrument}/draft`, {
    headers: { authorization: `Bearer ${await platform.tokenFor(sub)}` },
  });
  return (await res.json()) as { answers: Record<string, unknown> };
};

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

const go = async (page: Page, route: string) => {
  await page.goto(`${platform.url}/ui/#${route}`);
};

/** Brings an article of the questionnaire up through its navigation (one article is shown at a time). */
const openArticle = async (page: Page, article: string) => {
  await page.getByTestId('questionnaire-nav').locator(`[data-nav-article="${article}"]`).click();
  await page.locator(`[data-article="${article}"]`).waitFor();
};

/** axe-core's findings per screen, printed at the end (the issue asks for the counts). */
const a11yCounts: { screen: string; critical: number; serious: number; moderate: number; minor: number }[] =
  [];

/** Runs axe-core on the page as it is; critical and serious violations fail the step. */
const checkA11y = async (page: Page, screen: string) => {
  // The summary frame runs no script (sandbox without allow-scripts), so axe cannot be injected
  // into it; its document is the API's HTML, outside the UI this checks.
  const { violations } = await new AxeBuilder({ page }).exclude('[data-testid="doc-frame"]').analyze();
  const count = (impact: string) => violations.filter((v) => v.impact === impact).length;
  a11yCounts.push({
    screen,
    critical: count('critical'),
    serious: count('serious'),
    moderate: count('moderate'),
    minor: count('minor'),
  });
  const blocking = violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking, `axe on ${screen}`).toEqual([]);
};

/** expect.poll with the step timeout (its own default, 1 s, is too short on a loaded machine). */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: STEP_TIMEOUT, interval: 200 });

describe('the web UI, from the draw to the published summary', { timeout: TEST_TIMEOUT }, () => {
  let cycleUrl = '';
  let reviewId = '';

  it('signs the secretariat in and shows the registry filtered by regional group', async () => {
    const page = await signIn('secretariat-1');
    await shot(page, '01-secretariat-dashboard');
    await checkA11y(page, 'dashboard');
    await page.getByRole('link', { name: 'States parties' }).click();
    await poll(() => page.getByTestId('registry-count').textContent()).toBe('4 States parties');
    await page.getByLabel('Regional group').selectOption('African');
    await poll(() => page.getByTestId('registry-count').textContent()).toBe('2 States parties');
    // Every fact shows its source and date, not compiler's notes.
    await poll(() => page.getByTestId('registry-status').textContent()).toMatch(
      /Registry as of \d{4}-\d{2}-\d{2}/,
    );
    await poll(() =>
      page
        .getByText('UNTOC: ratification 2012-10-25 (UNTC XVIII-12, as of 2014-03-21)', { exact: true })
        .isVisible(),
    ).toBe(true);
    await shot(page, '02-registry-african');
    await checkA11y(page, 'registry');
    // The secretariat previews a UNTC table: the diff, nothing applied.
    await page.locator('#untc-import').scrollIntoViewIfNeeded();
    await page.locator('section[aria-labelledby="untc-import"] select').selectOption('TIP');
    await page.locator('input[type="file"]').setInputFiles('data/untc-2014/18-12-a.csv');
    await page.getByLabel('As of (optional)').fill('2014-03-21');
    await page.getByRole('button', { name: 'Preview the changes' }).click();
    await poll(() => page.getByTestId('import-preview').textContent()).toMatch(
      /UNTC XVIII-12-a, as of 2014-03-21/,
    );
    await poll(() => page.getByRole('button', { name: /^Apply \d+ changes$/ }).isVisible()).toBe(true);
    await shot(page, '02b-registry-import-preview');
    await page.close();
  });

  it('lets the secretariat create a cycle, draw, confirm and verify the draw', async () => {
    // A State code not in the registry is a 400, shown beside its field.
    const page = await signIn('secretariat-1', [/status of 400/]);
    await go(page, '/cycles');
    await page.getByRole('heading', { name: 'Review cycles' }).waitFor();
    // The skip link can be seen when focused (it was white on white).
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await skip.focus();
    const look = await skip.evaluate((el) => {
      const cs = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return { color: cs.color, background: cs.backgroundColor, inView: r.left >= 0 && r.width > 0 };
    });
    expect(look.inView).toBe(true);
    expect(look.color).not.toBe(look.background);
    await page.getByLabel('Name', { exact: true }).fill('UNTOC 2026, TIP, first group');
    // No instrument: the server's refusal is listed at the top (GOV.UK error summary), its link
    // puts the cursor in the field, and the message stays beside the field.
    for (const i of ['UNTOC', 'TIP', 'SOM', 'FIREARMS']) await page.getByLabel(i, { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Create and publish the seed commitment' }).click();
    const summary = page.getByTestId('form-error-summary');
    await poll(() => summary.textContent()).toContain('There is a problem');
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'form-error-summary',
    );
    await summary.getByRole('button', { name: /^Instruments under review: / }).click();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(
      'instrument',
    );
    await page.getByLabel('TIP', { exact: true }).check();
    // The States are picked by name with search: a typed name no State has is said beside the
    // field, a suggestion chosen is added at once, a code with Enter too; each chosen State can go.
    const underReview = page.getByLabel('States under review', { exact: true });
    await underReview.fill('Atlantis');
    await underReview.press('Enter');
    await poll(() => underReview.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await underReview.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ').at(-1)}"]`).textContent()).toBe(
      'No registered State is called “Atlantis”.',
    );
    await underReview.fill('Ghana (GHA)');
    const chosen = page.getByRole('list', { name: /States? chosen/ });
    await poll(() => chosen.textContent()).toContain('Ghana (GHA)');
    await chosen.getByRole('button', { name: 'Remove Ghana (GHA)' }).click();
    await underReview.fill('civ');
    await underReview.press('Enter');
    await poll(() =>
      chosen.locator('li').evaluateAll((li) => li.map((l) => l.getAttribute('data-iso3'))),
    ).toEqual(['CIV']);
    await page.getByLabel('Declared conflicts').fill('BRA CIV unrelated to the demo');
    await shot(page, '03-create-cycle');
    await checkA11y(page, 'cycles and the create form');
    await page.getByRole('button', { name: 'Create and publish the seed commitment' }).click();
    await poll(() => page.getByTestId('commitment').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await poll(() => focusedTag(page)).toBe('H1');
    cycleUrl = page.url();
    await page.getByRole('button', { name: 'Check supply and demand' }).click();
    await page.getByTestId('dry-run').waitFor();
    await shot(page, '04-cycle-committed-dry-run');

    await page.getByRole('button', { name: 'Run the draw' }).click();
    await page.getByTestId('proposed-draw').waitFor();
    await poll(() => focusedTag(page)).toBe('H3');
    const firstDraw = (await page.getByTestId('proposed-draw').locator('h3').textContent()) ?? '';
    await shot(page, '05-draw-proposed');
    await checkA11y(page, 'cycle with a proposed draw');
    // With a draw proposed, the draw inputs cannot be edited; the name can.
    await page.getByRole('button', { name: 'Edit the cycle' }).click();
    await page.getByTestId('draw-inputs-locked').waitFor();
    expect(await page.getByLabel('TIP', { exact: true }).isDisabled()).toBe(true);
    await page.getByLabel('Name', { exact: true }).fill('UNTOC 2026, TIP, group one');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await poll(() => page.getByTestId('notice').textContent()).toContain('The cycle is saved.');
    await poll(() => page.locator('h1').textContent()).toBe('UNTOC 2026, TIP, group one');
    // The secretariat discards the proposed draw, with a reason, after a confirmation: the draw
    // stays in the history with who, when and why; drawn again on the same inputs it is the same.
    await page.getByRole('button', { name: 'Discard the proposed draw' }).click();
    await page.getByLabel('Why is the draw discarded?').fill('Checking the conflicts once more');
    await page
      .getByRole('form', { name: 'Discard the proposed draw' })
      .getByRole('button', { name: 'Discard the proposed draw' })
      .click();
    await poll(() => page.getByTestId('notice').textContent()).toContain('The draw is discarded');
    expect(dialogs.at(-1)).toContain('Discard this draw?');
    const history = page.getByTestId('draw-history');
    await poll(() => history.textContent()).toMatch(
      /Discarded.*by secretariat-1: Checking the conflicts once more/,
    );
    await shot(page, '05b-draw-discarded');
    await checkA11y(page, 'cycle with a discarded draw');
    await page.getByRole('button', { name: 'Run the draw' }).click();
    await page.getByTestId('proposed-draw').waitFor();
    expect(await page.getByTestId('proposed-draw').locator('h3').textContent()).toBe(firstDraw);
    await page.getByRole('button', { name: 'Confirm the draw and start the reviews' }).click();
    await poll(() => page.getByTestId('notice').textContent()).toContain('The draw is confirmed');
    expect(dialogs.at(-1)).toContain('This cannot be undone');
    const table = page.getByRole('table', { name: 'Assignments by reviewed State' });
    await table.waitFor();
    await poll(() => table.textContent()).toContain('Ghana (GHA)');
    expect(await table.textContent()).toContain('Türkiye (TUR)');
    expect(await page.getByRole('list', { name: 'Reviews by regional group' }).textContent()).toContain(
      'African',
    );
    // The redraw form picks both States by name from the assignments, nothing typed.
    const redraw = page.getByRole('form', { name: 'Redraw one reviewer' });
    await redraw.getByLabel('Reviewed State').selectOption('CIV');
    expect(await redraw.getByLabel('Reviewer to replace').locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Ghana (GHA)', 'Türkiye (TUR)']),
    );
    await shot(page, '06-assignments');

    await page.getByTestId('verify-link').click();
    await poll(() => page.getByTestId('verification').textContent()).toContain('Verified');
    await shot(page, '07-draw-verified');
    await checkA11y(page, 'draw verification');
    await page.close();
  });

  it('lets the focal point of the reviewed State name contacts, fill in and submit the questionnaire', async () => {
    // The refused statistics year is a 400 to one autosave PATCH, as intended.
    const page = await signIn('civ-focal', [/status of 400/]);
    const link = page.locator('a[data-review]').first();
    await link.waitFor();
    reviewId = (await link.getAttribute('data-review')) ?? '';
    expect(reviewId).toMatch(/\.CIV$/);
    // The task list: what the focal point must do next, by when, each a link to where it is done.
    const tasks = page.getByTestId('tasks');
    await tasks.locator('[data-task="contacts.name"]').waitFor();
    expect(await tasks.textContent()).toMatch(/Name your State’s experts — by \d{4}-\d{2}-\d{2}/);
    await shot(page, '08-civ-my-reviews');
    await checkA11y(page, 'my reviews');
    await link.click();
    await page.getByTestId('tasks').locator('[data-task="contacts.name"]').waitFor();
    // An empty list of experts is refused beside the field, before anything is sent.
    await page.getByRole('button', { name: 'Save contacts' }).click();
    const picker = page.getByTestId('person-picker');
    await poll(() => picker.locator('input[type="checkbox"]').first().getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await page.locator('.field-error').first().textContent()).toContain('Choose at least one expert');
    // The experts are chosen from the State's people, found by a search: no typed user ids.
    await picker.getByLabel('Search by name or institution').fill('kouassi');
    expect(await picker.locator('input[type="checkbox"]').count()).toBe(1);
    await picker.getByLabel(/Yao Kouassi/).check();
    await page.getByRole('button', { name: 'Save contacts' }).click();
    await poll(() => page.getByTestId('review-state').getAttribute('data-state')).toBe('contacts-named');
    // Done tasks leave the list; the next one is the self-assessment, with its deadline.
    await page.getByTestId('tasks').locator('[data-task="submission.create"]').waitFor();
    expect(await page.getByTestId('tasks').locator('[data-task="contacts.name"]').count()).toBe(0);

    await go(page, `/reviews/${reviewId}/self-assessment`);
    // One article at a time, with the navigation of every article and its progress beside it.
    const nav = page.getByTestId('questionnaire-nav');
    await nav.locator('[data-nav-article="TIP.3"][aria-current="true"]').waitFor();
    expect(await page.locator('[data-article]').count()).toBe(1);
    // A missing answer in the list is a way to it: its article comes up with the cursor in it.
    await page.getByTestId('missing').locator('summary').click();
    await page
      .getByTestId('missing')
      .getByRole('button', { name: /^TIP\.6 — / })
      .first()
      .click();
    await poll(() =>
      page.evaluate(() => document.activeElement?.closest('[data-article]')?.getAttribute('data-article')),
    ).toBe('TIP.6');
    await shot(page, '08b-questionnaire-navigation');
    // Article by article through the navigation, answering every yes/no question.
    for (const entry of await nav.locator('[data-nav-article]').all()) {
      await entry.click();
      const article = await entry.getAttribute('data-nav-article');
      const radios = page.locator(`[data-article="${article}"] input[type="radio"][value="no"]`);
      await radios.first().waitFor();
      for (const radio of await radios.all()) await radio.check();
    }
    await nav.locator('[data-nav-article="TIP.5"]').click();
    await page
      .locator('[data-question="TIP.5.q10"] textarea')
      .fill('Draft answer of Côte d’Ivoire: the offence of trafficking is in the Penal Code.');
    await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
    // An attachment through the browser: the pre-signed PUT goes straight to the bucket (CORS).
    const upload = page.locator('[data-question="TIP.5.q11"]');
    await upload.locator('input[type="file"]').setInputFiles({
      name: 'Loi-2016-1111-traite.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% Law 2016-1111 on trafficking in persons\n%%EOF\n'),
    });
    await poll(() => upload.locator('li').textContent()).toContain('Loi-2016-1111-traite.pdf');
    expect(await upload.locator('li').textContent()).toContain('ready');
    await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();

    // Autosave: a row just added is no error; one refused value does not hold back the others.
    const stats = page.locator('[data-question="TIP.5.q7"]');
    await stats.getByRole('button', { name: 'Add an item' }).click();
    await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
    expect(await page.locator('.field-error').count()).toBe(0);
    await stats.locator('input').first().fill('12');
    await stats.getByLabel('Year (1)').fill('1985');
    await stats.getByLabel('Year (1)').blur();
    await page.locator('[data-testid="save-state"][data-state="invalid"]').waitFor();
    await poll(() => stats.locator('.field-error').first().textContent()).toContain('year must be ≥');
    const later = 'Côte d’Ivoire: article 12 of Law 2016-1111 (saved despite the refused year).';
    await page.locator('[data-question="TIP.5.q10"] textarea').fill(later);
    await poll(async () => (await draftOf(reviewId, 'TIP', 'civ-focal')).answers['TIP.5.q10']).toBe(later);
    // The draft is stored before the browser has the answer: wait for the status, don't read it once.
    await poll(() => page.getByTestId('save-state').textContent()).toMatch(
      /1 answer is not saved.*Last saved at/,
    );
    // Leaving with a refused answer asks first (in the app and when the tab would unload).
    expect(
      await page.evaluate(() => {
        const e = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(e);
        return e.defaultPrevented;
      }),
    ).toBe(true);
    dismissNext.add(page);
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByTestId('save-state').waitFor();
    expect(page.url()).toContain('/self-assessment');
    await shot(page, '09b-questionnaire-refused-year');
    await stats.getByLabel('Year (1)').fill('2021');
    await stats.getByLabel('Year (1)').blur();
    await page.locator('[data-testid="save-state"][data-state="saved"]').waitFor();
    expect(await page.locator('.field-error').count()).toBe(0);
    expect(await page.getByTestId('save-state').textContent()).not.toContain('required answers missing');
    expect(await page.getByTestId('questionnaire-progress').textContent()).not.toContain('missing');
    await shot(page, '09-questionnaire-autosaved');
    await checkA11y(page, 'self-assessment questionnaire');

    await page.getByRole('button', { name: 'Submit the self-assessment' }).click();
    await poll(() => page.getByTestId('review-state').getAttribute('data-state')).toBe(
      'self-assessment-submitted',
    );
    await page.getByRole('table', { name: 'Submitted versions (TIP)' }).waitFor();
    await shot(page, '10-submitted');
    // The bell leads to the notifications page.
    await page.getByTestId('bell').click();
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    // Preferences: comments at once instead of the daily digest, saved and read back.
    const prefs = page.getByTestId('preferences');
    await prefs.getByLabel('New comments from the reviewers').selectOption('immediate');
    await prefs.getByRole('button', { name: 'Save the preferences' }).click();
    await poll(() => page.getByTestId('notice').textContent()).toContain('preferences are saved');
    await page.reload();
    await poll(() =>
      page.getByTestId('preferences').getByLabel('New comments from the reviewers').inputValue(),
    ).toBe('immediate');
    await checkA11y(page, 'notifications');
    await page.close();
  });

  it('lets the secretariat follow progress and start the desk review', async () => {
    const page = await signIn('secretariat-1');
    await page.goto(cycleUrl);
    await page.getByRole('table', { name: 'Progress of every review against its deadlines' }).waitFor();
    await shot(page, '11-progress');
    await checkA11y(page, 'cycle progress');
    await go(page, `/reviews/${reviewId}`);
    await page.getByRole('button', { name: 'Start the desk review' }).click();
    await poll(() => page.getByTestId('review-state').getAttribute('data-state')).toBe('desk-review');
    expect(dialogs.at(-1)).toContain('Start the desk review? The questionnaires close');
    expect(await page.getByTestId('notice').textContent()).toContain('Desk review');
    await go(page, `/reviews/${reviewId}/audit`);
    await page.getByRole('table', { name: 'Audit log (oldest first)' }).waitFor();
    // Filtered to one action: only the transition just made is left.
    await page.getByLabel('Action').selectOption('workflow.transition');
    await poll(() => page.getByTestId('audit-count').textContent()).toMatch(/^1 of \d+ entries/);
    const csv = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download as CSV' }).click();
    expect((await csv).suggestedFilename()).toBe(`audit-${reviewId}.csv`);
    await shot(page, '12-audit-log');
    await checkA11y(page, 'audit log');
    await page.close();
  });

  it('lets an expert of a reviewing State comment beside the answers and draft an observation', async () => {
    const page = await signIn('tur-expert');
    await go(page, `/reviews/${reviewId}/comments`);
    await openArticle(page, 'TIP.5');
    const article = page.locator('[data-article="TIP.5"]');
    // The answers read as text (no form controls), the attached file as a download.
    expect(await article.locator('.answers').textContent()).toContain('article 12 of Law 2016-1111');
    expect(await article.locator('.answers :is(input, textarea, select)').count()).toBe(0);
    await article.locator('[data-question="TIP.5.q11"] a', { hasText: 'Loi-2016-1111-traite.pdf' }).waitFor();
    await article
      .getByRole('textbox', { name: 'Comment on TIP.5', exact: true })
      .fill('Which article of the Penal Code criminalizes trafficking?');
    await article.getByRole('button', { name: 'Post the comment' }).click();
    await poll(() => article.locator('.comment').count()).toBe(1);
    await shot(page, '13-expert-comment');
    await checkA11y(page, 'comments beside the answers');

    await go(page, `/reviews/${reviewId}/observations`);
    const draftEntry = async (article: string, text: string) => {
      await page.getByLabel('Article').selectOption(article);
      await page.getByLabel('Kind').selectOption('challenge');
      await page.getByLabel('Text').fill(text);
      await page.getByRole('button', { name: 'Add to the list' }).click();
    };
    await draftEntry('TIP.5', 'Statistics on prosecutions for trafficking are not collected.');
    await poll(() => page.locator('[data-observation]').count()).toBe(1);
    await draftEntry('TIP.6', 'Victims are not informed of their rights.');
    await poll(() => page.locator('[data-observation]').count()).toBe(2);
    expect(await page.getByTestId('flash').textContent()).toContain('TIP.6');
    await shot(page, '14-observation-drafted');
    await checkA11y(page, 'list of observations');
    await page.close();
  });

  it('lets the reviewed State respond under the comment and agree to the observation', async () => {
    const page = await signIn('civ-focal');
    await go(page, `/reviews/${reviewId}/comments`);
    await openArticle(page, 'TIP.5');
    const article = page.locator('[data-article="TIP.5"]');
    await article.getByLabel('Your response').fill('Article 12 of Law 2016-1111 on trafficking in persons.');
    await article.getByRole('button', { name: 'Send the response' }).click();
    await poll(() => article.locator('.responses li').count()).toBe(1);
    await shot(page, '15-state-responded');

    await go(page, `/reviews/${reviewId}/observations`);
    await page.getByRole('button', { name: 'Agree to observation 1' }).click();
    const status = (n: number) =>
      page
        .locator('[data-observation]')
        .nth(n - 1)
        .getAttribute('data-status');
    await poll(() => status(1)).toBe('agreed');
    await page.getByRole('button', { name: 'Dispute observation 2' }).click();
    await page
      .getByLabel('Why do you dispute observation 2?')
      .fill('Victims are informed under article 30 of Law 2016-1111.');
    await page.getByRole('button', { name: 'Dispute', exact: true }).click();
    await poll(() => status(2)).toBe('disputed');
    await shot(page, '16-observation-agreed-and-disputed');
    await page.close();
  });

  it('lets the reviewers resolve the dispute by revising the entry, which the reviewed State then agrees', async () => {
    const tur = await signIn('tur-expert');
    // The comment answered by the reviewed State: its author edits it, then resolves it.
    await go(tur, `/reviews/${reviewId}/comments`);
    await openArticle(tur, 'TIP.5');
    const comment = tur.locator('[data-article="TIP.5"] .comment').first();
    await comment.getByRole('button', { name: 'Edit' }).click();
    await comment
      .getByLabel(/^Text of the comment/)
      .fill('Which article of the Penal Code criminalizes trafficking in persons?');
    await comment.getByRole('button', { name: 'Save the change' }).click();
    await poll(() => comment.locator('p.text').first().textContent()).toContain('trafficking in persons?');
    await comment.getByRole('button', { name: 'Resolve' }).click();
    await poll(() => comment.getAttribute('data-status')).toBe('resolved');
    await comment.getByRole('button', { name: 'Reopen' }).waitFor();
    expect(await comment.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    await shot(tur, '16a-comment-edited-and-resolved');
    await go(tur, `/reviews/${reviewId}/observations`);
    const entry2 = tur.locator('[data-observation]').nth(1);
    expect(await entry2.textContent()).toContain('article 30 of Law 2016-1111');
    await tur.getByRole('button', { name: 'Revise observation 2' }).click();
    await tur
      .getByLabel('New text of observation 2')
      .fill('Victims are informed of their rights, but the information is not available in local languages.');
    await tur.getByRole('button', { name: 'Save the revision' }).click();
    await poll(() => entry2.getAttribute('data-status')).toBe('draft');
    expect(await tur.getByRole('button', { name: 'Withdraw observation 2' }).isVisible()).toBe(true);
    await tur.close();

    const civ = await signIn('civ-focal');
    await go(civ, `/reviews/${reviewId}/observations`);
    await civ.getByRole('button', { name: 'Agree to observation 2' }).click();
    await poll(() => civ.locator('[data-observation]').nth(1).getAttribute('data-status')).toBe('agreed');
    await poll(() => civ.getByTestId('finalisation').textContent()).toContain('Every entry is agreed.');
    await shot(civ, '16b-dispute-resolved');
    await civ.close();
  });

  it('finds comments and observations by their words from the header, only for those who may see them', async () => {
    const searchFor = async (page: Page, q: string) => {
      await page.getByTestId('search-input').fill(q);
      await page.getByTestId('search-input').press('Enter');
      await page.getByRole('heading', { name: `Search results for “${q}”` }).waitFor();
    };
    const tur = await signIn('tur-expert');
    await searchFor(tur, 'victims informed');
    const entry = tur.locator('[data-kind="observations"] a[data-hit]');
    await entry.first().waitFor();
    expect(await entry.allTextContents()).toEqual(['Observation 2 (review of CIV)']);
    await searchFor(tur, 'penal code');
    const hit = tur.locator('[data-kind="comments"] a[data-hit]').first();
    await hit.waitFor();
    expect(await hit.textContent()).toBe('Comment on TIP.5 (review of CIV)');
    await shot(tur, '16c-search-results');
    await checkA11y(tur, 'search results');
    // The hit opens the comment where it was written: the article's answers and its thread.
    await hit.click();
    await tur.locator('[data-article="TIP.5"] .comment').first().waitFor();
    await tur.close();
    const bra = await signIn('bra-expert');
    await searchFor(bra, 'penal code');
    await bra.getByTestId('search-empty').waitFor();
    await bra.close();
  });

  it('never shows the drafts of one State to a user of another State', async () => {
    // The API answers 403/404 to the direct address; the browser logs that failed load, as expected.
    const page = await signIn('bra-expert', [/status of 40[34]/]);
    await page.getByText('No review to show yet.').waitFor();
    await go(page, `/reviews/${reviewId}/self-assessment`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Not available to you');
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).not.toContain('Draft answer of Côte d’Ivoire');
    expect(await page.locator('[data-question]').count()).toBe(0);
    await shot(page, '17-other-state-denied');
    await page.close();

    // Any State's accounts are on the sign-in page: a State picked by name, with search.
    const any = await openPage();
    await any.goto(`${platform.url}/ui/`);
    await any.getByLabel('State', { exact: true }).waitFor();
    await checkA11y(any, 'sign-in');
    await any.getByLabel('State', { exact: true }).fill('Brazil (BRA)');
    await any.getByLabel('Role').selectOption('expert');
    await any.getByRole('button', { name: 'Sign in for this State' }).click();
    await poll(() => any.getByTestId('who').textContent()).toContain('Expert of BRA');
    await any.close();
  });

  it('lets the secretariat open the dialogue, record the list as agreed off the platform and draft the summary', async () => {
    const page = await signIn('secretariat-1');
    await go(page, `/reviews/${reviewId}`);
    await page.getByRole('button', { name: 'Open the dialogue' }).click();
    await poll(() => page.getByTestId('review-state').getAttribute('data-state')).toBe('dialogue');

    await go(page, `/reviews/${reviewId}/observations`);
    await page
      .getByLabel('How the list was agreed')
      .fill('Agreed at the country visit in Abidjan, minutes on file.');
    await page.getByRole('button', { name: 'Record the off-platform agreement' }).click();
    await poll(() => page.getByTestId('review-state').getAttribute('data-state')).toBe('observations-agreed');
    await shot(page, '18-list-agreed-off-platform');

    await page.getByRole('link', { name: 'Summary', exact: true }).click();
    await page.getByRole('button', { name: 'Generate the draft summary' }).click();
    await poll(() => page.getByTestId('summary-lifecycle').textContent()).toBe('draft');
    const doc = page.frameLocator('[data-testid="doc-frame"]').locator('body');
    await poll(() => doc.textContent()).toContain(
      'Statistics on prosecutions for trafficking are not collected.',
    );
    // In-document links jump within the document (the frame does not navigate to the app).
    await page.frameLocator('[data-testid="doc-frame"]').locator('a[href^="#section-"]').first().click();
    await poll(() => doc.textContent()).toContain('Statistics on prosecutions');
    expect(await doc.textContent()).not.toContain('needs JavaScript');
    // The frame is as tall as its document, and the print action prints the frame's document.
    const size = await page.locator('[data-testid="doc-frame"]').evaluate((f) => {
      const frame = f as HTMLIFrameElement;
      const inner = frame.contentDocument?.documentElement.scrollHeight ?? 0;
      const w = frame.contentWindow as (Window & { printed?: number }) | null;
      if (w) {
        w.print = () => {
          w.printed = (w.printed ?? 0) + 1;
        };
      }
      return { outer: frame.getBoundingClientRect().height, inner };
    });
    expect(size.inner).toBeGreaterThan(600);
    expect(size.outer).toBeGreaterThanOrEqual(size.inner);
    await page.getByRole('button', { name: 'Print the summary' }).click();
    expect(
      await page
        .locator('[data-testid="doc-frame"]')
        .evaluate((f) => ((f as HTMLIFrameElement).contentWindow as Window & { printed?: number }).printed),
    ).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.locator('nav.tabs').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await shot(page, '19-summary-draft-en');
    await checkA11y(page, 'summary');
    // Arabic: PDF and Word downloads are offered like in every language; the HTML reads right to left.
    await page.getByLabel('Language', { exact: true }).selectOption('ar');
    await page.getByRole('button', { name: 'Download PDF (ar)' }).waitFor();
    await page.getByRole('button', { name: 'Download Word (ar)' }).waitFor();
    expect(await page.locator('[data-unavailable^="ar."]').count()).toBe(0);
    await page.frameLocator('[data-testid="doc-frame"]').locator('html[dir="rtl"]').waitFor();
    await shot(page, '20-summary-draft-ar');
    await page.close();
  });

  it('lets the focal point of the reviewed State download the draft and agree to it', async () => {
    // A deep link opened signed out shows its page once signed in, not the start page.
    const page = await openPage();
    await go(page, `/reviews/${reviewId}/summary`);
    await page.locator('button[data-sub="civ-focal"]').click();
    await page.getByTestId('who').waitFor();
    expect(page.url()).toContain(`/reviews/${reviewId}/summary`);
    await poll(() => page.getByTestId('summary-lifecycle').textContent()).toBe('draft');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download PDF (en)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^CIV-combined-v\d+-en\.pdf$/);
    await page.getByRole('button', { name: /^Agree to version \d+$/ }).click();
    await poll(() => page.getByTestId('summary-lifecycle').textContent()).toBe('agreed');
    await poll(() => page.getByTestId('review-state').getAttribute('data-state')).toBe('summary-agreed');
    await shot(page, '21-summary-agreed');
    await page.close();
  });

  it('lets the secretariat publish the summary and read the gap report with its charts', async () => {
    const page = await signIn('secretariat-1');
    await go(page, `/reviews/${reviewId}/summary`);
    await page.getByRole('button', { name: /^Publish version \d+$/ }).click();
    await poll(() => page.getByTestId('summary-lifecycle').textContent()).toBe('published');
    await poll(() => page.getByTestId('review-state').getAttribute('data-state')).toBe('published');
    await shot(page, '22-summary-published');

    await page.getByRole('link', { name: 'Gap report' }).click();
    await poll(() => page.getByTestId('gap-totals').textContent()).toContain('2 agreed observation(s)');
    await page.locator('figure[data-chart="by-article"] svg[role="img"]').waitFor();
    await page.locator('figure[data-chart="by-four-p"] svg[role="img"]').waitFor();
    expect(await page.locator('figure[data-chart="by-article"]').textContent()).toContain('TIP.5');
    const top = page.getByRole('table', { name: 'Most frequent challenges' });
    expect(await top.textContent()).toContain('Statistics on prosecutions');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe('gap-report.csv');
    expect(readFileSync(await csv.path(), 'utf8')).toMatch(/^table,key,label,/);
    await shot(page, '23-gap-report');
    await checkA11y(page, 'gap report');
    await page.close();
  });

  it('shows Côte d’Ivoire’s published summary on the public page without signing in', async () => {
    const page = await openPage();
    await go(page, '/public');
    await page.getByRole('heading', { name: 'Published country summaries' }).waitFor();
    // Picked by name (the list offers the States with a published summary).
    await page.getByLabel('State', { exact: true }).fill("Côte d'Ivoire (CIV)");
    await page.getByLabel('Language', { exact: true }).selectOption('fr');
    const table = page.getByRole('table', { name: 'Published summaries' });
    await poll(() => table.textContent()).toContain("Côte d'Ivoire (CIV)");
    expect(await table.getByRole('link', { name: 'PDF (fr)' }).getAttribute('href')).toContain('format=pdf');
    await table.getByRole('button', { name: /^Open in Français/ }).click();
    const doc = page.frameLocator('[data-testid="doc-frame"]');
    await doc.locator('html[lang="fr"]').waitFor();
    await poll(() => doc.locator('body').textContent()).toContain(
      'Statistics on prosecutions for trafficking are not collected.',
    );
    await doc.locator('a[href^="#section-"]').first().click();
    await poll(() => doc.locator('body').textContent()).toContain('Statistics on prosecutions');
    await page.getByRole('button', { name: 'Print the summary' }).waitFor();
    await shot(page, '24-public-summary-fr');
    await checkA11y(page, 'published summaries (public)');
    await page.close();
  });

  it('takes a reviewer through the main journey from the keyboard alone', async () => {
    const page = await openPage();
    await page.goto(`${platform.url}/ui/`);
    await page.locator('button[data-sub="gha-expert"]').waitFor();
    /** Presses Tab until the focused element matches (at most 60 stops), then returns its text. */
    const tabTo = async (matches: (el: { tag: string; text: string; label: string }) => boolean) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const el = await page.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          const labelled = a?.id ? document.querySelector(`label[for="${a.id}"]`)?.textContent : '';
          return { tag: a?.tagName ?? '', text: a?.textContent?.trim() ?? '', label: labelled ?? '' };
        });
        if (matches(el)) return el;
      }
      throw new Error('not reached with Tab');
    };
    await tabTo((el) => el.tag === 'BUTTON' && el.text.startsWith('Efua Asante'));
    await page.keyboard.press('Enter');
    await page.getByTestId('who').waitFor();
    await poll(() => focusedTag(page)).toBe('H1');
    await tabTo((el) => el.tag === 'A' && el.text === 'CIV');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Review of CIV' }).waitFor();
    await tabTo((el) => el.tag === 'A' && el.text === 'List of observations');
    await page.keyboard.press('Enter');
    await page.locator('[data-observation]').first().waitFor();
    await tabTo((el) => el.tag === 'A' && el.text === 'Summary');
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('summary-lifecycle').textContent()).toBe('published');
    await tabTo((el) => el.tag === 'SELECT' && el.label === 'Language');
    await page.keyboard.press('End');
    await poll(() => page.getByLabel('Language', { exact: true }).inputValue()).not.toBe('en');
    await tabTo((el) => el.tag === 'BUTTON' && el.text === 'Print the summary');
    await shot(page, '25-keyboard-only');
    await page.close();
  });

  it('logged no console error and no uncaught exception on the way', () => {
    expect(problems).toEqual([]);
  });
});
