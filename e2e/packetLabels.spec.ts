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
 * (Lighthouse did, at 97). Every opacity animation started on an element that holds text (each
 * `Element.animate` call is recorded as it is made, so the check does not depend on when it
 * looks) must go from one value to another within a frame, at the desktop (dots, "+N", labels)
 * and phone (the player's ticker) sizes.
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
    await page.addInitScript((root) => {
      const seen: { text: string; slow: number }[] = [];
      (window as unknown as { opacitySeen: typeof seen }).opacitySeen = seen;
      const animate = Element.prototype.animate;
      Element.prototype.animate = function (this: Element, ...args: Parameters<typeof animate>) {
        const animation = animate.apply(this, args);
        const effect = animation.effect as KeyframeEffect;
        const frames = effect.getKeyframes().filter((k) => k.opacity !== undefined);
        if (this.closest(root) && this.textContent?.trim() && frames.length > 1) {
          const duration = Number(effect.getTiming().duration);
          let slow = 0;
          for (let i = 1; i < frames.length; i++) {
            const ms =
              ((frames[i]?.computedOffset as number) - (frames[i - 1]?.computedOffset as number)) *
              duration;
            if (Number(frames[i]?.opacity) !== Number(frames[i - 1]?.opacity))
              slow = Math.max(slow, ms);
          }
          seen.push({ text: `${this.className} "${this.textContent}"`, slow: Math.round(slow) });
        }
        return animation;
      };
    }, where);
    // The simple tour's API request (five packets, two on one route: "+1") and the detailed
    // tour's kubelet step (fifteen), each played to its end.
    for (const query of ['level=simple&step=2', 'level=detailed&step=8']) {
      await openApp(page, `?lang=en&${query}`);
      await page.waitForTimeout(5000);
      const seen = await page.evaluate(
        () => (window as unknown as { opacitySeen: { text: string; slow: number }[] }).opacitySeen,
      );
      // The step's packets were there, animating: the check looked at something.
      expect(seen.length).toBeGreaterThan(4);
      expect(seen.filter((s) => s.slow > 17)).toEqual([]);
    }
    expect(watch.consoleErrors).toEqual([]);
  });
}
