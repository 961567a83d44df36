import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures.ts';
import { story } from './story.ts';

/**
 * Korean prose broke Kubernetes names at their hyphens on a phone ("kube-" | "system",
 * "kube-node-" | "lease는", "web-6dc5cd68db-" | "z45gl"): each name the text shows stays on
 * one line, and the text still fits the 360 px screen.
 */
const NAMES =
  /kube-system|kube-public|kube-node-lease|control-plane|--dry-run|green-ns\.yaml|web-[a-z0-9]+-[a-z0-9]+/g;

/** Each occurrence of a name in `selector`'s text, with the lines (distinct tops) it is drawn on. */
async function namesAndLines(page: Page, selector: string) {
  return page.evaluate(
    ({ selector, source }) => {
      const found: { name: string; lines: number }[] = [];
      for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        // A name may be split over text nodes (a span around it): search the joined text.
        const nodes: Text[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
        const text = nodes.map((n) => n.data).join('');
        const at = (offset: number): [Text, number] => {
          let rest = offset;
          for (const n of nodes) {
            if (rest <= n.data.length) return [n, rest];
            rest -= n.data.length;
          }
          throw new Error('offset past the text');
        };
        for (const match of text.matchAll(new RegExp(source, 'g'))) {
          const range = document.createRange();
          range.setStart(...at(match.index));
          range.setEnd(...at(match.index + match[0].length));
          const tops = new Set(
            [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
          );
          found.push({ name: match[0], lines: tops.size });
        }
      }
      return found;
    },
    { selector, source: NAMES.source },
  );
}

test.describe('names stay whole at 360×740 (ko)', () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
  });

  test('in the tour narration, every detailed step', async ({ page, watch }) => {
    const seen = new Set<string>();
    for (let n = 1; n <= story.levels.detailed.length; n++) {
      await openApp(page, `?lang=ko&level=detailed&step=${n}`);
      const found = await namesAndLines(page, '[data-testid="narration"]');
      for (const { name, lines } of found) {
        seen.add(name);
        expect(lines, `step ${n}: ${name}`).toBe(1);
      }
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `step ${n}: no sideways scroll`).toBeLessThanOrEqual(360);
    }
    // The narration does name a pod and the control-plane node.
    expect([...seen].some((name) => name.startsWith('web-'))).toBe(true);
    expect(seen.has('control-plane')).toBe(true);
    expect(watch.consoleErrors).toEqual([]);
  });

  test("in the lab's lesson", async ({ page, watch }) => {
    await openApp(page, '?mode=lab&lang=ko');
    await page.getByRole('tab', { name: '실습 과제', exact: true }).click();
    await expect(page.getByTestId('lab-lesson')).toBeVisible();
    const found = await namesAndLines(page, '.lesson-text, .lesson-command code');
    expect(found.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'kube-system',
        'kube-public',
        'kube-node-lease',
        '--dry-run',
        'green-ns.yaml',
      ]),
    );
    for (const { name, lines } of found) expect(lines, name).toBe(1);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    expect(watch.consoleErrors).toEqual([]);
  });
});
