import { expect, openApp, test } from './fixtures.ts';
import { activeComponents, expectedActive, LEVELS, picture, say, story } from './story.ts';

const NEXT = { en: 'Next step', ko: '다음 단계' } as const;
const PROGRESS = {
  en: (i: number, n: number) => `Step ${i} of ${n}`,
  ko: (i: number, n: number) => `${n}단계 중 ${i}단계`,
} as const;
const CONTRACT_IDS = [
  'image-push',
  'api-request',
  'scheduler-choice',
  'kubelet',
  'image-pull',
  'pod-running',
];

test.describe('the container-flow story', () => {
  test('both levels hold the contract step ids in order', () => {
    expect(story.levels.simple.map((s) => s.id)).toEqual(CONTRACT_IDS);
    const detailed = story.levels.detailed.map((s) => s.id);
    expect(detailed.filter((id) => CONTRACT_IDS.includes(id))).toEqual(CONTRACT_IDS);
  });

  for (const level of LEVELS) {
    for (const lang of ['en', 'ko'] as const) {
      test(`${level} level in ${lang}: every step, in order, with its acting components and narration`, async ({
        page,
      }) => {
        const steps = story.levels[level];
        await openApp(page, `?lang=${lang}&level=${level}`);
        await expect(
          page.getByRole('button', {
            pressed: true,
            name: new RegExp(level === 'simple' ? 'Simple|간단히' : 'Detailed|자세히'),
          }),
        ).toBeVisible();
        for (const [i, step] of steps.entries()) {
          if (i > 0) await page.getByRole('button', { name: NEXT[lang] }).click();
          await expect(page.getByTestId('stage')).toHaveAttribute('data-step', step.id);
          await expect(page.getByTestId('progress')).toHaveText(
            PROGRESS[lang](i + 1, steps.length),
          );
          await expect(page.getByTestId('narration')).toContainText(say(lang, step.title));
          expect(await activeComponents(page), step.id).toEqual(expectedActive(step));
          await expect(page).toHaveURL(new RegExp(`[?&]step=${i + 1}&|[?&]step=${i + 1}$`));
        }
        await expect(page).toHaveURL(/[?&]scenario=container-flow(&|$)/);
        await expect(page).toHaveURL(new RegExp(`[?&]level=${level}(&|$)`));
      });
    }
  }

  test('the scheduler skips the tainted control plane and the pod ends Running on the chosen node', async ({
    page,
  }) => {
    await openApp(page, '?lang=en&level=simple&step=3');
    await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'scheduler-choice');
    // The decision is the point of this step: its table opens by itself.
    const table = page.getByTestId('decision');
    await expect(page.getByRole('tab', { name: 'Scheduler' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const controlPlane = table.locator('[data-decision-node="control-plane"]');
    await expect(controlPlane).toHaveAttribute('data-feasible', 'false');
    await expect(controlPlane).toContainText('filtered out');
    await expect(controlPlane).toContainText(
      'untolerated taint {node-role.kubernetes.io/control-plane: }',
    );
    // Exactly one winner, marked with a word (not colour alone).
    const chosenRow = table.locator('[data-chosen="true"]');
    await expect(chosenRow).toHaveCount(1);
    await expect(chosenRow).toContainText('chosen');
    const chosen = await chosenRow.getAttribute('data-decision-node');
    expect(chosen).toMatch(/^node\d$/);
    // Equal best totals: the table says the pick among them was random, as kube-scheduler's is.
    const rows = story.levels.simple[2]?.decision?.rows ?? [];
    const best = Math.max(...rows.flatMap((r) => (r.feasible ? [r.total ?? 0] : [])));
    const tied = rows.filter((r) => r.feasible && r.total === best).length > 1;
    if (tied) await expect(table).toContainText('picks one of them at random');
    else await expect(table).not.toContainText('at random');
    // Every worker passed the filters and has a total.
    for (const node of ['node1', 'node2', 'node3']) {
      await expect(table.locator(`[data-decision-node="${node}"]`)).toContainText('passed');
    }

    await page.getByRole('slider', { name: 'Timeline' }).fill('6');
    await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'pod-running');
    const pod = page.locator('[data-pod^="default/web-"]');
    await expect(pod).toHaveCount(1);
    await expect(pod).toHaveAttribute('data-status', 'Running');
    await expect(pod).toHaveAttribute('data-node', chosen ?? '');
    // kubectl agrees: the pod's row says Running, 1/1, on that node.
    await page.getByRole('tab', { name: 'kubectl get pods' }).click();
    await expect(page.getByText('$ kubectl get pods -o wide')).toBeVisible();
    const row = (await page.getByTestId('get-pods').textContent())?.split('\n')[1] ?? '';
    expect(row.split(/\s+/)).toEqual(
      expect.arrayContaining([
        await pod.getAttribute('data-pod').then((p) => p?.split('/')[1]),
        '1/1',
        'Running',
        chosen,
      ]),
    );
  });

  test('the API request step shows the YAML kubectl sent', async ({ page }) => {
    await openApp(page, '?lang=en&level=detailed&step=3');
    await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'api-request');
    await page.getByRole('tab', { name: 'YAML' }).click();
    const yaml = page.getByTestId('yaml');
    await expect(yaml).toContainText('kind: Deployment');
    await expect(yaml).toContainText('- image: nginx');
    await expect(page.getByTestId('panels')).toContainText(
      'POST /apis/apps/v1/namespaces/default/deployments',
    );
  });

  test('switching level keeps the learner at the same moment, and back', async ({ page }) => {
    const { simple, detailed } = story.levels;
    await openApp(page, '?lang=en&level=simple&step=2');
    await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'api-request');
    await page.getByRole('button', { name: /Detailed/ }).click();
    // api-request (simple) starts with kubectl's request: the detailed step of that request.
    const first = simple[1]?.seqFrom ?? -1;
    const landing = detailed.findIndex((s) => s.seqTo >= first);
    expect(detailed[landing]?.id).toBe('api-request');
    await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'api-request');
    await expect(page.getByTestId('progress')).toHaveText(`Step ${landing + 1} of 11`);
    await expect(page).toHaveURL(new RegExp(`[?&]step=${landing + 1}(&|$)`));
    await expect(page).toHaveURL(/[?&]level=detailed(&|$)/);
    await page.getByRole('button', { name: /Simple/ }).click();
    await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'api-request');
    await expect(page).toHaveURL(/[?&]step=2(&|$)/);
    await expect(page).toHaveURL(/[?&]level=simple(&|$)/);
    // Detailed 6 (the ReplicaSet controller) → Simple 2 → Detailed 6, not another step.
    const rs = detailed.findIndex((s) => s.id === 'replicaset-controller');
    await openApp(page, `?lang=en&level=detailed&step=${rs + 1}`);
    await expect(page.getByTestId('narration')).toContainText('over the watch');
    await page.getByRole('button', { name: /Simple/ }).click();
    await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'api-request');
    await page.getByRole('button', { name: /Detailed/ }).click();
    await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'replicaset-controller');
  });

  test('going back restores the same picture, and a deep link or reload shows it too', async ({
    page,
  }) => {
    await openApp(page, '?lang=en&level=detailed&step=6');
    const before = await picture(page);
    expect(before.step).toBe('replicaset-controller');
    expect(before.getPods).toContain('Pending');
    const next = page.getByRole('button', { name: 'Next step' });
    const previous = page.getByRole('button', { name: 'Previous step' });
    for (let i = 0; i < 3; i++) await next.click();
    await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'image-pull');
    for (let i = 0; i < 3; i++) await previous.click();
    expect(await picture(page)).toEqual(before);

    await page.reload();
    await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'replicaset-controller');
    expect(await picture(page)).toEqual(before);

    // A pasted link lands on the same picture in a fresh page.
    const url = page.url();
    const other = await page.context().newPage();
    await other.goto(url);
    await expect(other.getByTestId('stage')).toHaveAttribute('data-step', 'replicaset-controller');
    expect(await picture(other)).toEqual(before);
    await other.close();
  });

  test('with reduced motion every step still arrives, in order', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const steps = story.levels.detailed;
    await openApp(page, '?lang=ko&level=detailed');
    for (const [i, step] of steps.entries()) {
      if (i > 0) await page.keyboard.press('ArrowRight');
      await expect(page.getByTestId('stage')).toHaveAttribute('data-step', step.id);
    }
    await expect(page.locator('[data-pod^="default/web-"]')).toHaveAttribute(
      'data-status',
      'Running',
    );
    // Packets do not travel: a dot is where it rests as soon as the step shows, and stays.
    const dot = page.locator('[data-packet] .packet-dot').last();
    const first = await dot.boundingBox();
    await page.waitForTimeout(250);
    expect(await dot.boundingBox()).toEqual(first);
  });
});
