import { expect, openApp, test } from './fixtures.ts';

/**
 * Stepping through the tour, the diagram keeps its height: when the first pod waits in the
 * scheduler's tray or lands on a node, the line that said "No pod is waiting" / "No pods of
 * yours yet" already held a chip's room, so the panels under the stage (or, on a phone,
 * everything under the diagram) do not jump down a step and back.
 */
for (const [width, height] of [
  [1280, 800],
  [390, 844],
] as const) {
  for (const level of ['simple', 'detailed'] as const) {
    test(`${width}×${height}, ${level}: the stage keeps its height from the first step to the last`, async ({
      page,
      watch,
    }) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await openApp(page, `?lang=en&level=${level}`);
      const next = page.getByRole('button', { name: 'Next step', exact: true });
      const heights: string[] = [];
      for (let i = 0; i < 20; i++) {
        const step = await page.getByTestId('stage').getAttribute('data-step');
        const box = await page.getByTestId('stage').boundingBox();
        heights.push(`${step}: ${Math.round(box?.height ?? 0)}`);
        if ((await next.getAttribute('aria-disabled')) === 'true') break;
        await next.click();
        await expect(page.getByTestId('stage')).not.toHaveAttribute('data-step', step ?? '');
      }
      expect(heights.length).toBeGreaterThanOrEqual(6);
      const first = heights[0]?.split(': ')[1];
      // One pixel either way: a chip's 1.5 px borders round differently from the reserved room.
      const off = heights.filter((h) => Math.abs(Number(h.split(': ')[1]) - Number(first)) > 1);
      expect(off, heights.join(', ')).toEqual([]);
      expect(watch.consoleErrors).toEqual([]);
    });
  }
}
