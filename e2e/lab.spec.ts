import type { Locator, Page } from '@playwright/test';
import { axeViolations } from './axe.ts';
import { entries, input, output, run } from './console.ts';
import { expect, openApp, test } from './fixtures.ts';

/**
 * The hands-on lab against the production build: the study note's namespace commands typed
 * verbatim into the console, what kubectl prints, what the stage shows, grouping, hiding,
 * history, bad input, and the lab surviving a reload (and corrupt storage).
 */

const stage = (page: Page) => page.getByTestId('stage');
/** A command's steps play one after another: give the stage time to reach the last one. */
const PLAYED = { timeout: 25_000 };

/** kubectl's table as rows of columns; AGE (virtual time) checked for its form only. */
function table(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .map((row) => row.trim().split(/\s{2,}/));
}

const AGE = /^\d+(s|m\d*s?|h\d*m?|d)$/;

/** The centre of `el` lies inside `box`. */
async function inside(el: Locator, box: Locator): Promise<boolean> {
  const a = await el.boundingBox();
  const b = await box.boundingBox();
  if (!a || !b) return false;
  const x = a.x + a.width / 2;
  const y = a.y + a.height / 2;
  return x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;
}

test.describe('hands-on lab', () => {
  test('the study note’s namespace commands, verbatim: output and pods on the stage', async ({
    page,
    watch,
  }) => {
    await openApp(page, '?lang=en');
    // The lab (engine + kubectl) is not part of the first view: nothing loaded yet.
    const sessionLoaded = () =>
      page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .some((e) => /\/session-[^/]*\.js$/.test(new URL(e.name).pathname)),
      );
    expect(await sessionLoaded()).toBe(false);
    await expect(page.getByText('kubernetes-admin@kubernetes · namespace: default')).toBeVisible();

    expect(await run(page, 'kubectl create namespace blue')).toBe('namespace/blue created\n');
    expect(await sessionLoaded()).toBe(true);
    await expect(page).toHaveURL(/[?&]mode=lab\b/);
    await expect(page.getByRole('checkbox', { name: 'blue', exact: true })).toBeChecked();

    const namespaces = table(await run(page, 'kubectl get namespaces'));
    expect(namespaces[0]).toEqual(['NAME', 'STATUS', 'AGE']);
    expect(namespaces.slice(1).map(([name, status]) => [name, status])).toEqual([
      ['blue', 'Active'],
      ['default', 'Active'],
      ['kube-node-lease', 'Active'],
      ['kube-public', 'Active'],
      ['kube-system', 'Active'],
    ]);
    for (const row of namespaces.slice(1)) expect(row[2]).toMatch(AGE);

    expect(await run(page, 'kubectl create -f nginx.yaml -n blue')).toBe('pod/nginx created\n');
    const nginx = page.locator('[data-pod="blue/nginx"]');
    // The pod is drawn when its step plays, after the namespace's two steps (the namespace,
    // then its ServiceAccount and kube-root-ca.crt).
    await expect(nginx).toHaveAttribute('data-namespace', 'blue', PLAYED);
    await expect(nginx).toHaveAttribute('data-status', 'Running', PLAYED);
    await expect(nginx).toHaveAttribute('data-node', /^node\d$/);
    await expect(stage(page)).toHaveAttribute('data-step', /^r\d+-\d+$/);

    // `get pods` reads the context's namespace: default has only the tour's web pod.
    const defaultPods = table(await run(page, 'kubectl get pods'));
    expect(defaultPods[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(defaultPods.slice(1).map((r) => r.slice(0, 4))).toEqual([
      [expect.stringMatching(/^web-[a-z0-9]{8,10}-[a-z0-9]{5}$/), '1/1', 'Running', '0'],
    ]);
    const bluePods = table(await run(page, 'kubectl get pods -n blue'));
    expect(bluePods.slice(1).map((r) => r.slice(0, 4))).toEqual([['nginx', '1/1', 'Running', '0']]);

    expect(await run(page, 'kubectl config set-context --current --namespace=blue')).toBe(
      'Context "kubernetes-admin@kubernetes" modified.\n',
    );
    await expect(page.getByText('kubernetes-admin@kubernetes · namespace: blue')).toBeVisible();
    const nowPods = table(await run(page, 'kubectl get pods'));
    expect(nowPods.slice(1).map((r) => r.slice(0, 4))).toEqual([['nginx', '1/1', 'Running', '0']]);

    // The web pod is still on the stage (another namespace, same cluster).
    await expect(page.locator('[data-pod^="default/web-"]')).toHaveAttribute(
      'data-status',
      'Running',
    );
    expect(watch.consoleErrors).toEqual([]);
  });

  test('group-by moves the very same pod elements into their groups', async ({ page }) => {
    await openApp(page, '?lang=en');
    await run(page, 'kubectl create namespace blue');
    await run(page, 'kubectl create -f nginx.yaml -n blue');
    await expect(page.locator('[data-pod="blue/nginx"]')).toHaveAttribute(
      'data-status',
      'Running',
      PLAYED,
    );
    const pods = page.locator('[data-pod]');
    const count = await pods.count();
    expect(count).toBeGreaterThan(5);
    // Tag every pod element; a re-created element would lose its tag.
    await pods.evaluateAll((els) => {
      for (const el of els) (el as HTMLElement & { kimTag?: string }).kimTag = el.dataset.pod;
    });

    await page.getByTestId('group-by').selectOption('namespace');
    await expect(page).toHaveURL(/[?&]group=namespace\b/);
    await expect(page.locator('[data-namespace-box="blue"]')).toBeVisible();
    const tags = await pods.evaluateAll((els) =>
      els.map((el) => [(el as HTMLElement & { kimTag?: string }).kimTag, el.dataset.pod]),
    );
    expect(tags).toHaveLength(count);
    for (const [tag, id] of tags) expect(tag, `${id} is the same element`).toBe(id);
    // Each pod sits in its namespace's box (once the flight has landed).
    for (const ns of ['blue', 'default']) {
      const box = page.locator(`[data-namespace-box="${ns}"]`);
      for (const pod of await page.locator(`[data-pod^="${ns}/"]`).all()) {
        await expect.poll(() => inside(pod, box)).toBe(true);
      }
    }

    await page.getByTestId('group-by').selectOption('node');
    const back = await pods.evaluateAll((els) =>
      els.every((el) => (el as HTMLElement & { kimTag?: string }).kimTag === el.dataset.pod),
    );
    expect(back).toBe(true);
    const nginx = page.locator('[data-pod="blue/nginx"]');
    const node = await nginx.getAttribute('data-node');
    await expect.poll(() => inside(nginx, page.locator(`[data-node-box="${node}"]`))).toBe(true);
  });

  test('hiding a namespace hides its pods; showing it brings them back', async ({ page }) => {
    await openApp(page, '?lang=en');
    await run(page, 'kubectl create namespace blue');
    await run(page, 'kubectl create -f nginx.yaml -n blue');
    const nginx = page.locator('[data-pod="blue/nginx"]');
    await expect(nginx).toHaveAttribute('data-status', 'Running', PLAYED);
    await expect(nginx).toBeVisible();
    const blue = page.getByRole('checkbox', { name: 'blue', exact: true });
    await blue.uncheck();
    await expect(nginx).toBeHidden();
    await expect(page.locator('[data-pod^="default/web-"]')).toBeVisible();
    await blue.check();
    await expect(nginx).toBeVisible();
  });

  test('history ↑ ↓, Tab completion, bad input that loses nothing', async ({ page, watch }) => {
    await openApp(page, '?lang=en');
    await run(page, 'kubectl create namespace blue');
    expect(await run(page, 'kubectl get pdos')).toBe(
      'error: the server doesn\'t have a resource type "pdos"\n',
    );
    await expect(entries(page).last()).toHaveClass(/console-entry--failed/);
    await expect(input(page)).toHaveValue('');
    await input(page).press('ArrowUp');
    await expect(input(page)).toHaveValue('kubectl get pdos');
    await input(page).press('ArrowUp');
    await expect(input(page)).toHaveValue('kubectl create namespace blue');
    await input(page).press('ArrowDown');
    await input(page).press('ArrowDown');
    await expect(input(page)).toHaveValue('');

    await input(page).fill('kubectl get pods -n kube');
    await input(page).press('Tab');
    await expect(input(page)).toHaveValue('kubectl get pods -n kube-');
    await expect(page.getByRole('list', { name: 'Completions' })).toHaveText(
      /kube-node-lease\s*kube-public\s*kube-system/,
    );
    await input(page).press('s');
    await input(page).press('Tab');
    await expect(input(page)).toHaveValue('kubectl get pods -n kube-system ');
    await input(page).press('Enter');
    await expect(entries(page).last()).toContainText('coredns-');
    // Nothing to complete: Tab moves on instead of keeping focus in the input.
    await input(page).fill('hello world');
    await input(page).press('Tab');
    await expect(input(page)).not.toBeFocused();

    // Text stays text: markup typed into the console is printed, never rendered.
    await run(page, 'echo <img src=x onerror=alert(1)>');
    await expect(output(page).locator('img')).toHaveCount(0);
    expect(watch.consoleErrors).toEqual([]);
  });

  test('a one-line for loop over a command substitution, xargs, and a denied docker push', async ({
    page,
    watch,
  }) => {
    await openApp(page, '?lang=en');
    expect(await run(page, 'for i in $(seq 1 2); do kubectl run p$i --image=nginx; done')).toBe(
      'pod/p1 created\npod/p2 created\n',
    );
    // Both pods reach the stage, Running, each on a worker.
    for (const name of ['p1', 'p2']) {
      const chip = stage(page).locator(`[data-pod="default/${name}"]`);
      await expect(chip).toHaveAttribute('data-status', 'Running', PLAYED);
      expect(await chip.getAttribute('data-node')).toMatch(/^node[123]$/);
    }
    expect(await run(page, 'kubectl get pods -l run -o name | xargs echo')).toBe('pod/p1 pod/p2\n');
    expect(await run(page, 'kubectl delete $(kubectl get pods -l run=p1 -o name)')).toBe(
      'pod "p1" deleted\n',
    );
    await expect(stage(page).locator('[data-pod="default/p1"]')).toHaveCount(0, PLAYED);
    // Docker Hub's library/ is for official images only: the push is denied, and said so.
    await run(page, 'docker build -t myweb .');
    expect(await run(page, 'docker push myweb')).toMatch(
      /\ndenied: requested access to the resource is denied\n$/,
    );
    await expect(page.getByTestId('narration')).toContainText(
      'Docker Hub refuses the push of myweb:',
      PLAYED,
    );
    expect(watch.consoleErrors).toEqual([]);
  });

  test('the lab survives a reload; back to the guided tour and in again', async ({ page }) => {
    await openApp(page, '?lang=en');
    await run(page, 'kubectl create namespace blue');
    await run(page, 'kubectl config set-context --current --namespace=blue');
    await page.reload();
    await expect(stage(page)).toBeVisible();
    // `?mode=lab` opens the live cluster at once.
    await expect(page.getByTestId('lab-notice')).toHaveText(
      /Your lab is back: 2 commands replayed\./,
    );
    await expect(page.getByText('kubernetes-admin@kubernetes · namespace: blue')).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'blue', exact: true })).toBeVisible();
    // The console shows what it printed before the reload.
    await expect(entries(page)).toHaveText([
      '$ kubectl create namespace blue\nnamespace/blue created\n',
      '$ kubectl config set-context --current --namespace=blue\nContext "kubernetes-admin@kubernetes" modified.\n',
    ]);
    await input(page).click();
    await input(page).press('ArrowUp');
    await expect(input(page)).toHaveValue('kubectl config set-context --current --namespace=blue');

    await page.getByRole('button', { name: 'Back to the guided tour' }).click();
    await expect(page).not.toHaveURL(/mode=lab/);
    await expect(stage(page)).toHaveAttribute('data-step', 'image-push');
    await expect(page.getByRole('checkbox', { name: 'blue', exact: true })).toHaveCount(0);
    await page.getByRole('button', { name: 'Try it yourself' }).click();
    await expect(page).toHaveURL(/[?&]mode=lab\b/);
    await expect(page.getByRole('checkbox', { name: 'blue', exact: true })).toBeVisible();
  });

  test('corrupt saved lab: the page still loads, says so and starts clean', async ({ page }) => {
    await page.addInitScript(() => {
      window.localStorage.setItem('kim.lab.v1', '{"v":1,"seed":'); // cut off mid-write
    });
    await openApp(page, '?lang=en&mode=lab');
    await expect(page.getByTestId('lab-notice')).toHaveText(
      /The saved lab could not be read, so the lab starts fresh\./,
    );
    expect(await run(page, 'kubectl get namespaces')).not.toContain('blue');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByTestId('lab-notice')).toHaveCount(0);
  });

  for (const lang of ['en', 'ko'] as const) {
    test(`axe finds no violations in the lab: console, namespaces, panels (${lang})`, async ({
      page,
    }) => {
      await openApp(page, `?lang=${lang}`);
      await run(page, 'kubectl create namespace blue');
      await run(page, 'kubectl create -f nginx.yaml -n blue');
      await run(page, 'kubectl get pdos');
      await input(page).fill('kubectl get pods -n kube');
      await input(page).press('Tab');
      await expect(page.locator('.console-choices li')).toHaveCount(3);
      await expect(page.locator('[data-pod="blue/nginx"]')).toHaveAttribute(
        'data-status',
        'Running',
        PLAYED,
      );
      await page.locator('[data-pod="blue/nginx"]').click();
      await expect(page.getByTestId('lab-inspector')).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});
