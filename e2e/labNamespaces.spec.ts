import { run } from './console.ts';
import { expect, openApp, test } from './fixtures.ts';

/**
 * One namespace control per mode, the same component in both: a "Namespaces" group with one
 * checkbox per namespace (named exactly by the namespace) beside the group-by switch. In the
 * lab it lists the live cluster's namespaces, each described by its pod count, `Terminating`
 * while it is deleted, and rows come and go with the namespaces.
 */

const PLAYED = { timeout: 25_000 };

test.describe('namespace control', () => {
  test('the tour and the lab each show one group-by and one namespace filter; the lab’s is live', async ({
    page,
  }) => {
    await openApp(page, '?lang=en');
    const group = page.getByRole('group', { name: 'Namespaces' });
    await expect(group).toHaveCount(1);
    await expect(page.getByTestId('group-by')).toHaveCount(1);
    await expect(group.getByRole('checkbox', { name: 'default', exact: true })).toBeChecked();
    await expect(group.getByRole('checkbox', { name: 'kube-system', exact: true })).toBeChecked();

    await page.getByRole('button', { name: 'Try it yourself' }).click();
    await expect(page).toHaveURL(/[?&]mode=lab\b/);
    // The live cluster's four namespaces, still one control of each kind.
    await expect(group.getByRole('checkbox')).toHaveCount(4, { timeout: 20_000 });
    await expect(page.getByRole('group', { name: 'Namespaces' })).toHaveCount(1);
    await expect(page.getByTestId('group-by')).toHaveCount(1);
    await expect(group.getByRole('checkbox').first()).toHaveAccessibleName('default');
    await expect(
      group.getByRole('checkbox', { name: 'default', exact: true }),
    ).toHaveAccessibleDescription('pods: 1');
    await expect(
      group.getByRole('checkbox', { name: 'kube-system', exact: true }),
    ).toHaveAccessibleDescription(/^pods: \d+$/);

    // A new namespace gets its row; its pods are counted.
    await run(page, 'kubectl create namespace blue');
    const blue = group.getByRole('checkbox', { name: 'blue', exact: true });
    await expect(blue).toBeChecked();
    await expect(blue).toHaveAccessibleDescription('pods: 0');
    await run(page, 'kubectl create -f nginx.yaml -n blue');
    await expect(blue).toHaveAccessibleDescription('pods: 1', PLAYED);

    // Deleting it: Terminating while its pod goes, then the row goes.
    await run(page, 'kubectl delete namespace blue');
    await expect(blue).toHaveAccessibleDescription(/^Terminating/, PLAYED);
    await expect(blue).toHaveCount(0, PLAYED);
    await expect(group.getByRole('checkbox')).toHaveCount(4);
  });
});
