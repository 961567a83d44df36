import { expect, openApp, test } from './fixtures.ts';

/**
 * A big rollout in the lab at 1280×800: the stage grows far past the screen, yet the page
 * itself never scrolls (the stage's column does, so the player and narration stay in view),
 * and a step of thousands of messages lists only its newest hundred, saying how many it holds.
 */
test('a 120-replica deployment: no page scroll, the Messages list capped and extendable', async ({
  page,
  watch,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, '?lang=en');
  const input = page.getByTestId('kubectl-input');
  await input.fill('kubectl create deployment big --image=nginx --replicas=120');
  await input.press('Enter');
  await expect(page.getByTestId('kubectl-output')).toContainText('deployment.apps/big created');
  const capped = page.getByTestId('messages-capped');
  await expect(capped).toBeVisible({ timeout: 150_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  // Pausing may land a step later: go back to a capped one (the rollout's steps are).
  for (let i = 0; i < 10 && (await capped.count()) === 0; i++) {
    await page.getByRole('button', { name: 'Previous step' }).click();
  }
  await expect(capped).toContainText(/^The newest 100 of this step’s \d+ messages\./);
  await expect(page.locator('.message-list > li')).toHaveCount(100);
  await page.getByRole('button', { name: 'Show earlier ones' }).click();
  expect(await page.locator('.message-list > li').count()).toBeGreaterThan(100);
  const scroll = await page.evaluate(
    () => document.documentElement.scrollHeight - window.innerHeight,
  );
  expect(scroll, 'the page itself does not scroll').toBeLessThanOrEqual(0);
  expect(watch.consoleErrors).toEqual([]);
});
