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

/** How much of box `a` lies on box `b`, in square pixels. */
function overlap(
  a: { x: number; y: number; width: number; height: number } | null,
  b: { x: number; y: number; width: number; height: number } | null,
): number {
  if (!a || !b) return -1;
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

for (const [width, height] of [
  [1280, 800],
  [1440, 900],
] as const) {
  test(`the dry-run label stays off the API server's card at ${width}×${height}`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await openApp(page, '?mode=lab&lang=en');
    await run(page, 'kubectl create deployment api --image=nginx --dry-run=client -o yaml');
    // The laptop's own message (the last step's packets may still be fading out).
    const label = page.locator('[data-packet$="-laptop"] .packet-label');
    await expect(label).toHaveText('--dry-run=client');
    const card = page.getByTestId('stage').locator('[data-component="api-server"]');
    const laptop = page.getByTestId('stage').locator('[data-component="developer"]');
    await expect
      .poll(async () => overlap(await label.boundingBox(), await card.boundingBox()))
      .toBe(0);
    expect(overlap(await label.boundingBox(), await laptop.boundingBox())).toBe(0);
  });
}

test('the detailed level rests its dots apart in the gap beside the API server', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // A dot is 22 px across. Steps 7 and 8 rest four or five dots between the API server and its
  // three cards (they sat 25.6 px apart, touching): now with air between them. Step 11's two
  // dots by the controller manager lay on top of each other (3.5 px).
  for (const [step, least] of [
    [7, 30],
    [8, 30],
    [11, 22],
  ] as const) {
    await openApp(page, `?lang=en&level=detailed&step=${step}`);
    const dots = page.locator('[data-packet][data-lead="true"] .packet-dot');
    await expect(dots.first()).toBeVisible();
    // Once the flights are over, each route's dot rests where it stays.
    await page.waitForTimeout(5000);
    const centres = await dots.evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }),
    );
    let closest = Number.POSITIVE_INFINITY;
    for (const [i, a] of centres.entries()) {
      for (const b of centres.slice(i + 1)) {
        closest = Math.min(closest, Math.hypot(a.x - b.x, a.y - b.y));
      }
    }
    expect(closest, `step ${step}: the closest two resting dots`).toBeGreaterThanOrEqual(least);
  }
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
