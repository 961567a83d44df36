import { subPath, subPathPort } from '../playwright.config.ts';
import { expect, openApp, test } from './fixtures.ts';

test.describe('app shell', () => {
  test('opens in English with ?lang=en: title, language switch and empty stage', async ({
    page,
    watch,
  }) => {
    await openApp(page, '?lang=en');
    await expect(page).toHaveTitle('Kubernetes in Motion');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kubernetes in Motion');
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(page.getByRole('region', { name: 'Cluster stage' })).toBeVisible();
    expect(watch.consoleErrors).toEqual([]);
  });

  test('opens in Korean with ?lang=ko', async ({ page, watch }) => {
    await openApp(page, '?lang=ko');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(page.getByRole('button', { name: '한국어' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(page.getByRole('region', { name: '클러스터 무대' })).toBeVisible();
    await expect(page.getByText('클러스터 다이어그램입니다.')).toBeVisible();
    expect(watch.foreignRequests).toEqual([]);
  });

  test('switching language updates the text and the URL without reloading', async ({
    page,
    watch,
  }) => {
    await openApp(page, '?lang=en&step=2');
    await page.getByRole('button', { name: '한국어' }).click();
    await expect(page.getByRole('region', { name: '클러스터 무대' })).toBeVisible();
    await expect(page).toHaveURL(/[?&]lang=ko(&|$)/);
    // Other parameters survive the switch (deep links keep working).
    await expect(page).toHaveURL(/[?&]step=2(&|$)/);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(watch.consoleErrors).toEqual([]);
  });

  test('works when served from a sub-path, as on GitHub Pages', async ({ page, watch }) => {
    await page.goto(`http://127.0.0.1:${subPathPort}${subPath}?lang=ko`);
    await expect(page.getByRole('region', { name: '클러스터 무대' })).toBeVisible();
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', './favicon.svg');
    // A request outside the sub-path would be a 404 here; the fixture fails on any.
    expect(watch.consoleErrors).toEqual([]);
  });

  test('ships a strict Content-Security-Policy', async ({ page }) => {
    await openApp(page, '?lang=en');
    const csp = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
