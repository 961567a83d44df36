import { mkdirSync } from 'node:fs';
import { expect, openApp, test } from './fixtures.ts';
import { story } from './story.ts';

/** Every step of both levels, as `?level=…&step=N` queries with the id the stage must show. */
const PICTURES = (['simple', 'detailed'] as const).flatMap((level) =>
  story.levels[level].map((step, i) => ({ level, n: i + 1, id: step.id })),
);
const shots = 'screenshots';

test.describe('layout', () => {
  test.beforeAll(() => {
    mkdirSync(shots, { recursive: true });
  });

  for (const lang of ['en', 'ko'] as const) {
    test(`every step fits a 1280×800 screen without scrolling (${lang})`, async ({
      page,
      watch,
    }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      for (const { level, n, id } of PICTURES) {
        await openApp(page, `?lang=${lang}&level=${level}&step=${n}`);
        await expect(page.getByTestId('stage')).toHaveAttribute('data-step', id);
        // Let packets and pods settle before measuring and photographing.
        await page.waitForTimeout(500);
        const size = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          scrollHeight: document.documentElement.scrollHeight,
        }));
        await page.screenshot({ path: `${shots}/desktop-${lang}-${level}-${n}-${id}.png` });
        expect(size.scrollWidth, `${level} ${id}: no horizontal scroll`).toBeLessThanOrEqual(1280);
        expect(size.scrollHeight, `${level} ${id}: no vertical scroll`).toBeLessThanOrEqual(800);
        // The panels under the diagram keep a readable height (they scroll inside).
        const panels = await page.getByTestId('panels').boundingBox();
        expect(panels?.height ?? 0, `${level} ${id}: panel height`).toBeGreaterThanOrEqual(130);
      }
      expect(watch.consoleErrors).toEqual([]);
    });

    test(`a 390×844 phone stacks the diagram without sideways scrolling (${lang})`, async ({
      page,
      watch,
    }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const { level, n, id } of PICTURES) {
        await openApp(page, `?lang=${lang}&level=${level}&step=${n}`);
        await expect(page.getByTestId('stage')).toHaveAttribute('data-step', id);
        await page.waitForTimeout(500);
        await page.screenshot({
          path: `${shots}/phone-${lang}-${level}-${n}-${id}.png`,
          fullPage: true,
        });
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scrollWidth, `${level} ${id}: no horizontal scroll`).toBeLessThanOrEqual(390);
        // Nothing sticks out of the screen, the pinned player included.
        const outside = await page.evaluate(() =>
          [
            ...document.querySelectorAll(
              '.player *, .stage *, .narration *, .level-switch *, .panels, .panel-tabs *',
            ),
          ]
            .filter((el) => {
              const r = el.getBoundingClientRect();
              const style = getComputedStyle(el);
              const drawn = style.visibility !== 'hidden' && style.opacity !== '0';
              return drawn && r.width > 0 && (r.right > 390.5 || r.left < -0.5);
            })
            .map((el) => el.className || el.tagName),
        );
        expect(outside, `${level} ${id}: elements off screen`).toEqual([]);
      }
      expect(watch.consoleErrors).toEqual([]);
    });
  }
});
