/**
 * Hardening: clicking as fast as a browser can never desyncs the picture from the player, and
 * never logs an error (the `watch` fixture fails the test on any console error).
 */
import { expect, openApp, test } from './fixtures.ts';
import { say, story } from './story.ts';

/** A seeded walk of Next/Previous presses; returns the presses and where they end (0-based). */
function walk(presses: number, steps: number, seed: number): { next: boolean[]; end: number } {
  let state = seed >>> 0;
  const next: boolean[] = [];
  let cursor = 0;
  for (let i = 0; i < presses; i++) {
    // xorshift32: deterministic, so a failure can be replayed.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    // Lean forwards (60 %) so the walk reaches the far end too.
    const forward = state % 10 < 6;
    next.push(forward);
    cursor = forward ? Math.min(steps - 1, cursor + 1) : Math.max(0, cursor - 1);
  }
  return { next, end: cursor };
}

for (const level of ['simple', 'detailed'] as const) {
  test(`1,000 rapid Next/Previous clicks end on the right ${level} step`, async ({
    page,
    watch,
  }) => {
    const steps = story.levels[level];
    const { next, end } = walk(1000, steps.length, level === 'simple' ? 7 : 11);
    await openApp(page, `?lang=en&level=${level}&step=1`);
    const stage = page.getByTestId('stage');
    await expect(stage).toHaveAttribute('data-step', steps[0]?.id ?? '');
    // All 1,000 clicks in one task, on the real buttons, as fast as the browser dispatches them.
    await page.evaluate((presses) => {
      const button = (name: string) =>
        [...document.querySelectorAll('button')].find(
          (b) => b.getAttribute('aria-label') === name || b.textContent?.trim() === name,
        );
      const forward = button('Next step');
      const back = button('Previous step');
      if (!forward || !back) throw new Error('player buttons not found');
      for (const p of presses) (p ? forward : back).click();
    }, next);
    const expected = steps[end];
    expect(expected).toBeDefined();
    await expect(stage).toHaveAttribute('data-step', expected?.id ?? '');
    await expect(page.getByTestId('narration')).toContainText(
      say('en', expected?.title ?? { key: 'app.title' }),
    );
    await expect(page).toHaveURL(new RegExp(`[?&]step=${end + 1}(&|$)`));
    // And real pointer clicks, interleaved fast, still agree.
    const forward = page.getByRole('button', { name: 'Next step', exact: true });
    const back = page.getByRole('button', { name: 'Previous step', exact: true });
    let cursor = end;
    for (let i = 0; i < 40; i++) {
      const goForward = i % 3 !== 2 && cursor < steps.length - 1;
      if (goForward) await forward.click({ delay: 0 });
      else if (cursor > 0) await back.click({ delay: 0 });
      else continue;
      cursor += goForward ? 1 : -1;
    }
    await expect(stage).toHaveAttribute('data-step', steps[cursor]?.id ?? '');
    expect(watch.consoleErrors).toEqual([]);
  });
}
