import { axeViolations, waitForPacketLabels } from './axe.ts';
import { expect, openApp, test } from './fixtures.ts';

test.describe('accessibility', () => {
  for (const lang of ['en', 'ko'] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      test(`axe finds no violations (${lang}, ${colorScheme})`, async ({ page, watch }) => {
        await page.emulateMedia({ colorScheme });
        // Three pictures: the pod waiting in the tray, the scheduler's decision table, and the
        // busiest detailed step (22 messages in the Messages panel). Each with a tooltip open
        // and kube-system unfolded.
        const pictures = [
          { query: 'level=simple&step=2', step: 'api-request', panel: 'messages' },
          { query: 'level=simple&step=3', step: 'scheduler-choice', panel: 'decision' },
          { query: 'level=detailed&step=11', step: 'pod-running', panel: 'messages' },
        ];
        for (const { query, step, panel } of pictures) {
          await openApp(page, `?lang=${lang}&${query}`);
          await expect(page.getByTestId('stage')).toHaveAttribute('data-step', step);
          await expect(page.locator('[role=tabpanel]')).toHaveAttribute('data-panel', panel);
          await page.locator('.system-pods summary').first().click();
          await page.locator('[data-component="scheduler"]').focus();
          await waitForPacketLabels(page);
          const summary = await axeViolations(page);
          expect(summary, `${step}`).toEqual([]);
        }
        expect(watch.consoleErrors).toEqual([]);
      });
    }
  }

  test('keyboard: components and controls are reachable with Tab and focus is visible', async ({
    page,
  }) => {
    await openApp(page, '?lang=en');
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return {
          id: el.getAttribute('data-component')
            ? `${el.getAttribute('data-component')}${el.getAttribute('data-node') ? `/${el.getAttribute('data-node')}` : ''}`
            : (el.textContent ?? '').trim().slice(0, 30),
          outline: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2,
        };
      });
      if (!info) continue;
      expect(info.outline, `focus ring on ${info.id}`).toBe(true);
      seen.add(info.id);
    }
    for (const id of ['developer', 'api-server', 'scheduler', 'kubelet/node2', 'Next step']) {
      expect(
        [...seen].some((s) => s.startsWith(id)),
        id,
      ).toBe(true);
    }
  });

  test('a skip link jumps past the diagram to the player', async ({ page }) => {
    await openApp(page, '?lang=en');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to the player controls' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('combobox', { name: 'Speed' })).toBeFocused();
  });

  // WCAG 2.5.8: the kube-system disclosures ("+1 kube-system") were 22 px tall and a node's
  // header button (the lab's describe) 20 px.
  for (const lang of ['en', 'ko'] as const) {
    test(`on a phone every control a finger taps is at least 24×24 px, tour and lab (${lang})`, async ({
      page,
    }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const query of [`?lang=${lang}&step=6`, `?mode=lab&lang=${lang}`]) {
        await openApp(page, query);
        await expect(page.locator('.system-pods summary').first()).toBeVisible();
        const small = await page
          .locator('button, summary, select, a[href], [role="tab"], label:has(> input), input')
          .evaluateAll((els) =>
            els.flatMap((el) => {
              const r = el.getBoundingClientRect();
              const shown =
                r.width > 1 && r.height > 1 && getComputedStyle(el).visibility !== 'hidden';
              // A checkbox is tapped through its label, measured as such.
              if (!shown || (el instanceof HTMLInputElement && el.type === 'checkbox')) return [];
              return r.width < 24 || r.height < 24
                ? [
                    `${el.tagName} "${el.textContent?.trim() || el.getAttribute('aria-label')}" ${r.width}×${r.height}`,
                  ]
                : [];
            }),
          );
        expect(small, query).toEqual([]);
      }
    });
  }

  test('pinch-zoom is never blocked', async ({ page }) => {
    await openApp(page, '?lang=en');
    const viewport = await page.locator('meta[name="viewport"]').getAttribute('content');
    expect(viewport).not.toMatch(/user-scalable\s*=\s*no|maximum-scale\s*=\s*1(\.0)?\b/);
  });
});
