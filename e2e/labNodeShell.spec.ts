import type { Page } from '@playwright/test';
import { entries, run } from './console.ts';
import { expect, openApp, test } from './fixtures.ts';

/**
 * A root shell on a node, on the production build: lines typed there keep the node's prompt,
 * and a stopped kubelet (or one that keeps exiting at start) is marked on the stage, where the
 * Node object still says Ready until its lease runs out.
 */

const kubelet = (page: Page, node: string) =>
  page.getByTestId('stage').locator(`[data-cid="kubelet/${node}"]`);

test('node shell: the prompt stays with its lines, and the stage marks a kubelet that is down', async ({
  page,
  watch,
}) => {
  await openApp(page, '?mode=lab&lang=en');
  await expect(page.getByTestId('lab-panels')).toBeVisible({ timeout: 20_000 });
  await run(page, 'ssh node2');
  await expect(kubelet(page, 'node2')).not.toHaveAttribute('data-down', 'true');

  await run(page, 'systemctl stop kubelet');
  await expect(entries(page).last()).toHaveText(/^root@node2:~# systemctl stop kubelet\n/);
  await expect(
    page.getByRole('heading', { name: 'The kubelet on node2 is stopped' }),
  ).toBeVisible();
  await expect(kubelet(page, 'node2')).toHaveAttribute('data-down', 'true');
  await expect(kubelet(page, 'node2')).toContainText('stopped');
  await expect(kubelet(page, 'node1')).not.toHaveAttribute('data-down', 'true');

  // A broken config file: systemd starts the kubelet, which exits at once.
  await run(page, 'echo "garbage: [" > /var/lib/kubelet/config.yaml');
  await run(page, 'systemctl start kubelet');
  await expect(
    page.getByRole('heading', { name: 'The kubelet on node2 keeps failing' }),
  ).toBeVisible();
  await expect(kubelet(page, 'node2')).toHaveAttribute('data-down', 'true');
  expect(await run(page, 'systemctl is-active kubelet')).toBe('activating\n');

  // Fixed: the next start comes up.
  await run(
    page,
    'printf "apiVersion: kubelet.config.k8s.io/v1beta1\\nkind: KubeletConfiguration\\n" > /var/lib/kubelet/config.yaml',
  );
  await run(page, 'systemctl restart kubelet');
  await expect(kubelet(page, 'node2')).not.toHaveAttribute('data-down', 'true');
  expect(await run(page, 'exit')).toBe('logout\nConnection to node2 closed.\n');
  expect(watch.consoleErrors).toEqual([]);
});

test('node shell: ssh and the lines typed there draw the hop from the laptop to the node', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, '?mode=lab&lang=en');
  const stage = page.getByTestId('stage');
  // The hop's packet (the last step's packets may still be fading out).
  const dot = stage.locator('[data-packet$="-ssh"]');
  /** The resting dot's centre: inside the stage, between the laptop and node1's header. */
  const restsToward = async () => {
    const [d, laptop, header] = await Promise.all([
      dot.locator('.packet-dot').boundingBox(),
      stage.locator('[data-component="developer"]').boundingBox(),
      stage.locator('[data-node-box="node1"] .node-header').boundingBox(),
    ]);
    const y = (d?.y ?? 0) + (d?.height ?? 0) / 2;
    return y > (laptop?.y ?? 0) + (laptop?.height ?? 0) && y < (header?.y ?? 0) + 1;
  };
  await run(page, 'ssh node1');
  await expect(dot).toHaveCount(1);
  await expect(page.locator('.message-route')).toHaveText(['Developer → Node (node1)']);
  await expect(page.locator('.message-label')).toHaveText(['ssh node1']);
  await expect.poll(restsToward).toBe(true);
  // A line that reaches no component still travels over SSH; the stage says so.
  await run(page, 'crictl ps');
  await expect(page.getByRole('heading', { name: 'Run on node1, over SSH' })).toBeVisible();
  await expect(page.locator('.message-label')).toHaveText(['crictl ps']);
  await expect(page.locator('.message-summary')).toHaveText([
    'The line travels over SSH to node1 and runs in its root shell. Nothing is sent to the API server.',
  ]);
  await expect(dot).toHaveCount(1);
});
