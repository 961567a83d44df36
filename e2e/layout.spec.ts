import { mkdirSync } from 'node:fs';
import { expect, openApp, test } from './fixtures.ts';

const STEP_IDS = [
  'image-push',
  'api-request',
  'scheduler-choice',
  'kubelet',
  'image-pull',
  'pod-running',
];
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
      await openApp(page, `?lang=${lang}&step=1`);
      for (const [i, id] of STEP_IDS.entries()) {
        if (i > 0)
          await page
            .getByRole('button', { name: lang === 'en' ? 'Next step' : '다음 단계' })
            .click();
        await expect(page.getByTestId('stage')).toHaveAttribute('data-step', id);
        // Let packets and pods settle before measuring and photographing.
        await page.waitForTimeout(900);
        const size = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          scrollHeight: document.documentElement.scrollHeight,
        }));
        await page.screenshot({ path: `${shots}/desktop-${lang}-${i + 1}-${id}.png` });
        expect(size.scrollWidth, `${id}: no horizontal scroll`).toBeLessThanOrEqual(1280);
        expect(size.scrollHeight, `${id}: no vertical scroll`).toBeLessThanOrEqual(800);
      }
      expect(watch.consoleErrors).toEqual([]);
    });

    test(`a 390×844 phone stacks the diagram without sideways scrolling (${lang})`, async ({
      page,
      watch,
    }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await openApp(page, `?lang=${lang}&step=1`);
      for (const [i, id] of STEP_IDS.entries()) {
        if (i > 0)
          await page
            .getByRole('button', { name: lang === 'en' ? 'Next step' : '다음 단계' })
            .click();
        await expect(page.getByTestId('stage')).toHaveAttribute('data-step', id);
        await page.waitForTimeout(900);
        await page.screenshot({
          path: `${shots}/phone-${lang}-${i + 1}-${id}.png`,
          fullPage: true,
        });
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scrollWidth, `${id}: no horizontal scroll`).toBeLessThanOrEqual(390);
        // Nothing sticks out of the screen, the pinned player included.
        const outside = await page.evaluate(() =>
          [...document.querySelectorAll('.player *, .stage *')]
            .filter((el) => {
              const r = el.getBoundingClientRect();
              const style = getComputedStyle(el);
              const drawn = style.visibility !== 'hidden' && style.opacity !== '0';
              return drawn && r.width > 0 && (r.right > 390.5 || r.left < -0.5);
            })
            .map((el) => el.className || el.tagName),
        );
        expect(outside, `${id}: elements off screen`).toEqual([]);
      }
      expect(watch.consoleErrors).toEqual([]);
    });
  }
});
