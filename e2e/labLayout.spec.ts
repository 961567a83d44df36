import type { Page } from '@playwright/test';
import { input, run } from './console.ts';
import { expect, openApp, test } from './fixtures.ts';

/**
 * The lab's layout on the production build: at 1280×800 the stage, the player, the console and
 * the panels are all on one screen with no page scrolling (the panels scroll inside
 * themselves; the Files tab takes more room and the stage's column scrolls up for it), in English and Korean, with the study note's namespaces created; on a phone
 * (390×844) everything stacks with no sideways scroll. Before the first command there is no
 * "Step 0 of 0".
 */

const PLAYED = { timeout: 25_000 };
const panels = (page: Page) => page.getByTestId('lab-panels');

async function openLab(page: Page, lang: 'en' | 'ko'): Promise<void> {
  await openApp(page, `?mode=lab&lang=${lang}`);
  await expect(panels(page)).toBeVisible({ timeout: 20_000 });
}

/** How far the page itself can scroll, each way (0 when it fits). */
const pageOverflow = (page: Page) =>
  page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }));

/** The element's box, which must exist. */
async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  expect(b, selector).not.toBeNull();
  return b as { x: number; y: number; width: number; height: number };
}

/** The study note's namespaces, a pod in blue, and the editor open: a busy lab. */
async function busyLab(page: Page): Promise<void> {
  for (const ns of ['blue', 'orange', 'green']) await run(page, `kubectl create namespace ${ns}`);
  await run(page, 'kubectl create -f nginx.yaml -n blue');
  await expect(page.locator('[data-pod="blue/nginx"]')).toHaveAttribute(
    'data-status',
    'Running',
    PLAYED,
  );
  await run(page, 'vim nginx.yaml');
  await expect(page.getByTestId('lab-editor')).toBeVisible();
  // The editor opens in view with room for the manifest (the stage's column scrolls up for it).
  await expect(page.getByTestId('lab-editor-input')).toBeInViewport();
  // How many pixels of the text area show: on screen and inside the panel that scrolls it.
  const shown = () =>
    page.evaluate(() => {
      const area = document.querySelector('[data-testid="lab-editor-input"]');
      const body = document.querySelector('[data-testid="lab-panels"] [role="tabpanel"]');
      if (!area || !body) return 0;
      const a = area.getBoundingClientRect();
      const b = body.getBoundingClientRect();
      return Math.min(a.bottom, b.bottom, window.innerHeight) - Math.max(a.top, b.top, 0);
    });
  await expect.poll(shown).toBeGreaterThanOrEqual(200);
}

test.describe('lab layout', () => {
  for (const lang of ['en', 'ko'] as const) {
    test(`1280×800 (${lang}): stage, player, console and panels on one screen, no page scroll`, async ({
      page,
    }, info) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await openLab(page, lang);
      await busyLab(page);
      expect(await pageOverflow(page)).toEqual({ x: 0, y: 0 });
      // Back on another tab the panel gives its room back to the stage.
      await panels(page).getByRole('tab', { name: 'etcd', exact: true }).click();
      await expect
        .poll(() => page.evaluate(() => document.querySelector('.main-col')?.scrollTop ?? -1))
        .toBe(0);

      // Everything a learner works with is on screen at once.
      const stage = await box(page, '[data-testid="stage"]');
      const tabs = await box(page, '[data-testid="lab-panels"] [role="tablist"]');
      const body = await box(page, '[data-testid="lab-panels"] [role="tabpanel"]');
      const consoleInput = await box(page, '[data-testid="kubectl-input"]');
      const next = await box(page, '.player-buttons');
      expect(stage.y + stage.height).toBeLessThanOrEqual(tabs.y);
      expect(body.y + body.height).toBeLessThanOrEqual(800);
      // The panel shows a few lines of its content at least (it scrolls for the rest).
      expect(body.height).toBeGreaterThanOrEqual(80);
      expect(consoleInput.y + consoleInput.height).toBeLessThanOrEqual(800);
      expect(next.y + next.height).toBeLessThanOrEqual(800);
      // The stage sits beside the side column, not under it.
      expect(consoleInput.x).toBeGreaterThan(stage.x + stage.width);
      // Every namespace row fits in the stage's width.
      for (const row of await page.locator('[data-ns-row]').all()) {
        const r = await row.boundingBox();
        expect(r && r.x + r.width <= stage.x + stage.width + 0.5).toBe(true);
      }
      await page.screenshot({ path: info.outputPath(`lab-1280-${lang}.png`) });

      // Whatever a step's narration says (the scheduler's is long), the console stays in view.
      await page.getByTestId('kubectl-output').focus();
      const previous = page.getByRole('button', {
        name: lang === 'en' ? 'Previous step' : '이전 단계',
      });
      const progress = page.getByTestId('progress');
      for (let i = 0; i < 30; i++) {
        const input = await box(page, '[data-testid="kubectl-input"]');
        expect(input.y + input.height, (await progress.textContent()) ?? '').toBeLessThanOrEqual(
          800,
        );
        expect(await pageOverflow(page)).toEqual({ x: 0, y: 0 });
        if ((await previous.getAttribute('aria-disabled')) === 'true') break;
        await previous.click();
      }
    });

    test(`390×844 (${lang}): everything stacks, nothing scrolls sideways`, async ({
      page,
    }, info) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await openLab(page, lang);
      await busyLab(page);
      expect((await pageOverflow(page)).x).toBe(0);
      // No element of the page reaches past the screen's right edge (scrolling boxes excepted:
      // their content scrolls inside them).
      const wide = await page.evaluate(() => {
        const out: string[] = [];
        for (const el of document.querySelectorAll<HTMLElement>('body *')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.right <= window.innerWidth + 0.5) continue;
          // Inside a box that scrolls or clips sideways: not the page's overflow.
          let p = el.parentElement;
          let clipped = false;
          while (p && p !== document.body) {
            const o = getComputedStyle(p).overflowX;
            if (o !== 'visible') {
              clipped = true;
              break;
            }
            p = p.parentElement;
          }
          if (!clipped) out.push(`${el.tagName.toLowerCase()}.${el.className}`);
        }
        return out;
      });
      expect(wide).toEqual([]);
      // Stacked in reading order: narration, stage, console, panels.
      const narration = await box(page, '[data-testid="narration"]');
      const stage = await box(page, '[data-testid="stage"]');
      const consoleBox = await box(page, '[data-testid="kubectl-output"]');
      const tabs = await box(page, '[data-testid="lab-panels"] [role="tablist"]');
      expect(narration.y).toBeLessThan(stage.y);
      expect(stage.y + stage.height).toBeLessThanOrEqual(consoleBox.y);
      expect(consoleBox.y).toBeLessThan(tabs.y);
      for (const b of [narration, stage, consoleBox, tabs]) {
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width).toBeLessThanOrEqual(390);
      }
      await page.screenshot({ path: info.outputPath(`lab-390-${lang}.png`), fullPage: true });
    });
  }

  test('before the first command there is no “Step 0 of 0”; the first command brings the counter', async ({
    page,
  }) => {
    await openLab(page, 'en');
    await expect(page.getByTestId('narration')).toContainText('Your cluster');
    await expect(page.getByTestId('progress')).toBeHidden();
    await expect(page.getByRole('slider')).toBeHidden();
    await expect(page.getByText('Step 0 of 0')).toBeHidden();
    // The player's buttons are still there; with nothing to play, Play is marked disabled too,
    // and the narration offers the way to the console.
    await expect(page.getByRole('button', { name: 'Next step' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Play' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await page.getByRole('button', { name: 'Type a command ↓' }).click();
    await expect(input(page)).toBeFocused();
    await input(page).focus();
    await run(page, 'kubectl create namespace blue');
    await expect(page.getByTestId('progress')).toHaveText(/^Step \d+ of \d+$/);
    await expect(page.getByRole('slider')).toBeVisible();

    // Korean: the same.
    await page.evaluate(() => window.localStorage.clear());
    await openLab(page, 'ko');
    await expect(page.getByTestId('progress')).toBeHidden();
    await expect(page.getByText('0단계 중 0단계')).toBeHidden();
  });

  test("a hovered card's tooltip is drawn over the pods and the next node, not under them", async ({
    page,
  }) => {
    // The node's header and cards are compositor layers of their own (stage.css), and a layer is
    // a stacking context: the tooltip must still rise above the pod layer and later nodes.
    await page.setViewportSize({ width: 1280, height: 800 });
    await openLab(page, 'en');
    await run(page, 'kubectl create deployment tip --image=nginx --replicas=6');
    await expect(page.locator('[data-pod^="default/tip-"][data-status="Running"]')).toHaveCount(
      6,
      PLAYED,
    );
    for (const card of ['kubelet/node1', 'kube-proxy/node2', 'api-server']) {
      await page.locator(`[data-cid="${card}"]`).hover();
      const tooltip = page.locator(`[data-cid="${card}"] [role="tooltip"]`);
      await expect(tooltip).toBeVisible();
      const b = await tooltip.boundingBox();
      expect(b).not.toBeNull();
      const { x, y, width, height } = b as { x: number; y: number; width: number; height: number };
      // Every point of a grid over the tooltip hits the tooltip itself.
      const hits = await page.evaluate(
        ({ x, y, width, height, card }) => {
          const tip = document.querySelector<HTMLElement>(`[data-cid="${card}"] [role="tooltip"]`);
          // A tooltip takes no pointer events (the pointer stays on its card); hit-test it anyway.
          if (tip) tip.style.pointerEvents = 'auto';
          const out: string[] = [];
          for (const fx of [0.1, 0.5, 0.9]) {
            for (const fy of [0.15, 0.5, 0.85]) {
              const hit = document.elementFromPoint(x + width * fx, y + height * fy);
              if (!hit || !tip?.contains(hit))
                out.push(`${fx},${fy}: ${hit?.className ?? 'nothing'}`);
            }
          }
          if (tip) tip.style.pointerEvents = '';
          return out;
        },
        { x, y, width, height, card },
      );
      expect(hits, card).toEqual([]);
    }
  });
});
