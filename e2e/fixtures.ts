import { test as base, expect, type Page } from '@playwright/test';

/** What a page did that a learner should never see: console errors and foreign requests. */
export interface PageWatch {
  consoleErrors: string[];
  foreignRequests: string[];
}

/**
 * Every test gets `watch`: console errors, uncaught exceptions and requests to any origin
 * other than the page's own are recorded, and the test fails at the end if there were any.
 */
export const test = base.extend<{ watch: PageWatch }>({
  watch: async ({ page, baseURL }, use) => {
    // The page's own origin is the one its main frame was navigated to.
    let origin = new URL(baseURL ?? 'http://127.0.0.1:4173/').origin;
    const watch: PageWatch = { consoleErrors: [], foreignRequests: [] };
    page.on('console', (msg) => {
      if (msg.type() === 'error') watch.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => watch.consoleErrors.push(`uncaught: ${err.message}`));
    page.on('response', (res) => {
      if (res.status() >= 400) watch.consoleErrors.push(`HTTP ${res.status()} ${res.url()}`);
    });
    page.on('request', (req) => {
      const url = req.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (req.isNavigationRequest() && req.frame() === page.mainFrame()) {
        origin = new URL(url).origin;
        return;
      }
      if (new URL(url).origin !== origin) watch.foreignRequests.push(url);
    });
    await use(watch);
    expect(watch.consoleErrors, 'console errors').toEqual([]);
    expect(watch.foreignRequests, 'requests to other origins').toEqual([]);
  },
});

export { expect };

/** Open the app with query parameters and wait until the stage is drawn. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`./${query}`);
  await expect(page.getByTestId('stage')).toBeVisible();
}
