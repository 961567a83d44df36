import type { Page } from '@playwright/test';
import { axeViolations, waitForPacketLabels } from './axe.ts';
import { run } from './console.ts';
import { expect, openApp, test } from './fixtures.ts';

/**
 * The lab's stage by keyboard alone: the pods are one tab stop (a roving tabindex, so 300 pods
 * are not 300 Tab presses), the arrow keys walk them in the order they are drawn, Enter or
 * Space opens what `kubectl describe` says, node headers are buttons too, each has a name that
 * says what a sighted learner reads, and focus is visible. In the guided tour the chips are a
 * picture, not buttons.
 */

const PLAYED = { timeout: 25_000 };
const podButtons = (page: Page) => page.locator('.pod-layer .pod-open');
const inspector = (page: Page) => page.getByTestId('lab-inspector');

/** What has focus: its accessible label (aria-label) or its text, for messages. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('aria-label') ?? el?.textContent ?? '';
  });

async function openLab(page: Page): Promise<void> {
  await openApp(page, '?mode=lab&lang=en');
  await expect(page.getByTestId('lab-panels')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('[data-pod^="default/web-"]')).toBeVisible(PLAYED);
}

test.describe('lab stage by keyboard', () => {
  test('Tab reaches the pods as one stop; arrows walk them; Enter opens describe; Esc gives focus back', async ({
    page,
  }) => {
    await openLab(page);
    // Two more pods, so the arrows have somewhere to go.
    await run(page, 'kubectl create deployment shop --image=nginx --replicas=2');
    await expect(page.locator('[data-pod^="default/shop-"][data-status="Running"]')).toHaveCount(
      2,
      PLAYED,
    );

    // Exactly one pod button is in the tab order, however many pods there are.
    const tabbable = podButtons(page).and(page.locator('[tabindex="0"]'));
    await expect(tabbable).toHaveCount(1);
    expect(await podButtons(page).count()).toBeGreaterThanOrEqual(3);

    // From the grouping control, Tab walks through the diagram and lands on a pod.
    await page.getByTestId('group-by').focus();
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(
        () => !!document.activeElement?.matches('.pod-layer .pod-open'),
      );
    }
    expect(reached, 'Tab reaches a pod chip').toBe(true);
    const first = await focused(page);
    // The first stop is the pod drawn first: node1's.
    expect(first).toMatch(
      /^Pod (web|shop)-[a-z0-9]+-[a-z0-9]{5} in default on node1, Running: show details$/,
    );
    // The ring is drawn around the focused chip.
    const ring = await page.evaluate(() => {
      const chip = document.activeElement?.closest('li');
      const s = chip ? getComputedStyle(chip) : undefined;
      return s ? { style: s.outlineStyle, width: Number.parseFloat(s.outlineWidth) } : undefined;
    });
    expect(ring?.style).toBe('solid');
    expect(ring?.width).toBeGreaterThanOrEqual(2);

    // → moves to the next pod (and the player's → shortcut leaves the step alone).
    const step = await page.getByTestId('stage').getAttribute('data-step');
    await page.keyboard.press('ArrowRight');
    const second = await focused(page);
    expect(second).not.toBe(first);
    expect(second).toMatch(/^Pod \S+ in default on node\d, Running: show details$/);
    await expect(page.getByTestId('stage')).toHaveAttribute('data-step', step ?? '');
    // The tab stop moved with the focus.
    await expect(tabbable).toHaveCount(1);
    await expect(tabbable).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    expect(await focused(page)).toBe(first);
    // Home and End: the first and the last pod drawn; the arrows wrap round between them.
    await page.keyboard.press('End');
    const last = await focused(page);
    await page.keyboard.press('Home');
    const home = await focused(page);
    expect(last).not.toBe(home);
    await page.keyboard.press('ArrowLeft');
    expect(await focused(page)).toBe(last);
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe(home);

    // Enter opens the inspector on that pod; Esc closes it and focus comes back to the chip.
    await page.keyboard.press('ArrowRight');
    const name = /^Pod (\S+) in default/.exec(await focused(page))?.[1] ?? '';
    await page.keyboard.press('Enter');
    await expect(inspector(page)).toBeVisible();
    await expect(inspector(page)).toBeFocused();
    await expect(inspector(page)).toContainText(`kubectl describe pod ${name} -n default`);
    await expect(page.getByTestId('lab-inspector-text')).toContainText(
      new RegExp(`Name:\\s+${name}\\n`),
    );
    await page.keyboard.press('Escape');
    await expect(inspector(page)).toHaveCount(0);
    expect(await focused(page)).toMatch(new RegExp(`^Pod ${name} in default`));

    // Space works too.
    await page.keyboard.press(' ');
    await expect(inspector(page)).toContainText(`kubectl describe pod ${name} -n default`);
    await page.keyboard.press('Escape');

    // A node header is a button: Enter shows `kubectl describe node`.
    const node2 = page.getByRole('button', { name: 'Node node2, Ready: show details' });
    await node2.focus();
    await page.keyboard.press('Enter');
    await expect(inspector(page)).toContainText('kubectl describe node node2');
    await expect(page.getByTestId('lab-inspector-text')).toContainText(/Name:\s+node2\n/);
    await page.keyboard.press('Escape');
    await expect(node2).toBeFocused();

    await waitForPacketLabels(page);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('a hidden namespace’s pods leave the tab order; the guided tour has no pod buttons', async ({
    page,
  }) => {
    await openLab(page);
    await run(page, 'kubectl create namespace blue');
    await run(page, 'kubectl create -f nginx.yaml -n blue');
    const nginx = page.getByRole('button', {
      name: /^Pod nginx in blue on node\d, Running: show details$/,
    });
    await expect(nginx).toBeVisible(PLAYED);
    await page.getByRole('checkbox', { name: 'blue', exact: true }).uncheck();
    await expect(nginx).toHaveCount(0);
    await page.getByRole('checkbox', { name: 'blue', exact: true }).check();
    await expect(nginx).toHaveCount(1);

    await page.getByRole('button', { name: 'Back to the guided tour' }).click();
    await expect(page).not.toHaveURL(/mode=lab/);
    await expect(page.locator('[data-pod]').first()).toBeAttached();
    await expect(page.locator('.pod-open, .node-open')).toHaveCount(0);
  });
});
