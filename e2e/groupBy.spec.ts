import type { Page } from '@playwright/test';
import { translate } from '../src/i18n/index.ts';
import { axeViolations, waitForPacketLabels } from './axe.ts';
import { expect, openApp, test } from './fixtures.ts';
import { story } from './story.ts';

/** The last step of the guided flow: web Running on its node, kube-system on every node. */
const LAST = story.levels.simple.length;
const LAST_PODS = story.levels.simple[LAST - 1]?.model.pods ?? [];
const WEB = LAST_PODS.find((p) => p.namespace === 'default');
const SYSTEM = LAST_PODS.filter((p) => p.namespace === 'kube-system');

/** Where each pod is, as the page shows it. */
interface PodInfo {
  pod: string;
  node: string;
  tag: number | undefined;
  visible: boolean;
  /** The box (node or namespace) that contains the pod's centre, if any. */
  nodeBox: string | null;
  namespaceBox: string | null;
}

/** Give every `[data-pod]` element a JS property, to find out later whether it is the same one. */
async function tagPods(page: Page): Promise<number> {
  return page.locator('[data-pod]').evaluateAll((els) => {
    els.forEach((el, i) => {
      (el as unknown as { __kimTag: number }).__kimTag = i;
    });
    return els.length;
  });
}

/**
 * Wait until no pod is moving or fading (the flights and the CSS fades). A change starts its
 * animations a frame or two later (after measuring), so wait for frames first, then for a
 * quiet picture twice in a row.
 */
async function settle(page: Page): Promise<void> {
  const busy = () =>
    page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() =>
              resolve(
                [...document.querySelectorAll('[data-pod]')].reduce(
                  (n, el) => n + el.getAnimations().length,
                  0,
                ),
              ),
            ),
          ),
        ),
    );
  await expect.poll(async () => (await busy()) + (await busy()), { timeout: 5000 }).toBe(0);
}

async function pods(page: Page): Promise<PodInfo[]> {
  return page.locator('[data-pod]').evaluateAll((els) => {
    const boxes = (attr: string) =>
      [...document.querySelectorAll<HTMLElement>(`[${attr}]`)].map((b) => ({
        name: b.getAttribute(attr) ?? '',
        rect: b.getBoundingClientRect(),
      }));
    const nodes = boxes('data-node-box');
    const namespaces = boxes('data-namespace-box');
    const inside = (list: { name: string; rect: DOMRect }[], x: number, y: number) =>
      list.find(
        (b) => x >= b.rect.left && x <= b.rect.right && y >= b.rect.top && y <= b.rect.bottom,
      )?.name ?? null;
    return els.map((el) => {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const style = getComputedStyle(el);
      return {
        pod: el.getAttribute('data-pod') ?? '',
        node: el.getAttribute('data-node') ?? '',
        tag: (el as unknown as { __kimTag?: number }).__kimTag,
        visible: style.visibility !== 'hidden' && style.opacity !== '0' && r.width > 0,
        nodeBox: inside(nodes, x, y),
        namespaceBox: inside(namespaces, x, y),
      };
    });
  });
}

test.describe('group pods by node or by namespace', () => {
  test('the same pod elements fly to their namespace boxes and back to their nodes', async ({
    page,
  }) => {
    expect(WEB, 'the story ends with a pod in default').toBeDefined();
    expect(SYSTEM.length).toBeGreaterThan(3);
    await openApp(page, `?lang=en&step=${LAST}`);
    await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'pod-running');
    const groupBy = page.getByTestId('group-by');
    await expect(groupBy).toHaveValue('node');
    await settle(page);
    const count = await tagPods(page);
    expect(count).toBe(LAST_PODS.length);

    const before = await pods(page);
    // Grouped by node: web sits in its node's box; kube-system is folded (not drawn).
    const web = before.find((p) => p.pod === `default/${WEB?.name}`);
    expect(web).toMatchObject({ node: WEB?.node, nodeBox: WEB?.node, visible: true });
    for (const p of before.filter((q) => q.pod.startsWith('kube-system/'))) {
      expect(p.visible, `${p.pod} folded`).toBe(false);
    }
    await expect(page.locator('.stage-namespaces')).toBeHidden();

    await groupBy.selectOption('namespace');
    await expect(page).toHaveURL(/[?&]group=namespace(&|$)/);
    await settle(page);
    const grouped = await pods(page);
    expect(grouped).toHaveLength(count);
    for (const p of grouped) {
      const was = before.find((q) => q.pod === p.pod);
      expect(p.tag, `${p.pod} is the same element`).toBe(was?.tag);
      expect(p.node, `${p.pod} keeps its node`).toBe(was?.node);
      expect(p.visible, `${p.pod} shown`).toBe(true);
      expect(p.namespaceBox, `${p.pod} in its namespace's box`).toBe(p.pod.split('/')[0]);
    }
    // The nodes are still drawn, and each chip names its node.
    await expect(page.locator('[data-node-box]')).toHaveCount(
      story.levels.simple[0]?.model.nodes.length ?? 0,
    );
    await expect(page.locator(`[data-pod="default/${WEB?.name}"]`)).toContainText(WEB?.node ?? '?');
    await expect
      .poll(() =>
        page
          .locator('[data-namespace-box]')
          .evaluateAll((els) => els.map((el) => el.getAttribute('data-namespace-box'))),
      )
      .toEqual(['default', 'kube-system']);
    await expect(
      page.getByText('Namespaces divide objects, not machines', { exact: false }),
    ).toBeVisible();

    await groupBy.selectOption('node');
    await expect(page).not.toHaveURL(/group=/);
    await settle(page);
    const back = await pods(page);
    for (const p of back) {
      const was = before.find((q) => q.pod === p.pod);
      expect(p.tag, `${p.pod} is still the same element`).toBe(was?.tag);
      expect(p.node).toBe(was?.node);
      expect(p.visible).toBe(was?.visible);
      if (p.visible) expect(p.nodeBox, `${p.pod} back on its node`).toBe(p.node);
    }

    // Unfolding a node's kube-system shows its pods inside that node's box.
    await page.locator('[data-node-box="control-plane"] .system-pods summary').click();
    await settle(page);
    const onControlPlane = async () =>
      (await pods(page))
        .filter((p) => p.node === 'control-plane')
        .map((p) => `${p.pod} ${p.visible ? 'shown' : 'hidden'} in ${p.nodeBox}`);
    const expected = LAST_PODS.filter((p) => p.node === 'control-plane')
      .map((p) => `${p.namespace}/${p.name} shown in control-plane`)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(async () => (await onControlPlane()).sort()).toEqual(expected);
  });

  test('unchecking a namespace hides its pods and checking it shows them again', async ({
    page,
  }) => {
    await openApp(page, `?lang=en&step=${LAST}&group=namespace`);
    await expect(page.getByTestId('group-by')).toHaveValue('namespace');
    const system = page.locator('[data-pod^="kube-system/"]');
    const web = page.locator(`[data-pod="default/${WEB?.name}"]`);
    await expect(system).toHaveCount(SYSTEM.length);
    await settle(page);
    const count = await tagPods(page);

    const kubeSystem = page.getByRole('checkbox', { name: 'kube-system', exact: true });
    await expect(kubeSystem).toBeChecked();
    await kubeSystem.uncheck();
    for (const p of SYSTEM) {
      await expect(page.locator(`[data-pod="kube-system/${p.name}"]`)).toBeHidden();
    }
    await expect(web).toBeVisible();
    await expect(page.locator('[data-namespace-box="kube-system"]')).toHaveCount(0);
    // Hidden, not removed: the elements stay (and leave the accessibility tree).
    await expect(system).toHaveCount(SYSTEM.length);
    await expect(system.first()).toHaveAttribute('aria-hidden', 'true');

    await kubeSystem.check();
    await settle(page);
    for (const p of SYSTEM) {
      await expect(page.locator(`[data-pod="kube-system/${p.name}"]`)).toBeVisible();
    }
    const after = await pods(page);
    expect(after.map((p) => p.tag).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([
      ...Array(count).keys(),
    ]);
    for (const p of after) expect(p.namespaceBox, p.pod).toBe(p.pod.split('/')[0]);

    // Grouped by node too: unchecking default hides web from its node.
    await page.getByTestId('group-by').selectOption('node');
    await page.getByRole('checkbox', { name: 'default', exact: true }).uncheck();
    await expect(web).toBeHidden();
    await expect(page.locator(`[data-node-box="${WEB?.node}"]`)).toContainText(
      translate('en', 'stage.pods.none'),
    );
    await page.getByRole('checkbox', { name: 'default', exact: true }).check();
    await expect(web).toBeVisible();
  });

  test('with reduced motion the pods are in their new places at once', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openApp(page, `?lang=ko&step=${LAST}`);
    await settle(page);
    await tagPods(page);
    await page.getByTestId('group-by').selectOption('namespace');
    // No flight and no fade to wait for: the very next frame shows the final picture.
    const now = await page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() =>
            resolve(
              [...document.querySelectorAll('[data-pod]')].reduce(
                (n, el) => n + el.getAnimations().length,
                0,
              ),
            ),
          ),
        ),
    );
    expect(now).toBe(0);
    for (const p of await pods(page)) {
      expect(p.tag).toBeDefined();
      expect(p.namespaceBox, p.pod).toBe(p.pod.split('/')[0]);
    }
    await expect(page.getByText(translate('ko', 'stage.byNamespace.caption'))).toBeVisible();
    await page.getByRole('checkbox', { name: 'kube-system', exact: true }).uncheck();
    await expect(page.locator('[data-pod^="kube-system/"]').first()).toBeHidden({ timeout: 100 });
  });

  for (const lang of ['en', 'ko'] as const) {
    test(`grouped by namespace the page still fits 1280×800, and a phone never scrolls sideways (${lang})`, async ({
      page,
    }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await openApp(page, `?lang=${lang}&step=${LAST}&group=namespace`);
      await settle(page);
      const size = () =>
        page.evaluate(() => ({
          width: document.documentElement.scrollWidth,
          height: document.documentElement.scrollHeight,
        }));
      expect(await size()).toEqual({ width: 1280, height: 800 });
      // The caption says what the view shows, in the page's language.
      await expect(page.locator('.stage-hint')).toHaveText(
        translate(lang, 'stage.byNamespace.caption'),
      );
      await page.setViewportSize({ width: 390, height: 844 });
      await settle(page);
      expect((await size()).width).toBeLessThanOrEqual(390);
      for (const p of await pods(page)) {
        expect(p.namespaceBox, `${p.pod} (phone)`).toBe(p.pod.split('/')[0]);
      }
    });

    test(`axe finds no violations when grouped by namespace (${lang})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: lang === 'en' ? 'light' : 'dark' });
      await openApp(page, `?lang=${lang}&step=${LAST}&group=namespace`);
      await settle(page);
      await waitForPacketLabels(page);
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});
