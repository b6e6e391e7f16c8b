/**
 * Chromium and the local dev sign-in as the e2e tests drive them: one launch and one sign-in
 * instead of a copy per test file.
 */
import { type Browser, chromium, type Page } from 'playwright-core';

/** The system Chromium (scripts/setup.sh installs it), without sandbox or background traffic. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });

/**
 * Signs `sub` in through the local dev sign-in, as the sign-in page does, on a page already at
 * the app, then opens `#route`. A hash change alone does not reload the app; the reload makes it
 * read the session.
 */
export const devSignIn = async (page: Page, baseUrl: string, sub: string, route: string): Promise<void> => {
  await page.evaluate(async (who) => {
    const res = await fetch('/dev/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: who }),
    });
    const { token, user } = (await res.json()) as { token: string; user: unknown };
    localStorage.setItem('cop-review.session', JSON.stringify({ token, user }));
  }, sub);
  await page.goto(`${baseUrl}/ui/#${route}`);
  await page.reload();
};
