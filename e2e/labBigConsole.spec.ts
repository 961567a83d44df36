import type { Page } from '@playwright/test';
import { axeViolations, waitForPacketLabels } from './axe.ts';
import { output, run } from './console.ts';
import { expect, openApp, test } from './fixtures.ts';

/**
 * "Bigger console" in the lab on a laptop screen (1280×800): the learner reading a long
 * `kubectl describe` gives the console the side column. The output box shows clearly more
 * lines, the narration folds to its title with its whole text one click away ("Read more"), the
 * page still never scrolls, the choice survives a reload, and turning it off gives today's
 * layout back. Where the page scrolls (a phone) nothing folds and there is no toggle.
 */

const toggle = (page: Page) => page.getByTestId('lab-console-room');
const narration = (page: Page) => page.getByTestId('narration');
const narrationText = (page: Page) => narration(page).locator('.narration-text');

/** How many lines of console output the box shows at once (its height over the line height). */
const visibleLines = (page: Page) =>
  output(page).evaluate((el) => {
    const line = Number.parseFloat(getComputedStyle(el).lineHeight);
    return Math.floor(el.clientHeight / line);
  });

/** Whether a box that scrolls shows the end of its content. */
const atEnd = (el: Element) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2;

/** How far the page itself can scroll, each way (0 when it fits). */
const pageOverflow = (page: Page) =>
  page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }));

/** The lab with a deployment described: more output than any side column shows. */
async function describedLab(page: Page, lang: 'en' | 'ko'): Promise<void> {
  await openApp(page, `?mode=lab&lang=${lang}`);
  await run(page, 'kubectl create deployment web --image=nginx');
  const text = await run(page, 'kubectl describe deployment web');
  expect(text).toMatch(/^Name: +web\nNamespace: +default\n/);
  // The describe's last step on the stage: the narration is the one the learner reads.
  const last = lang === 'en' ? /^Step (\d+) of \1$/ : /^(\d+)단계 중 \1단계$/;
  await expect(page.getByTestId('progress')).toHaveText(last, { timeout: 20_000 });
}

test.describe('Bigger console', () => {
  test('1280×800: the output shows far more lines, the narration folds to one click away, and it survives a reload', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await describedLab(page, 'en');
    await expect(toggle(page)).toHaveAccessibleName('Bigger console');
    await expect(toggle(page)).toHaveAttribute('aria-pressed', 'false');
    const title = (await narration(page).locator('.narration-title').textContent()) ?? '';
    const fullText = (await narrationText(page).textContent()) ?? '';
    expect(fullText.length).toBeGreaterThan(80);
    const before = {
      lines: await visibleLines(page),
      output: await output(page).boundingBox(),
      narration: await page.locator('.narration').boundingBox(),
    };
    await expect(narrationText(page)).toBeVisible();
    await expect(page.getByTestId('narration-fold')).toHaveCount(0);

    // With the keyboard, as a button: Space presses it (and does not play the timeline).
    await toggle(page).focus();
    await page.keyboard.press('Space');
    await expect(toggle(page)).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('progress')).toHaveText(/^Step (\d+) of \1$/);
    const bigLines = await visibleLines(page);
    // A clear margin: more than half as many lines again, and at least six more.
    expect(bigLines, `${before.lines} lines before`).toBeGreaterThanOrEqual(before.lines + 6);
    expect(bigLines / before.lines).toBeGreaterThan(1.5);
    // The newest output is still in view at the bottom of the bigger box.
    await expect(output(page).locator('pre').last()).toContainText('ScalingReplicaSet');
    expect(await output(page).evaluate(atEnd)).toBe(true);

    // The narration shows its title; the rest is one click away, and the page does not scroll.
    await expect(narration(page).locator('.narration-title')).toHaveText(title);
    await expect(narration(page).locator('.narration-title')).toBeInViewport();
    const fold = page.getByRole('button', { name: 'Read more' });
    await expect(fold).toBeVisible();
    await expect(fold).toHaveAttribute('aria-expanded', 'false');
    expect((await narrationText(page).boundingBox())?.height ?? 0).toBeLessThanOrEqual(1);
    // Still the live region's text: screen readers hear every step as before.
    await expect(narrationText(page)).toHaveText(fullText);
    expect(await pageOverflow(page)).toEqual({ x: 0, y: 0 });
    // The player keeps its counter and its buttons.
    for (const name of ['Restart', 'Previous step', 'Play', 'Next step']) {
      await expect(page.getByRole('button', { name, exact: true })).toBeInViewport();
    }

    await fold.click();
    const less = page.getByRole('button', { name: 'Show less' });
    await expect(less).toHaveAttribute('aria-expanded', 'true');
    await expect(narrationText(page)).toBeVisible();
    await expect(narrationText(page)).toHaveText(fullText);
    // Unfolded, the box is today's: it scrolls to the text's last line.
    const box = page.locator('.narration');
    await box.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    const end = await narrationText(page).evaluate((el) => {
      const text = el.getBoundingClientRect();
      const frame = (el.closest('.narration') as HTMLElement).getBoundingClientRect();
      return { text: text.bottom, frame: frame.bottom };
    });
    expect(end.text).toBeLessThanOrEqual(end.frame);
    await less.click();
    await expect(page.getByRole('button', { name: 'Read more' })).toBeVisible();

    // Off again: today's layout, to the pixel.
    await toggle(page).click();
    await expect(toggle(page)).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('narration-fold')).toHaveCount(0);
    await expect(narrationText(page)).toBeVisible();
    expect(await output(page).boundingBox()).toEqual(before.output);
    expect(await page.locator('.narration').boundingBox()).toEqual(before.narration);
    // The smaller box still ends with the newest line, not eight lines above it.
    expect(await output(page).evaluate(atEnd)).toBe(true);

    // On, then a reload: the choice is kept (folded again, the console big).
    await toggle(page).click();
    await page.reload();
    await expect(page.getByTestId('stage')).toBeVisible();
    await expect(toggle(page)).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: 'Read more' })).toBeVisible();
    await expect.poll(() => visibleLines(page)).toBeGreaterThanOrEqual(before.lines + 6);
    // Off, then a reload: off stays off.
    await toggle(page).click();
    await page.reload();
    await expect(page.getByTestId('stage')).toBeVisible();
    await expect(toggle(page)).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('narration-fold')).toHaveCount(0);
  });

  test('Korean at 1366×768: 콘솔 크게 folds the narration to 더 보기, with no axe violations', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await describedLab(page, 'ko');
    const before = await visibleLines(page);
    await page.getByRole('button', { name: '콘솔 크게' }).click();
    await expect(toggle(page)).toHaveAttribute('aria-pressed', 'true');
    expect(await visibleLines(page)).toBeGreaterThanOrEqual(before + 6);
    // The column is wider too where the stage can spare it (here it keeps its 900 px).
    const stage = await page.getByTestId('stage').boundingBox();
    expect(stage?.width ?? 0).toBeGreaterThanOrEqual(880);
    const more = page.getByRole('button', { name: '더 보기' });
    await expect(more).toBeVisible();
    expect(await pageOverflow(page)).toEqual({ x: 0, y: 0 });
    await waitForPacketLabels(page);
    expect(await axeViolations(page)).toEqual([]);
    await more.click();
    await expect(page.getByRole('button', { name: '접기' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect(await axeViolations(page)).toEqual([]);
  });

  test('on a phone the choice changes nothing: no toggle, the narration whole', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('./');
    await page.evaluate(() => localStorage.setItem('kim.labui.v1', '{"bigConsole":true}'));
    await openApp(page, '?mode=lab&lang=en');
    await expect(output(page)).toBeVisible();
    await expect(toggle(page)).toBeHidden();
    await expect(page.getByTestId('narration-fold')).toBeHidden();
    const text = narrationText(page);
    await expect(text).toBeVisible();
    expect((await text.boundingBox())?.height ?? 0).toBeGreaterThan(40);
    expect((await pageOverflow(page)).x).toBe(0);
  });

  test('a corrupt or foreign saved choice loads as off, with no error', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('./');
    for (const value of ['{not json', '[true]', '{"bigConsole":"yes"}', 'null']) {
      await page.evaluate((v) => localStorage.setItem('kim.labui.v1', v), value);
      await openApp(page, '?mode=lab&lang=en');
      await expect(toggle(page), value).toHaveAttribute('aria-pressed', 'false');
      await expect(narrationText(page)).toBeVisible();
    }
    // The next press writes a good value over it.
    await toggle(page).click();
    expect(await page.evaluate(() => localStorage.getItem('kim.labui.v1'))).toBe(
      '{"bigConsole":true}',
    );
  });
});
