import { run } from './console.ts';
import { expect, openApp, test } from './fixtures.ts';

/**
 * A 30-replica rollout in the lab at 1280×800, step by step. A node's pods sit in equal columns:
 * when a pod's STATUS word grows (Pending → ContainerCreating → Running) it keeps its place and
 * wraps the word inside its chip, instead of widening and pushing its neighbours into other
 * rows (which sent them flying about the node while nothing had happened to them).
 */
test('a rollout of 30: every pod keeps its place in its node while its status changes', async ({
  page,
  watch,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openApp(page, '?mode=lab&lang=en');
  await run(page, 'kubectl create deployment big --image=nginx --replicas=30');
  const next = page.getByRole('button', { name: 'Next step', exact: true });
  /** Per node: each of its pods' slot (left edge and width, relative to the node's list). */
  const places = () =>
    page
      .locator('[data-node-box] .node-pods > .pod-list:not(.pod-list--system)')
      .evaluateAll((lists) =>
        lists.map((list) => {
          const origin = list.getBoundingClientRect();
          return Object.fromEntries(
            [...list.querySelectorAll<HTMLElement>('[data-slot]')].map((slot) => {
              const r = slot.getBoundingClientRect();
              return [slot.dataset.slot, [Math.round(r.left - origin.left), Math.round(r.width)]];
            }),
          ) as Record<string, [number, number]>;
        }),
      );
  /** Chips whose words do not fit in them (the flying chip clips what overflows). */
  const clipped = () =>
    page
      .locator('.pod-flyer > .pod')
      .evaluateAll((pods) =>
        pods
          .filter((p) => p.scrollWidth > p.clientWidth + 1 || p.scrollHeight > p.clientHeight + 1)
          .map((p) => p.textContent),
      );
  /** Per node: the height of its list of pods. */
  const heights = () =>
    page
      .locator('[data-node-box] .node-pods > .pod-list:not(.pod-list--system)')
      .evaluateAll((lists) => lists.map((list) => Math.round(list.getBoundingClientRect().height)));
  let before = await places();
  let heightsBefore = await heights();
  let wrapped = 0;
  const statuses = new Set<string>();
  for (let step = 0; step < 40 && (await next.getAttribute('aria-disabled')) !== 'true'; step++) {
    await next.click();
    for (const s of await page
      .locator('[data-pod^="default/big-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status') ?? '')))
      statuses.add(s);
    const now = await places();
    for (const [i, pods] of now.entries()) {
      const widths = new Set(Object.values(pods).map(([, width]) => width));
      expect(widths.size, `node list ${i}: one chip width`).toBeLessThanOrEqual(1);
      // The same pods as before: not one of them moved.
      const same =
        Object.keys(pods).sort().join() ===
        Object.keys(before[i] ?? {})
          .sort()
          .join();
      if (same) expect(pods, `step ${step + 1}, node list ${i}`).toEqual(before[i]);
    }
    // A node's rows keep their height while its pods' statuses change: a pod going
    // ContainerCreating made its row a line taller and moved every row below it down.
    const heightsNow = await heights();
    for (const [i, pods] of now.entries()) {
      const same =
        Object.keys(pods).sort().join() ===
        Object.keys(before[i] ?? {})
          .sort()
          .join();
      if (same)
        expect(heightsNow[i], `step ${step + 1}, node list ${i}: height`).toBe(heightsBefore[i]);
    }
    heightsBefore = heightsNow;
    expect(await clipped(), `step ${step + 1}: chips that clip their words`).toEqual([]);
    // A wrapped STATUS word's halves start at the same place, after the mark (hanging indent).
    for (const [first, second] of await page
      .locator('.pod-flyer .pod-status')
      .evaluateAll((statuses) =>
        statuses.flatMap((status) => {
          const texts = [...status.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE);
          if (texts.length !== 2) return [];
          const left = (n: Node) => {
            const range = document.createRange();
            range.selectNodeContents(n);
            return range.getBoundingClientRect();
          };
          const [a, b] = texts.map(left) as [DOMRect, DOMRect];
          return b.top > a.top + 1 ? [[Math.round(a.left), Math.round(b.left)]] : [];
        }),
      )) {
      wrapped++;
      expect(second).toBe(first);
    }
    before = now;
  }
  // At 1280 px a long STATUS word fits its column on one line (a point smaller); a narrower
  // column would wrap it at its break point, the halves lined up as checked above.
  expect(wrapped, 'ContainerCreating on one line in its column at 1280 px').toBe(0);
  // The rollout went through the statuses whose words differ in width.
  expect([...statuses]).toEqual(expect.arrayContaining(['ContainerCreating', 'Running']));
  await expect(page.locator('[data-pod^="default/big-"][data-status="Running"]')).toHaveCount(30);
  expect(watch.consoleErrors).toEqual([]);
});

test('grouped by namespace, a chip names its node beside its status word, never over it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openApp(page, '?lang=ko&step=6');
  await page.getByTestId('group-by').selectOption('namespace');
  await expect(page.locator('.pod-layer[data-by-namespace]')).toHaveCount(1);
  const overlaps = await page.locator('.pod-flyer .pod-status').evaluateAll((statuses) =>
    statuses.flatMap((status) => {
      const tag = status.querySelector('.pod-node');
      const word = [...status.childNodes].find((n) => n.nodeType === Node.TEXT_NODE);
      if (!tag || !word) return [];
      const range = document.createRange();
      range.selectNodeContents(word);
      const w = range.getBoundingClientRect();
      const t = tag.getBoundingClientRect();
      const sameLine = t.top < w.bottom && w.top < t.bottom;
      // The tag's own text starts inside its box, too (no inherited indent pulls it out).
      const tagText = document.createRange();
      tagText.selectNodeContents(tag);
      const inside = tagText.getBoundingClientRect().left >= t.left;
      return (sameLine && t.left < w.right) || !inside ? [status.textContent] : [];
    }),
  );
  expect(await page.locator('.pod-flyer .pod-node').count()).toBeGreaterThanOrEqual(10);
  expect(overlaps).toEqual([]);
});
