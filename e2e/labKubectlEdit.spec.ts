import type { Page } from '@playwright/test';
import { entries, run } from './console.ts';
import { expect, openApp, test } from './fixtures.ts';

/**
 * `kubectl edit` in the lab on the production build: the line opens kubectl's temp file in the
 * Files editor; an invalid change reopens it with kubectl's error block; "Save and apply" with
 * a valid change prints `deployment.apps/web edited`, and "Cancel edit" changes nothing.
 */

const panels = (page: Page) => page.getByTestId('lab-panels');
const tab = (page: Page, name: string) => panels(page).getByRole('tab', { name, exact: true });

test('kubectl edit: edit in the Files editor, Save and apply, reopen on an invalid change, cancel', async ({
  page,
  watch,
}) => {
  await openApp(page, '?mode=lab&lang=en');
  await expect(panels(page)).toBeVisible({ timeout: 20_000 });
  await run(page, 'kubectl create deployment web --image=nginx');
  expect(await run(page, 'kubectl edit deployment web')).toBe('');
  await expect(tab(page, 'Files')).toHaveAttribute('aria-selected', 'true');
  const bar = page.getByTestId('kubectl-edit-bar');
  await expect(bar).toContainText(
    /^kubectl edit is waiting for its editor to close \(\/tmp\/kubectl-edit-\d+\.yaml\)\./,
  );
  const area = page.getByTestId('lab-editor-input');
  await expect(area).toHaveValue(/^# Please edit the object below\. Lines beginning with a '#'/);
  // The editor is brought into view, under the bar, with room for the object's first lines.
  await expect(area).toBeInViewport({ ratio: 0.3 });
  await expect(bar.getByRole('button', { name: 'Save and apply' })).toBeInViewport();

  // An immutable field: the file comes back with the reasons on top.
  const text = await area.inputValue();
  await area.fill(text.replace(/app: web$/gm, 'app: web2'));
  const before = await entries(page).count();
  await bar.getByRole('button', { name: 'Save and apply' }).click();
  await expect(entries(page)).toHaveCount(before + 1);
  await expect(entries(page).last()).toHaveText('error: deployments.apps "web" is invalid\n');
  await expect(area).toHaveValue(
    /\n# deployments\.apps "web" was not valid:\n# \* spec\.selector: /,
  );

  // Fixed, and one more replica: applied.
  const again = await area.inputValue();
  await area.fill(
    again.replace(/app: web2$/gm, 'app: web').replace('  replicas: 1\n', '  replicas: 2\n'),
  );
  await bar.getByRole('button', { name: 'Save and apply' }).click();
  await expect(entries(page)).toHaveCount(before + 2);
  await expect(entries(page).last()).toHaveText('deployment.apps/web edited\n');
  await expect(bar).toHaveCount(0);
  expect(await run(page, "kubectl get deploy web -o jsonpath='{.spec.replicas}'")).toBe('2');

  // Cancel: nothing changes.
  await run(page, 'kubectl edit deploy/web');
  await page.getByTestId('kubectl-edit-bar').getByRole('button', { name: 'Cancel edit' }).click();
  await expect(entries(page).last()).toHaveText('Edit cancelled, no changes made.\n');
  expect(watch.consoleErrors).toEqual([]);
});
