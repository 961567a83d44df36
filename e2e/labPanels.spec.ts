import type { Page } from '@playwright/test';
import { entries, input, run } from './console.ts';
import { expect, openApp, test } from './fixtures.ts';

/**
 * The lab's panels on the production build: the YAML editor (open with vim, squiggles and the
 * problems list, save, the console sees the file, nothing lost on bad input, the file survives
 * a reload), the lesson's "type it for me", a what-if's end state in the scheduler and etcd
 * panels, and the describe inspector's focus handling. Screenshots at desktop and phone sizes.
 */

const panels = (page: Page) => page.getByTestId('lab-panels');
/** A command's steps play one after another. */
const PLAYED = { timeout: 25_000 };
const tab = (page: Page, name: string) => panels(page).getByRole('tab', { name, exact: true });

async function openLab(page: Page, lang = 'en') {
  await openApp(page, `?mode=lab&lang=${lang}`);
  await expect(panels(page)).toBeVisible({ timeout: 20_000 });
}

test.describe('lab panels', () => {
  test('editor: vim opens the file, problems are marked and listed, a save reaches the console and survives a reload', async ({
    page,
    watch,
  }) => {
    await openLab(page);
    await run(page, 'vim nginx.yaml');
    const editor = page.getByTestId('lab-editor');
    await expect(tab(page, 'Files')).toHaveAttribute('aria-selected', 'true');
    const area = page.getByTestId('lab-editor-input');
    await expect(area).toHaveValue(/^apiVersion: v1\nkind: Pod\n/);
    await expect(editor).toContainText('No problems found.');

    // Break it: a key one space less indented than its siblings.
    await area.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' extra: 1');
    // In the words kubectl will use (go-yaml's), which the console prints below.
    await expect(editor.getByTestId('lab-editor-problems')).toContainText(
      'YAML: line 12: did not find expected key',
    );
    await expect(editor.locator('.ed-mark--error').first()).toBeVisible();
    await expect(editor).toContainText('Unsaved changes');

    // Saved with the error, kubectl refuses it, and the editor still holds every character.
    await page.keyboard.press('Control+s');
    await expect(editor).toContainText('✓ Saved');
    const refused = await run(page, 'kubectl create -f nginx.yaml');
    expect(refused).toContain(
      'error: error parsing nginx.yaml: error converting YAML to JSON: yaml: line 12: did not find expected key',
    );
    await expect(area).toHaveValue(/\n extra: 1$/);

    // Fixed: the problem goes, the console reads the saved file.
    await area.click();
    await page.keyboard.press('Control+End');
    for (let i = 0; i < ' extra: 1'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('# edited in the lab');
    await expect(editor).toContainText('No problems found.');
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await run(page, 'cat nginx.yaml')).toContain('# edited in the lab');

    await page.reload();
    await expect(panels(page)).toBeVisible({ timeout: 20_000 });
    expect(await run(page, 'cat nginx.yaml')).toContain('# edited in the lab');
    expect(watch.consoleErrors).toEqual([]);
  });

  test('editor: unsaved text survives switching to another tab and back', async ({ page }) => {
    await openLab(page);
    await run(page, 'vim nginx.yaml');
    const area = page.getByTestId('lab-editor-input');
    await expect(area).toHaveValue(/^apiVersion: v1\n/);
    await area.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('# not saved yet');
    await tab(page, 'etcd').click();
    await expect(area).toHaveCount(0);
    await tab(page, 'Files').click();
    await expect(page.getByTestId('lab-editor-input')).toHaveValue(/# not saved yet$/);
    await expect(page.getByTestId('lab-editor')).toContainText('Unsaved changes');
  });

  test('lesson: "type it for me" runs the next command and ticks the step', async ({ page }) => {
    await openLab(page);
    await tab(page, 'Lesson').click();
    const step = page.locator('[data-lesson-step="create-blue"]');
    await expect(step).toHaveAttribute('data-state', 'next');
    await step
      .getByRole('button', { name: 'Run kubectl create namespace blue in the console' })
      .click();
    await expect(entries(page).last()).toContainText('namespace/blue created', { timeout: 20_000 });
    await expect(step).toHaveAttribute('data-state', 'done');
    await expect(step).toContainText('done');
    await expect(page.locator('[data-lesson-step="get-namespaces"]')).toHaveAttribute(
      'data-state',
      'next',
    );
  });

  test('what-if: more CPU than any node has leaves the pod Pending, and the panels say why', async ({
    page,
  }) => {
    await openLab(page);
    await tab(page, 'What if…').click();
    const item = page.locator('[data-whatif="huge-cpu"]');
    await expect(item).toContainText('kubectl create -f huge-cpu.yaml');
    await item.getByRole('button').click();
    await expect(entries(page).last()).toContainText('pod/huge created', { timeout: 20_000 });

    await tab(page, 'Scheduler').click();
    const scheduler = page.getByTestId('lab-scheduler');
    await expect(scheduler).toHaveAttribute('data-outcome', 'pending');
    await expect(scheduler).toContainText('No node fits default/huge, so it stays Pending.');
    await expect(scheduler).toContainText('Insufficient cpu');

    await tab(page, 'etcd').click();
    const etcd = page.getByTestId('lab-etcd');
    await expect(etcd.locator('[data-etcd-key="/registry/pods/default/huge"]')).toBeVisible();
    await expect(page.getByTestId('etcd-written')).toHaveText(/keys? written\./);
  });

  test('inspector: a pod click shows kubectl describe, Esc closes it and gives focus back', async ({
    page,
  }) => {
    await openLab(page);
    await expect(page.locator('[data-pod^="default/web-"]').first()).toBeVisible(PLAYED);
    // Focus the console, then click the chip without moving focus, so the test sees focus
    // come back to where it was (keyboard use of the chips: labKeyboard.spec.ts).
    await input(page).focus();
    await page.locator('[data-pod^="default/web-"]').first().dispatchEvent('click');
    const inspector = page.getByTestId('lab-inspector');
    await expect(inspector).toBeVisible();
    await expect(inspector).toBeFocused();
    await expect(inspector).toContainText(/What kubectl describe pod web-\S+ -n default prints:/);
    await expect(page.getByTestId('lab-inspector-text')).toContainText('Status:');
    await page.keyboard.press('Escape');
    await expect(inspector).toHaveCount(0);
    await expect(input(page)).toBeFocused();
  });

  for (const size of [
    { name: 'desktop', width: 1280, height: 900 },
    { name: 'phone', width: 390, height: 844 },
  ]) {
    test(`screenshots of every panel (${size.name})`, async ({ page }, info) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await openLab(page, 'ko');
      await run(page, 'kubectl create namespace blue');
      for (const name of ['실습 과제', '만약에…', '파일', '스케줄러', 'etcd']) {
        const t = panels(page).getByRole('tab', { name, exact: true });
        if ((await t.count()) === 0) continue;
        await t.click();
        await page.waitForTimeout(300);
        // Nothing inside the panels is wider than the screen (Korean must not clip either).
        const overflow = await panels(page).evaluate((root) => {
          const bad: string[] = [];
          for (const el of root.querySelectorAll<HTMLElement>('*')) {
            if (el.closest('.decision-scroll, .ed-surface, .lp-pre, .etcd-scroll')) continue;
            if (el.getBoundingClientRect().right > window.innerWidth + 1) bad.push(el.className);
          }
          return bad;
        });
        expect(overflow, name).toEqual([]);
        await panels(page).screenshot({ path: info.outputPath(`${size.name}-${name}.png`) });
      }
    });
  }
});
