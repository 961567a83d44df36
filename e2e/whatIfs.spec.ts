import type { Page } from '@playwright/test';
import { entries, run } from './console.ts';
import { expect, openApp, test } from './fixtures.ts';

/**
 * Every what-if button in the lab reaches the end state real Kubernetes would: pressed in the
 * What if… tab of the production build, checked through what kubectl prints in the console and
 * what the stage shows. (The impossible CPU request is in labPanels.spec.ts.)
 */

const panels = (page: Page) => page.getByTestId('lab-panels');

async function openWhatIfs(page: Page) {
  await openApp(page, '?mode=lab&lang=en');
  await expect(panels(page)).toBeVisible({ timeout: 20_000 });
  await panels(page).getByRole('tab', { name: 'What if…', exact: true }).click();
}

/** Press a what-if's button and wait until the panel is ready for the next one. */
async function press(page: Page, id: string) {
  const before = await entries(page).count();
  await page.locator(`[data-whatif="${id}"]`).getByRole('button').click();
  // Its lines are echoed in the console, then the panel stops saying "Running …".
  await expect(entries(page)).not.toHaveCount(before, { timeout: 30_000 });
  await expect(page.locator('.wi-status')).not.toContainText('Running', { timeout: 30_000 });
}

/** One line of `kubectl get …` output whose first column is `name`. */
function row(output: string, name: RegExp): string[] | undefined {
  return output
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .find((cols) => name.test(cols[0] ?? ''));
}

test.describe('what-ifs', () => {
  test('a node stops: NotReady, and after 300 s its pod is replaced on another node', async ({
    page,
  }) => {
    await openWhatIfs(page);
    // The guided flow's pod runs on node1.
    const before = await run(page, 'kubectl get pods -o wide');
    expect(row(before, /^web-/)?.[6]).toBe('node1');
    await page.getByTestId('whatif-node').selectOption('node1');
    await press(page, 'stop-node');
    await page.getByTestId('whatif-seconds').selectOption('600');
    await press(page, 'fast-forward');
    const nodes = await run(page, 'kubectl get nodes');
    expect(row(nodes, /^node1$/)?.[1]).toBe('NotReady');
    const pods = await run(page, 'kubectl get pods -o wide');
    const replacement = pods
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .find((c) => c[0]?.startsWith('web-') && c[2] === 'Running' && c[6] !== 'node1');
    expect(replacement?.[6]).toMatch(/^node[23]$/);
    // The old pod waits in Terminating: its kubelet is down and cannot confirm the deletion.
    const old = pods
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .find((c) => c[0]?.startsWith('web-') && c[6] === 'node1');
    expect(old?.[2]).toBe('Terminating');
    await expect(page.locator(`[data-pod="default/${replacement?.[0]}"]`)).toHaveAttribute(
      'data-status',
      'Running',
      { timeout: 30_000 },
    );
  });

  test('a bad image: ErrImagePull, then ImagePullBackOff', async ({ page }) => {
    await openWhatIfs(page);
    await press(page, 'bad-image');
    const pods = await run(page, 'kubectl get pods');
    const bad = row(pods, /^bad-/);
    expect(bad?.[1]).toBe('0/1');
    expect(bad?.[2]).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
    const events = await run(page, 'kubectl events');
    expect(events).toContain('Failed to pull image "nginx:doesnotexist"');
    expect(events).toContain('Back-off pulling image "nginx:doesnotexist"');
  });

  test('a container that exits at once: Completed, then CrashLoopBackOff with growing waits', async ({
    page,
  }) => {
    await openWhatIfs(page);
    await press(page, 'crash-loop');
    await page.getByTestId('whatif-seconds').selectOption('60');
    await press(page, 'fast-forward');
    const pods = await run(page, 'kubectl get pods');
    const crash = row(pods, /^crash-/);
    expect(crash?.[1]).toBe('0/1');
    expect(crash?.[2]).toMatch(/^(Completed|CrashLoopBackOff)$/);
    // Restarted several times within the minute: at once, then after 10 s, 20 s…
    expect(Number(crash?.[3])).toBeGreaterThanOrEqual(2);
    const describe = await run(page, `kubectl describe pod ${crash?.[0]}`);
    expect(describe).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+Completed\n\s+Exit Code:\s+0/);
    expect(describe).toContain('Back-off restarting failed container busybox in pod');
    // The stage shows the pod's status word too, once the player has shown the steps.
    await expect(page.locator(`[data-pod="default/${crash?.[0]}"]`)).toHaveAttribute(
      'data-status',
      /^(Completed|CrashLoopBackOff)$/,
      { timeout: 90_000 },
    );
  });

  test('cordon, drain and uncordon a node', async ({ page }) => {
    await openWhatIfs(page);
    await page.getByTestId('whatif-node').selectOption('node2');
    await press(page, 'cordon');
    expect(row(await run(page, 'kubectl get nodes'), /^node2$/)?.[1]).toBe(
      'Ready,SchedulingDisabled',
    );
    await page.getByTestId('whatif-node').selectOption('node1');
    await press(page, 'drain');
    const pods = await run(page, 'kubectl get pods -o wide');
    const web = row(pods, /^web-/);
    // The only schedulable worker left is node3.
    expect(web?.[2]).toBe('Running');
    expect(web?.[6]).toBe('node3');
    await page.getByTestId('whatif-node').selectOption('node2');
    await press(page, 'uncordon');
    expect(row(await run(page, 'kubectl get nodes'), /^node2$/)?.[1]).toBe('Ready');
  });

  test('scale the deployment up and down', async ({ page }) => {
    await openWhatIfs(page);
    await page.getByTestId('whatif-replicas').fill('3');
    await press(page, 'scale');
    expect(row(await run(page, 'kubectl get deployment web'), /^web$/)?.[1]).toBe('3/3');
    await expect(page.locator('[data-pod^="default/web-"]')).toHaveCount(3);
    await page.getByTestId('whatif-replicas').fill('1');
    await press(page, 'scale');
    expect(row(await run(page, 'kubectl get deployment web'), /^web$/)?.[1]).toBe('1/1');
  });

  test('delete a namespace: its pods go, then the namespace disappears', async ({ page }) => {
    await openWhatIfs(page);
    await run(page, 'kubectl create namespace blue');
    await run(page, 'kubectl create -f nginx.yaml -n blue');
    await expect(page.getByRole('checkbox', { name: 'blue', exact: true }).first()).toBeVisible();
    await page.getByTestId('whatif-namespace').selectOption('blue');
    await press(page, 'delete-namespace');
    const namespaces = await run(page, 'kubectl get namespaces');
    expect(row(namespaces, /^blue$/)).toBeUndefined();
    expect(await run(page, 'kubectl get pods -n blue')).toContain(
      'No resources found in blue namespace.',
    );
    await expect(page.locator('[data-pod^="blue/"]')).toHaveCount(0, { timeout: 30_000 });
  });
});
