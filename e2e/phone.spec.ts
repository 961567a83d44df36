import { expect, openApp, test } from './fixtures.ts';

/** The phone-sized page: what the diagram has no room for is said elsewhere, readably. */
test.describe('phone', () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
  });

  for (const [lang, speed, route] of [
    ['en', 'Speed', 'Developer → API server'],
    ['ko', '속도', '개발자 → API 서버'],
  ] as const) {
    test(`the pinned player names the flying packet and its speed select has a name (${lang})`, async ({
      page,
      watch,
    }) => {
      await openApp(page, `?lang=${lang}&level=simple&step=2`);
      await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'api-request');
      // The step's first packet: kubectl's POST, from the developer's laptop to the API server.
      const first = page.locator('#packet-ticker .ticker-item').first();
      await expect(first).toContainText('POST …/deployments');
      await expect(first).toContainText(route);
      await expect(page.locator('#packet-ticker')).toBeVisible();
      await expect(page.getByRole('combobox', { name: speed })).toBeVisible();
      expect(watch.consoleErrors).toEqual([]);
    });
  }

  test('wide screens keep the labels on the stage and draw no ticker', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openApp(page, '?lang=en&level=simple&step=2');
    await expect(page.locator('#packet-ticker')).toBeHidden();
    await expect(page.locator('#packet-ticker .ticker-item')).toHaveCount(0);
  });

  test('the scheduler decision fits the phone: every node with its total, no sideways scroll', async ({
    page,
  }) => {
    await openApp(page, '?lang=en&level=simple&step=3');
    const table = page.getByTestId('decision');
    await expect(table).toBeVisible();
    const overflow = await table
      .locator('.decision-scroll')
      .evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const node of ['node1', 'node2', 'node3']) {
      const total = table.locator(`[data-decision-node="${node}"] .decision-total`);
      await expect(total).toHaveText('692');
      const box = await total.boundingBox();
      expect(box && box.x + box.width, `${node}: total on screen`).toBeLessThanOrEqual(390);
    }
    await expect(
      table.locator('[data-decision-node="control-plane"] .decision-reason'),
    ).toContainText('node(s) had untolerated taint');
  });
});
