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
