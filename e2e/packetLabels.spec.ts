import { expect, openApp, test } from './fixtures.ts';

/**
 * A packet's label flies with its dot and must stay whole: the stage's edge used to cut the
 * kubelet → container runtime labels on node1, at the stage's left edge ("eateContainer nginx",
 * "PullI…"). Every label of the simple tour's node steps is sampled while it is up: inside the
 * stage and not shortened.
 */
for (const [width, height] of [
  [1024, 768],
  [1280, 800],
  [1440, 900],
] as const) {
  test(`the node steps' packet labels stay whole inside the stage at ${width}×${height}`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    const seen = new Map<string, string>();
    for (const step of [4, 5, 6]) {
      await openApp(page, `?lang=en&step=${step}`);
      // The step's packets fly one after the other; sample until the last label has shown.
      for (let t = 0; t < 16; t++) {
        const labels = await page.evaluate(() => {
          const layer = document.querySelector('.packets')?.getBoundingClientRect();
          return [...document.querySelectorAll<HTMLElement>('.packet-label')]
            .filter((e) => layer && Number(getComputedStyle(e).opacity) > 0.3)
            .map((e) => {
              const b = e.getBoundingClientRect();
              const inside =
                layer !== undefined &&
                b.left >= layer.left - 1 &&
                b.right <= layer.right + 1 &&
                b.top >= layer.top - 1 &&
                b.bottom <= layer.bottom + 1;
              const whole = e.scrollWidth <= e.clientWidth + 1;
              return { text: e.textContent ?? '', inside, whole };
            });
        });
        for (const l of labels) {
          const verdict = !l.inside ? 'cut by the stage' : !l.whole ? 'shortened' : 'whole';
          if (seen.get(l.text) !== 'cut by the stage' && seen.get(l.text) !== 'shortened')
            seen.set(l.text, verdict);
        }
        await page.waitForTimeout(120);
      }
    }
    // The kubelet's requests to its container runtime were among them, all whole.
    for (const label of ['RunPodSandbox', 'PullImage nginx', 'CreateContainer nginx']) {
      expect(seen.get(label), label).toBe('whole');
    }
    expect([...seen].filter(([, v]) => v !== 'whole')).toEqual([]);
  });
}

/**
 * No text on the moving diagram is ever drawn half transparent: a fading label or number is text
 * of too little contrast for as long as the fade lasts, which an audit taken mid-flight reports
 * (Lighthouse did, at 97). Every opacity animation on an element that holds text (CSS animations
 * and script ones alike, as `document.getAnimations()` lists them while the step plays) must go
 * from one value to another within a frame, at the desktop (dots, "+N", labels) and phone (the
 * player's ticker) sizes.
 */
for (const [width, height, where] of [
  [1280, 800, '.packets'],
  [390, 844, '#packet-ticker'],
] as const) {
  test(`text on the moving diagram switches, never fades, at ${width}×${height}`, async ({
    page,
    watch,
  }) => {
    await page.setViewportSize({ width, height });
    // The simple tour's API request (five packets, two on one route: "+1") and the detailed
    // tour's kubelet step (fifteen), each played to its end.
    for (const query of ['level=simple&step=2', 'level=detailed&step=8']) {
      await openApp(page, `?lang=en&${query}`);
      const seen = new Map<string, number>();
      for (let t = 0; t < 25; t++) {
        const now = await page.evaluate((root) => {
          const found: { key: string; slow: number }[] = [];
          for (const animation of document.getAnimations()) {
            const effect = animation.effect as KeyframeEffect | null;
            const target = effect?.target;
            if (!effect || !target?.closest(root) || !target.textContent?.trim()) continue;
            const frames = effect.getKeyframes().filter((k) => k.opacity !== undefined);
            if (frames.length < 2) continue;
            const duration = Number(effect.getTiming().duration);
            let slow = 0;
            for (let i = 1; i < frames.length; i++) {
              const ms =
                ((frames[i]?.computedOffset as number) -
                  (frames[i - 1]?.computedOffset as number)) *
                duration;
              if (Number(frames[i]?.opacity) !== Number(frames[i - 1]?.opacity))
                slow = Math.max(slow, ms);
            }
            const name = 'animationName' in animation ? String(animation.animationName) : '';
            found.push({
              key: `${target.className} "${target.textContent}" ${name}`,
              slow: Math.round(slow),
            });
          }
          return found;
        }, where);
        for (const { key, slow } of now) seen.set(key, Math.max(slow, seen.get(key) ?? 0));
        await page.waitForTimeout(200);
      }
      // The step's packets were there, animating: the check looked at something.
      expect(seen.size).toBeGreaterThan(4);
      expect([...seen].filter(([, slow]) => slow > 17)).toEqual([]);
    }
    expect(watch.consoleErrors).toEqual([]);
  });
}

/**
 * A speed change in the middle of a step leaves the packets already on their way alone: their
 * timing would otherwise jump, and a dot that had arrived would vanish and fly again. The next
 * step takes the new speed.
 */
test('changing the speed mid-step keeps the flying packets; the next step plays at it', async ({
  page,
  watch,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, '?lang=en&level=simple&step=2');
  const packet = page.locator('[data-packet]');
  const delays = () =>
    packet.evaluateAll((els) =>
      els.map((e) => (e as HTMLElement).style.getPropertyValue('--delay')),
    );
  const turn = async () =>
    Number.parseFloat(
      await packet.first().evaluate((e) => (e as HTMLElement).style.getPropertyValue('--turn')),
    );
  const shownDots = () =>
    page
      .locator('.packet-dot')
      .evaluateAll((els) => els.filter((e) => getComputedStyle(e).opacity === '1').length);
  // The second packet's dot is up: two dots have had their turn.
  await expect.poll(shownDots).toBeGreaterThanOrEqual(2);
  const before = await delays();
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('0.5');
  // Half the speed would double every delay: the second dot would be hidden again.
  expect(await delays()).toEqual(before);
  expect(await shownDots()).toBeGreaterThanOrEqual(2);
  // The next step's packets take turns twice as long as at 1×.
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'scheduler-choice');
  const slow = await turn();
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('1');
  await page.getByRole('button', { name: 'Previous step' }).click();
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'scheduler-choice');
  expect(slow).toBeGreaterThan(0);
  expect(slow).toBeCloseTo(2 * (await turn()), 2);
  expect(watch.consoleErrors).toEqual([]);
});
