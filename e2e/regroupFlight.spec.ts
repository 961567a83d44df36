import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/**
 * The regroup benchmark's cluster (300 pods on 30 nodes, `?bench=regroup`): how the pods fly when
 * the grouping changes. The flights are stopped at a chosen moment (Web Animations' `pause` and
 * `currentTime`), so what is checked does not depend on the machine's speed.
 */

interface Drawn {
  pod: string;
  x: number;
  y: number;
  flying: boolean;
}

/** Every pod's drawn top-left corner, and whether it is flying (moving, not only fading). */
function drawn(page: Page): Promise<Drawn[]> {
  return page.locator('[data-pod]').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return {
        pod: el.getAttribute('data-pod') ?? '',
        x: r.left,
        y: r.top,
        // A flight animates the transform (a fade in or out is a CSS transition of opacity).
        flying: el
          .getAnimations()
          .some(
            (a) =>
              a.playState !== 'finished' &&
              a.effect instanceof KeyframeEffect &&
              a.effect.getKeyframes().some((k) => 'transform' in k),
          ),
      };
    }),
  );
}

/** Switch the grouping and wait for the frame that starts the flights; freeze them at `ms`. */
async function switchAndFreeze(page: Page, value: 'node' | 'namespace', ms: number) {
  await page.getByTestId('group-by').selectOption(value);
  await page.evaluate(
    (at) =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => {
          for (const el of document.querySelectorAll('[data-pod]')) {
            for (const a of el.getAnimations()) {
              a.pause();
              a.currentTime = at;
            }
          }
          resolve();
        }),
      ),
    ms,
  );
}

/** End every running flight at once (their end is where the pods rest). */
async function land(page: Page) {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('[data-pod]')) {
      for (const a of el.getAnimations()) a.finish();
    }
  });
}

const byPod = (list: Drawn[]) => new Map(list.map((d) => [d.pod, d]));

test.describe('regrouping 300 pods', () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('./?bench=regroup&lang=en');
    await expect(page.locator('[data-pod]')).toHaveCount(300);
    await expect(page.locator('[data-pod][data-shown="true"]').first()).toBeVisible();
  });

  test('half way through its flight a pod is half way between its node and its namespace box', async ({
    page,
  }) => {
    const before = byPod(await drawn(page));
    await switchAndFreeze(page, 'namespace', 300);
    const middle = await drawn(page);
    const flying = middle.filter((d) => d.flying);
    // The pods on screen fly (those whose old and new places are both off screen jump).
    expect(flying.length).toBeGreaterThan(10);
    await land(page);
    const after = byPod(await drawn(page));
    for (const d of flying) {
      const from = before.get(d.pod);
      const to = after.get(d.pod);
      if (!from || !to) throw new Error(`${d.pod} not drawn`);
      // ease-in-out is symmetric: half the time is half the way (whole pixels, so ±1.5 px).
      expect(Math.abs(d.x - (from.x + to.x) / 2), `${d.pod} x`).toBeLessThanOrEqual(1.5);
      expect(Math.abs(d.y - (from.y + to.y) / 2), `${d.pod} y`).toBeLessThanOrEqual(1.5);
    }
    // And it lands in its namespace's box.
    const landed = await page.locator('[data-pod][data-shown="true"]').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        const box = [...document.querySelectorAll('[data-namespace-box]')].find((b) => {
          const q = b.getBoundingClientRect();
          return x >= q.left && x <= q.right && y >= q.top && y <= q.bottom;
        });
        return `${el.getAttribute('data-namespace')} in ${box?.getAttribute('data-namespace-box')}`;
      }),
    );
    expect(landed).toHaveLength(300);
    for (const line of landed) {
      const [ns] = line.split(' ');
      expect(line).toBe(`${ns} in ${ns}`);
    }
  });

  test('switching back mid-flight turns the pods round where they are, without a jump', async ({
    page,
  }) => {
    await switchAndFreeze(page, 'namespace', 200);
    const turning = byPod((await drawn(page)).filter((d) => d.flying));
    expect(turning.size).toBeGreaterThan(10);
    // Back to the nodes: the new flights start from where each pod is drawn now.
    await switchAndFreeze(page, 'node', 0);
    for (const d of await drawn(page)) {
      const was = turning.get(d.pod);
      if (!was) continue;
      expect(Math.abs(d.x - was.x), `${d.pod} x`).toBeLessThanOrEqual(1.5);
      expect(Math.abs(d.y - was.y), `${d.pod} y`).toBeLessThanOrEqual(1.5);
    }
  });
});
