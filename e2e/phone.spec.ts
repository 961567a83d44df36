import { run } from './console.ts';
import { expect, openApp, test } from './fixtures.ts';

/** The phone-sized page: what the diagram has no room for is said elsewhere, readably. */
test.describe('phone', () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
  });

  for (const [lang, speed, route] of [
    ['en', 'Speed', 'Developer → API server'],
    ['ko', '속도', '개발자 → API 서버'],
  ] as const) {
    test(`the pinned player names the flying packet and its speed select has a name (${lang})`, async ({
      page,
      watch,
    }) => {
      await openApp(page, `?lang=${lang}&level=simple&step=2`);
      await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'api-request');
      // The step's first packet: kubectl's POST, from the developer's laptop to the API server.
      const first = page.locator('#packet-ticker .ticker-item').first();
      await expect(first).toContainText('POST …/deployments');
      await expect(first).toContainText(route);
      await expect(page.locator('#packet-ticker')).toBeVisible();
      await expect(page.getByRole('combobox', { name: speed })).toBeVisible();
      expect(watch.consoleErrors).toEqual([]);
    });
  }

  for (const lang of ['en', 'ko'] as const) {
    test(`the lab's six tabs sit in two even rows of three, every label whole (${lang})`, async ({
      page,
    }) => {
      await openApp(page, `?mode=lab&lang=${lang}`);
      const tabs = page.getByTestId('lab-panels').getByRole('tab');
      await expect(tabs).toHaveCount(6);
      const boxes = await tabs.evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { y: Math.round(r.y), width: r.width, whole: e.scrollWidth <= e.clientWidth };
        }),
      );
      const rows = [...new Set(boxes.map((b) => b.y))];
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(boxes.filter((b) => b.y === row)).toHaveLength(3);
      expect(boxes.every((b) => b.whole)).toBe(true);
      const widths = boxes.map((b) => b.width);
      expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(1);
    });
  }

  test('the console brought into view stops above the pinned player: input and hint both show', async ({
    page,
    watch,
  }) => {
    await openApp(page, '?mode=lab&lang=en');
    await run(page, 'kubectl delete namespace default -i');
    const input = page.getByTestId('kubectl-input');
    await expect(input).toHaveAttribute('data-question', 'Do you want to continue? (y/n):');
    // A phone scrolls a focused field just into view (the nearest edge), as here.
    await page.evaluate(() => window.scrollTo(0, 0));
    await input.evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
    const player = await page.locator('.player').boundingBox();
    const hint = await page.locator('#console-hint').boundingBox();
    expect(hint).not.toBeNull();
    expect(player).not.toBeNull();
    await expect(page.locator('#console-hint')).toContainText('kubectl is waiting for your answer');
    expect((hint?.y ?? 0) + (hint?.height ?? 0)).toBeLessThanOrEqual(player?.y ?? 0);
    expect(watch.consoleErrors).toEqual([]);
  });

  test('at 360 px a question wraps inside the console, while a table keeps its columns and scrolls', async ({
    page,
    watch,
  }) => {
    await page.setViewportSize({ width: 360, height: 640 });
    await openApp(page, '?mode=lab&lang=en');
    await run(page, 'kubectl delete namespace default -i');
    await expect(page.getByTestId('kubectl-input')).toHaveAttribute(
      'data-question',
      'Do you want to continue? (y/n):',
    );
    const output = page.locator('.console-output');
    const question = output.locator('.console-stdout', { hasText: 'You are about to delete' });
    await expect(question).toHaveClass(/console-stdout--prose/);
    const fits = () => output.evaluate((e) => e.scrollWidth <= e.clientWidth);
    // Nothing of the question is cut off at the box's edge: it wraps, as a terminal wraps it.
    expect(await fits()).toBe(true);
    await page.getByTestId('kubectl-input').fill('n');
    await page.getByTestId('kubectl-input').press('Enter');
    await run(page, 'kubectl get pods -A -o wide');
    const table = output.locator('.console-stdout', { hasText: 'NOMINATED NODE' });
    await expect(table).not.toHaveClass(/console-stdout--prose/);
    // The table's rows stay whole lines: the box scrolls sideways instead.
    expect(await fits()).toBe(false);
    expect(watch.consoleErrors).toEqual([]);
  });

  test('long names and values never make the page scroll sideways', async ({ page }) => {
    await openApp(page, '?mode=lab&lang=en');
    const name = `team-${'a'.repeat(58)}`;
    await run(page, `kubectl create namespace ${name}`);
    await run(
      page,
      `kubectl run longy --image=nginx --labels=app=longy,tier=${'c'.repeat(60)} --annotations=note=${'n'.repeat(90)}`,
    );
    await expect(page.locator(`[data-ns-row="${name}"]`)).toBeVisible();
    const sideways = () =>
      page.evaluate(() => {
        const root = document.scrollingElement as Element;
        return root.scrollWidth - window.innerWidth;
      });
    expect(await sideways()).toBeLessThanOrEqual(0);
    // The describe inspector (UIDs, the long label) and every tab of the lab's panels.
    await page.locator('[data-pod="default/longy"]').click({ force: true });
    await expect(page.getByTestId('lab-panels')).toContainText('describe pod longy');
    expect(await sideways()).toBeLessThanOrEqual(0);
    const tabs = page.getByTestId('lab-panels').getByRole('tab');
    for (let i = 0; i < 6; i++) {
      await tabs.nth(i).click();
      expect(await sideways(), `tab ${i + 1}`).toBeLessThanOrEqual(0);
    }
    // Grouped by namespace, its box names it in full.
    await page.getByTestId('group-by').selectOption('namespace');
    await expect(page.locator(`[data-namespace-box="${name}"]`)).toBeVisible();
    expect(await sideways()).toBeLessThanOrEqual(0);
  });

  // English "Previous step" is wider than a quarter of a phone: its words ran over the button's
  // edge at 390 px and 360 px. Playing swaps Play for the longer Pause (일시정지).
  for (const width of [390, 360]) {
    for (const lang of ['en', 'ko'] as const) {
      test(`at ${width} px every player button holds its words, playing or not (${lang})`, async ({
        page,
      }) => {
        await page.setViewportSize({ width, height: 740 });
        await openApp(page, `?lang=${lang}&level=simple&step=3`);
        /** Each visible label whose text reaches outside its button's padding box. */
        const spilling = () =>
          page.locator('.player-buttons > button').evaluateAll((buttons) =>
            buttons.flatMap((button) => {
              const label = button.querySelector('span');
              if (!label || label.getBoundingClientRect().width <= 1) return []; // glyph only
              const range = document.createRange();
              range.selectNodeContents(label);
              const text = range.getBoundingClientRect();
              const box = button.getBoundingClientRect();
              const style = getComputedStyle(button);
              const left =
                box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
              const right =
                box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
              return text.left >= left - 0.5 && text.right <= right + 0.5
                ? []
                : [`${label.textContent}: ${text.left}–${text.right} outside ${left}–${right}`];
            }),
          );
        expect(await spilling()).toEqual([]);
        const player = await page.locator('.player').boundingBox();
        const row = await page
          .locator('.player-buttons')
          .evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(row, 'the buttons stay in their row').toBeLessThanOrEqual(0);
        expect((player?.x ?? 0) + (player?.width ?? 0)).toBeLessThanOrEqual(width);
        await page
          .getByRole('button', { name: lang === 'en' ? 'Play' : '재생', exact: true })
          .click();
        await expect(
          page.getByRole('button', { name: lang === 'en' ? 'Pause' : '일시정지', exact: true }),
        ).toBeVisible();
        expect(await spilling()).toEqual([]);
      });
    }
  }

  test('wide screens keep the labels on the stage and draw no ticker', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openApp(page, '?lang=en&level=simple&step=2');
    await expect(page.locator('#packet-ticker')).toBeHidden();
    await expect(page.locator('#packet-ticker .ticker-item')).toHaveCount(0);
  });

  test('the scheduler decision fits the phone: every node with its total, no sideways scroll', async ({
    page,
  }) => {
    await openApp(page, '?lang=en&level=simple&step=3');
    const table = page.getByTestId('decision');
    await expect(table).toBeVisible();
    const overflow = await table
      .locator('.decision-scroll')
      .evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const node of ['node1', 'node2', 'node3']) {
      const total = table.locator(`[data-decision-node="${node}"] .decision-total`);
      await expect(total).toHaveText('692');
      const box = await total.boundingBox();
      expect(box && box.x + box.width, `${node}: total on screen`).toBeLessThanOrEqual(390);
    }
    await expect(
      table.locator('[data-decision-node="control-plane"] .decision-reason'),
    ).toContainText('node(s) had untolerated taint');
  });
});
