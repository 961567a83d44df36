import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures.ts';
import { activeComponents, podPicture, say, story } from './story.ts';

// The page opens at the simple level: the study note's six beats.
const SIMPLE = story.levels.simple;
const STEP_IDS = SIMPLE.map((s) => s.id);
/** The Deployment's one pod, as the engine named it (`web-<template hash>-<suffix>`). */
const WEB_POD = SIMPLE.at(-1)?.model.pods.find((p) => p.namespace === 'default')?.name ?? 'missing';

const stage = (page: Page) => page.getByTestId('stage');

test.describe('player', () => {
  test('Next step and Previous step walk the six steps in order and the URL follows', async ({
    page,
    watch,
  }) => {
    await openApp(page, '?lang=en');
    await expect(stage(page)).toHaveAttribute('data-step', 'image-push');
    await expect(page.getByTestId('progress')).toHaveText('Step 1 of 6');
    await expect(page).toHaveURL(/[?&]step=1(&|$)/);
    for (const [i, id] of STEP_IDS.entries()) {
      if (i === 0) continue;
      await page.getByRole('button', { name: 'Next step' }).click();
      await expect(stage(page)).toHaveAttribute('data-step', id);
      await expect(page.getByTestId('progress')).toHaveText(`Step ${i + 1} of 6`);
      await expect(page).toHaveURL(new RegExp(`[?&]step=${i + 1}(&|$)`));
    }
    // At the end, Next step is marked disabled (but stays focusable) and → changes nothing.
    await expect(page.getByRole('button', { name: 'Next step' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await page.keyboard.press('ArrowRight');
    await expect(stage(page)).toHaveAttribute('data-step', 'pod-running');
    await expect(page.getByTestId('progress')).toHaveText('Step 6 of 6');
    for (let i = STEP_IDS.length - 2; i >= 0; i--) {
      await page.getByRole('button', { name: 'Previous step' }).click();
      await expect(stage(page)).toHaveAttribute('data-step', STEP_IDS[i] as string);
    }
    await expect(page).toHaveURL(/[?&]step=1(&|$)/);
    expect(watch.consoleErrors).toEqual([]);
  });

  test('the buttons stay put: clicking the same spot on Next steps forward every time', async ({
    page,
  }) => {
    for (const lang of ['en', 'ko'] as const) {
      await openApp(page, `?lang=${lang}&level=detailed&step=1`);
      const next = page.getByRole('button', { name: lang === 'en' ? 'Next step' : '다음 단계' });
      const b = await next.boundingBox();
      if (!b) throw new Error('no Next step button');
      const total = story.levels.detailed.length;
      for (let i = 2; i <= total; i++) {
        // Same pixel every time, whatever the length of the narration that just changed.
        await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
        await expect(page).toHaveURL(new RegExp(`[?&]step=${i}(&|$)`));
      }
    }
  });

  test('→ and ← step, Space plays and pauses', async ({ page }) => {
    await openApp(page, '?lang=en');
    await page.keyboard.press('ArrowRight');
    await expect(stage(page)).toHaveAttribute('data-step', 'api-request');
    await page.keyboard.press('ArrowRight');
    await expect(stage(page)).toHaveAttribute('data-step', 'scheduler-choice');
    await page.keyboard.press('ArrowLeft');
    await expect(stage(page)).toHaveAttribute('data-step', 'api-request');
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    await expect(stage(page)).toHaveAttribute('data-step', /api-request|scheduler-choice/);
  });

  test('going back restores exactly the earlier picture', async ({ page }) => {
    await openApp(page, '?lang=en&step=2');
    const before = { pods: await podPicture(page), active: await activeComponents(page) };
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Next step' }).click();
    await expect(stage(page)).toHaveAttribute('data-step', 'image-pull');
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Previous step' }).click();
    await expect(stage(page)).toHaveAttribute('data-step', 'api-request');
    expect(await podPicture(page)).toEqual(before.pods);
    expect(await activeComponents(page)).toEqual(before.active);
  });

  test('a deep link ?step=3 opens the scheduler step, paused', async ({ page }) => {
    await openApp(page, '?lang=en&step=3&scenario=container-flow');
    await expect(stage(page)).toHaveAttribute('data-step', 'scheduler-choice');
    await expect(page.getByTestId('narration')).toContainText(
      say('en', SIMPLE[2]?.title ?? { key: 'app.title' }),
    );
    await expect(page.getByRole('slider', { name: 'Timeline' })).toHaveValue('3');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    // Other parameters are kept as they were.
    await expect(page).toHaveURL(/[?&]scenario=container-flow(&|$)/);
    expect(await activeComponents(page)).toEqual(['api-server', 'scheduler']);
  });

  test('a deep link beyond the end opens the last step', async ({ page }) => {
    await openApp(page, '?lang=en&step=99');
    await expect(stage(page)).toHaveAttribute('data-step', 'pod-running');
    await expect(page).toHaveURL(/[?&]step=6(&|$)/);
  });

  test('pods show kubectl STATUS: Pending in the tray, Pending bound, ContainerCreating, Running', async ({
    page,
  }) => {
    await openApp(page, '?lang=en&step=1');
    await expect(page.locator('[data-pod^="default/"]')).toHaveCount(0);
    // kube-system pods exist from the start (folded per node), all Running.
    await expect(page.locator('[data-namespace="kube-system"]')).toHaveCount(
      SIMPLE[0]?.model.pods.filter((p) => p.namespace === 'kube-system').length ?? -1,
    );
    await expect(page.locator('[data-pod="kube-system/etcd-control-plane"]')).toHaveAttribute(
      'data-node',
      'control-plane',
    );

    await page.keyboard.press('ArrowRight');
    const tray = page.getByTestId('scheduler-queue');
    const waiting = tray.locator(`[data-pod="default/${WEB_POD}"]`);
    await expect(waiting).toHaveAttribute('data-status', 'Pending');
    await expect(waiting).toHaveAttribute('data-node', '');
    await expect(waiting).toContainText('Pending');

    await page.keyboard.press('ArrowRight');
    await expect(tray.locator('[data-pod]')).toHaveCount(0);
    const web = page.locator(`[data-pod="default/${WEB_POD}"]`);
    await expect(web).toHaveAttribute('data-node', /^node\d$/);
    await expect(web).toHaveAttribute('data-status', 'Pending');
    // Nothing of the learner's lands on the tainted control-plane node.
    await expect(page.locator('[data-pod^="default/"][data-node="control-plane"]')).toHaveCount(0);

    await page.keyboard.press('ArrowRight');
    await expect(web).toHaveAttribute('data-status', 'ContainerCreating');
    await expect(web).toContainText('ContainerCreating');

    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(stage(page)).toHaveAttribute('data-step', 'pod-running');
    await expect(web).toHaveAttribute('data-status', 'Running');
  });

  test('every component is on the stage, per-node ones once per node', async ({ page }) => {
    await openApp(page, '?lang=en');
    for (const kind of [
      'developer',
      'registry',
      'api-server',
      'etcd',
      'scheduler',
      'controller-manager',
    ]) {
      await expect(page.locator(`[data-component="${kind}"]`)).toHaveCount(1);
    }
    for (const kind of ['kubelet', 'kube-proxy', 'container-runtime']) {
      for (const node of ['control-plane', 'node1', 'node2', 'node3']) {
        await expect(page.locator(`[data-component="${kind}"][data-node="${node}"]`)).toHaveCount(
          1,
        );
      }
    }
    await expect(page.locator('[data-component="registry"]')).toContainText('Docker Hub');
    await expect(
      page.locator('[data-component="container-runtime"][data-node="node1"]'),
    ).toContainText('container runtime(containerd; Docker in older clusters)');
    expect(await activeComponents(page)).toEqual(['developer', 'registry']);
  });

  test('focusing a component shows what it does, in the current language', async ({ page }) => {
    await openApp(page, '?lang=ko');
    const api = page.locator('[data-component="api-server"]');
    await api.focus();
    const role = api.getByRole('tooltip');
    await expect(role).toBeVisible();
    await expect(role).toContainText('etcd를 읽고 쓰는 것은 API 서버뿐입니다');
    await expect(api).toHaveAccessibleDescription(/클러스터의 정문/);
    // Escape dismisses it without moving focus.
    await page.keyboard.press('Escape');
    await expect(role).toBeHidden();
    await expect(api).toBeFocused();
    await page.getByRole('button', { name: 'English' }).click();
    await api.hover();
    await expect(api.getByRole('tooltip')).toContainText('only it reads and writes etcd');
    await expect(
      page.locator('[data-component="container-runtime"][data-node="node2"]'),
    ).toContainText('(containerd; Docker in older clusters)');
  });

  test('the timeline scrubs to any step and the speed can be chosen', async ({ page }) => {
    await openApp(page, '?lang=en');
    const timeline = page.getByRole('slider', { name: 'Timeline' });
    await timeline.fill('4');
    await expect(stage(page)).toHaveAttribute('data-step', 'kubelet');
    await expect(timeline).toHaveAttribute(
      'aria-valuetext',
      `Step 4 of 6: ${say('en', SIMPLE[3]?.title ?? { key: 'app.title' })}`,
    );
    const speed = page.getByRole('combobox', { name: 'Speed' });
    await expect(speed.locator('option')).toHaveText(['0.5×', '1×', '1.5×', '2×', '4×']);
    await speed.selectOption('4');
    await page.getByRole('button', { name: 'Play' }).click();
    // At 4× a step lasts 1.5 s (6 s at 1×): two steps later it is at the end, and stops.
    await expect(stage(page)).toHaveAttribute('data-step', 'image-pull', { timeout: 2500 });
    await expect(stage(page)).toHaveAttribute('data-step', 'pod-running', { timeout: 2500 });
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    await expect(page).toHaveURL(/[?&]step=6(&|$)/);
  });

  test('clicking fast never leaves the picture out of step with the player', async ({ page }) => {
    await openApp(page, '?lang=en');
    const next = page.getByRole('button', { name: 'Next step' });
    const previous = page.getByRole('button', { name: 'Previous step' });
    for (let i = 0; i < 4; i++) await next.click({ delay: 0 });
    await previous.click({ delay: 0 });
    await next.click({ delay: 0 });
    await next.click({ delay: 0 });
    await previous.click({ delay: 0 });
    await expect(stage(page)).toHaveAttribute('data-step', 'image-pull');
    await expect(page.getByTestId('progress')).toHaveText('Step 5 of 6');
    await expect(page.getByTestId('narration')).toContainText('The runtime pulls the image');
    await expect(page.locator(`[data-pod="default/${WEB_POD}"]`)).toHaveAttribute(
      'data-status',
      'ContainerCreating',
    );
    await expect(page.locator('[data-message]')).toHaveCount(SIMPLE[4]?.model.packets.length ?? -1);
    // Keys held down: many events in one burst.
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowLeft');
    await expect(stage(page)).toHaveAttribute('data-step', 'image-push');
    await expect(page.locator('[data-pod^="default/"]')).toHaveCount(0);
    await expect(page.locator('[data-message]')).toHaveCount(SIMPLE[0]?.model.packets.length ?? -1);
  });

  test('packets carry their label and are listed in order with sender, receiver and meaning', async ({
    page,
  }) => {
    const step = SIMPLE[1];
    await openApp(page, '?lang=en&step=2');
    await expect(page.locator('[data-packet]')).toHaveCount(step?.model.packets.length ?? -1);
    const first = step?.model.packets[0];
    expect(first?.label).toBe('POST /apis/apps/v1/namespaces/default/deployments');
    // On the stage the label is short (the verb and the path's last segment); the list below
    // keeps the whole path.
    await expect(page.locator(`[data-packet="${first?.id}"] .packet-label`)).toHaveText(
      'POST …/deployments',
    );
    const messages = page.locator('[data-message]');
    await expect(messages).toHaveCount(step?.model.packets.length ?? -1);
    await expect(messages.first()).toHaveText(
      `1Developer → API serverPOST /apis/apps/v1/namespaces/default/deployments${say('en', step?.messages[0]?.summary ?? { key: 'app.title' })}`,
    );
    // The API server stores the Deployment in etcd, then answers kubectl: 201 Created.
    await expect(messages.nth(1)).toContainText(
      'API server → etcd/registry/deployments/default/web',
    );
    await expect(messages.nth(2)).toContainText('API server → Developer201');
    await expect(messages.first()).toHaveAttribute('data-from', 'developer');
    await expect(messages.first()).toHaveAttribute('data-to', 'api-server');
  });

  test('narration is a polite live region that follows the step', async ({ page }) => {
    await openApp(page, '?lang=en');
    const narration = page.getByTestId('narration');
    await expect(narration).toHaveAttribute('aria-live', 'polite');
    await expect(narration).toContainText('Build and push the image');
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(narration).toContainText('kubectl create deployment web --image=nginx');
  });

  test('Korean controls: 다음 단계, 이전 단계, 재생, 일시정지 and "6단계 중 2단계"', async ({
    page,
  }) => {
    await openApp(page, '?lang=ko');
    await page.getByRole('button', { name: '다음 단계' }).click();
    await expect(page.getByTestId('progress')).toHaveText('6단계 중 2단계');
    await page.getByRole('button', { name: '재생' }).click();
    await page.getByRole('button', { name: '일시정지' }).click();
    await expect(page.getByRole('button', { name: '재생' })).toBeVisible();
    await page.getByRole('button', { name: '이전 단계' }).click();
    await expect(stage(page)).toHaveAttribute('data-step', /image-push|api-request/);
  });

  test('with reduced motion the same steps work, and packets are in place at once', async ({
    page,
  }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openApp(page, '?lang=en');
    for (const [i, id] of STEP_IDS.entries()) {
      if (i > 0) await page.keyboard.press('ArrowRight');
      await expect(stage(page)).toHaveAttribute('data-step', id);
    }
    await expect(page.locator(`[data-pod="default/${WEB_POD}"]`)).toHaveAttribute(
      'data-status',
      'Running',
    );
    // Packets do not travel: each dot is at rest where it appears.
    const dot = page.locator('[data-packet] .packet-dot').last();
    await expect(dot).toBeVisible();
    const before = await dot.boundingBox();
    await page.waitForTimeout(250);
    expect(await dot.boundingBox()).toEqual(before);
  });
});
