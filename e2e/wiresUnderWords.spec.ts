import { expect, openApp, test } from './fixtures.ts';

/**
 * A wire that crosses a node box (from the API server to the next node's kubelet, or down a
 * phone's stacked nodes) passes under the node's words, as it passes under the cards: the words
 * look exactly the same with the wires drawn or not. Before, a wire struck through "node2
 * worker node", "No pods of yours yet" and the "+1 kube-system" disclosure.
 */
for (const [width, height, step] of [
  [1280, 800, 3],
  [390, 844, 4],
] as const) {
  test(`${width}×${height}: no wire is drawn over a node's name, role, empty line or disclosure`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openApp(page, `?lang=en&level=simple&step=${step}`);
    // Through the CSSOM (the page's CSP allows no inline style sheet).
    const hide = (selector: string) =>
      page.evaluate((sel) => {
        for (const el of document.querySelectorAll<HTMLElement | SVGElement>(sel))
          el.style.visibility = 'hidden';
      }, selector);
    await hide('.packets, .pod-layer');
    const words = page.locator(
      '[data-node-box] :is(.node-name, .node-role, .node-empty, .system-pods summary)',
    );
    expect(await words.count()).toBeGreaterThanOrEqual(12);
    const pictures = async () => {
      const shots: Buffer[] = [];
      for (const word of await words.all()) {
        // The box's inside, whole pixels only: a wire may pass just beside it.
        // In the page's coordinates: on a phone most of the stage is scrolled out of view.
        const b = await word.evaluate((el) => {
          const r = el.getBoundingClientRect();
          return { x: r.x + window.scrollX, y: r.y + window.scrollY, w: r.width, h: r.height };
        });
        const x = Math.ceil(b.x) + 1;
        const y = Math.ceil(b.y) + 1;
        const clip = {
          x,
          y,
          width: Math.floor(b.x + b.w) - 1 - x,
          height: Math.floor(b.y + b.h) - 1 - y,
        };
        shots.push(await page.screenshot({ clip, fullPage: true }));
      }
      return shots;
    };
    const withWires = await pictures();
    await hide('.edges');
    const without = await pictures();
    const names = await words.allTextContents();
    const struck = names.filter((_, i) => !withWires[i]?.equals(without[i] as Buffer));
    expect(struck, 'words a wire is drawn over').toEqual([]);
  });
}
