import type { Page } from '@playwright/test';
import { entries, input, output, run } from './console.ts';
import { expect, openApp, type PageWatch, test } from './fixtures.ts';

/**
 * A crash in one panel stays in that panel (issue #7): it shows what happened and "Try again",
 * the rest of the page keeps working meanwhile, and after "Try again" the panel is back with
 * nothing lost. `?crash=<panel>` (src/ui/ErrorBoundary.tsx) injects one crash into the
 * production build.
 */

/**
 * React reports an error a boundary caught with one console.error (its default onCaughtError).
 * Take exactly that report out of the watch, so the fixture still fails on anything else: a
 * second report, an uncaught error, or a crash that escaped the boundary.
 */
function expectOnlyTheInjectedCrash(watch: PageWatch, panel: string): void {
  const injected = `injected crash of the ${panel} panel (?crash=${panel})`;
  const reports = watch.consoleErrors.filter((e) => e.includes(injected));
  expect(reports, 'one console report of the injected crash').toHaveLength(1);
  expect(watch.consoleErrors.filter((e) => !e.includes(injected))).toEqual([]);
  watch.consoleErrors.length = 0;
}

const crashed = (page: Page) => page.getByTestId('panel-error');

test('step panels (Korean): the crash shows a message and 다시 시도; the player keeps working; the panel comes back', async ({
  page,
  watch,
}) => {
  await openApp(page, '?lang=ko&step=2&crash=step-panels');
  const panels = page.getByTestId('panels');
  const message = panels.getByTestId('panel-error');
  await expect(message).toBeVisible();
  await expect(message).toHaveAttribute('role', 'alert');
  await expect(message).toContainText('이 패널이 멈췄습니다.');
  await expect(message).toContainText('파일, 클러스터, 콘솔은 그대로입니다.');
  await expect(message).toContainText('오류: injected crash of the step-panels panel');
  // Only the tab body crashed: the tabs are still there, and so is the stage.
  await expect(panels.getByRole('tab')).not.toHaveCount(0);
  const stage = page.getByTestId('stage');
  const at = await stage.getAttribute('data-step');

  await message.getByRole('button', { name: '다시 시도', exact: true }).click();
  await expect(crashed(page)).toHaveCount(0);
  // The messages tab is drawn again: one item per message of the step.
  await expect(panels.locator('[role="tabpanel"] li').first()).toBeVisible();
  await expect(stage).toHaveAttribute('data-step', at ?? '');

  // And the player still steps the story, panels included.
  await page.getByRole('button', { name: '다음 단계', exact: true }).click();
  await expect(stage).not.toHaveAttribute('data-step', at ?? '');
  await expect(crashed(page)).toHaveCount(0);
  expectOnlyTheInjectedCrash(watch, 'step-panels');
});

test('lab panels: the console and the workspace keep working while the panels are down, and Try again brings them back with the file', async ({
  page,
  watch,
}) => {
  // The lab panels mount when the first line switches the page to the live cluster: they crash
  // right then, in the middle of a session.
  await openApp(page, '?lang=en&crash=lab-panels');
  await run(page, 'kubectl create namespace blue');
  const message = crashed(page);
  await expect(message).toBeVisible({ timeout: 20_000 });
  await expect(message).toHaveAttribute('data-boundary', 'lab-panels');
  await expect(message).toContainText('This panel stopped working.');
  await expect(message).toContainText('Your files, the cluster and the console are untouched');
  await expect(page.getByTestId('lab-panels')).toHaveCount(0);

  // Meanwhile the console, the cluster and the workspace are all still there.
  expect(
    await run(page, 'kubectl create namespace green --dry-run=client -o yaml > green-ns.yaml'),
  ).toBe('');
  expect(await run(page, 'cat green-ns.yaml')).toContain('name: green');
  expect(await run(page, 'kubectl get namespace blue -o name')).toBe('namespace/blue\n');
  await expect(page.getByRole('checkbox', { name: 'blue', exact: true })).toBeVisible();

  await message.getByRole('button', { name: 'Try again', exact: true }).click();
  await expect(crashed(page)).toHaveCount(0);
  const panels = page.getByTestId('lab-panels');
  await expect(panels).toBeVisible({ timeout: 20_000 });
  // The file written while the panels were down is in the Files tab, content and all.
  await panels.getByRole('tab', { name: 'Files', exact: true }).click();
  await panels.locator('[data-file="green-ns.yaml"]').click();
  await expect(page.getByTestId('lab-editor-input')).toHaveValue(/name: green/);
  // The console's history is whole: every line, in order, with its output.
  await expect(entries(page)).toHaveCount(4);
  await expect(entries(page).nth(0)).toContainText('$ kubectl create namespace blue');
  await expect(entries(page).nth(0)).toContainText('namespace/blue created');
  await expect(entries(page).nth(3)).toContainText('namespace/blue');
  await input(page).click();
  await input(page).press('ArrowUp');
  await expect(input(page)).toHaveValue('kubectl get namespace blue -o name');
  await expect(output(page)).not.toContainText('stopped working');
  expectOnlyTheInjectedCrash(watch, 'lab-panels');
});
