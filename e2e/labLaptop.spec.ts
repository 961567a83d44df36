import { run } from './console.ts';
import { expect, openApp, test } from './fixtures.ts';

/**
 * Work kubectl does on the laptop alone is drawn: a `--dry-run=client` line shows the laptop
 * acting on itself (one message at its corner, no wire to the API server), and the side column
 * keeps the narration in view under the player at 1280×800. A 1920×1080 screen draws the stage
 * larger instead of leaving half the screen empty.
 */

test('a client dry run shows the laptop acting on itself, with nothing sent', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, '?mode=lab&lang=en');
  await run(page, 'kubectl create deployment api --image=nginx --dry-run=client -o yaml');
  const stage = page.getByTestId('stage');
  await expect(stage.locator('[data-active="true"]')).toHaveCount(1);
  await expect(stage.locator('[data-component="developer"]')).toHaveAttribute(
    'data-active',
    'true',
  );
  await expect(page.locator('.message-route')).toHaveText(['Developer → Developer']);
  await expect(page.locator('.message-summary')).toHaveText([
    'kubectl builds Deployment/api on the laptop and prints it. No request leaves the laptop: the API server hears nothing.',
  ]);
});

test('after ssh node1 the lab narration stays below the player, not under it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, '?mode=lab&lang=en');
  await run(page, 'kubectl create deployment api --image=nginx --dry-run=client -o yaml');
  await run(page, 'ssh node1');
  await expect(page.getByTestId('narration')).toContainText('node1');
  const side = await page.locator('.side').evaluate((e) => e.scrollHeight - e.clientHeight);
  expect(side).toBeLessThanOrEqual(1);
  const player = await page.locator('.player').boundingBox();
  const narration = await page.getByTestId('narration').boundingBox();
  expect(narration?.y ?? 0).toBeGreaterThanOrEqual((player?.y ?? 0) + (player?.height ?? 0));
});

test('a 1920×1080 screen draws the tour larger', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openApp(page, '?lang=en&step=4');
  const stage = await page.getByTestId('stage').boundingBox();
  expect(stage?.height ?? 0).toBeGreaterThan(620);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
    1080,
  );
});
