import { expect, test } from './fixtures.ts';

/**
 * The first step is pre-rendered into index.html (src/prerender/). These tests look at the page
 * the way a learner's browser meets it: what the HTML paints before any script, that React then
 * adopts those very elements, that nothing typed or clicked meanwhile is lost, and that any
 * other start (Korean, a deep link) never flashes the English first step.
 */

/** Note, when the document is parsed (before the app's script runs), what the page shows. */
async function recordParsedPage(page: import('@playwright/test').Page) {
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const root = document.getElementById('root');
      const stage = document.querySelector('[data-testid="stage"]');
      const w = window as unknown as Record<string, unknown>;
      w.__parsed = {
        rootShown: root ? getComputedStyle(root).display !== 'none' : false,
        step: stage?.getAttribute('data-step') ?? null,
        narration: document.querySelector('[data-testid="narration"]')?.textContent ?? '',
      };
      w.__parsedStage = stage;
    });
  });
}

/**
 * A cold start: the boot script marked `<html>`, and marked so, the stylesheet hides
 * pre-rendered markup (checked on a stand-in, since the page has replaced the markup by now).
 */
async function expectColdStart(page: import('@playwright/test').Page) {
  const hidden = await page.evaluate(() => {
    const probe = document.createElement('div');
    probe.id = 'root';
    probe.setAttribute('data-prerendered', '');
    const real = document.getElementById('root');
    real?.removeAttribute('id');
    document.body.append(probe);
    const display = getComputedStyle(probe).display;
    probe.remove();
    real?.setAttribute('id', 'root');
    return { cold: document.documentElement.classList.contains('cold-start'), display };
  });
  expect(hidden).toEqual({ cold: true, display: 'none' });
}

const parsed = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window as unknown as { __parsed: Record<string, unknown> }).__parsed);

test.describe('the pre-rendered first step', () => {
  test('is in the HTML, painted before the script, and hydrated in place without errors', async ({
    page,
    watch,
  }) => {
    const html = await (await page.request.get('./')).text();
    expect(html).toContain('data-testid="stage" data-step="image-push"');
    // No inline script (the CSP forbids it); the app's module script waits in a template.
    expect(html).not.toContain('<script>');
    expect(html).toMatch(/<template id="kim-app"><script type="module"/);
    // React's chunk has a module script of its own, before the app's: it is evaluated in a task
    // of its own instead of lengthening the one that runs the app's modules.
    expect(html).toMatch(
      /<template id="kim-app"><script type="module" crossorigin src="\.\/assets\/react-dom-[\w-]+\.js"><\/script><script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js"><\/script>/,
    );

    await recordParsedPage(page);
    await page.goto('./');
    await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'image-push');
    // The app is live once a step works; the stage is the same element the HTML created.
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'api-request');
    const state = await parsed(page);
    expect(state).toMatchObject({ rootShown: true, step: 'image-push' });
    expect(state.narration).not.toBe('');
    expect(
      await page.evaluate(
        () =>
          (window as unknown as { __parsedStage: Element }).__parsedStage ===
          document.querySelector('[data-testid="stage"]'),
      ),
    ).toBe(true);
    // Styles the CSP would block as attributes are real inline styles after hydration.
    await expect(page.locator('[data-ssr-style]')).toHaveCount(0);
    await expect(page.locator('[data-ns-row="kube-system"]')).toHaveAttribute(
      'style',
      /--ns-hue:\s*260/,
    );
    expect(watch.consoleErrors).toEqual([]);
  });

  test("React's DOM renderer starts in its own script, and the app's script is added after it ran", async ({
    page,
  }) => {
    // What happens, in order: module scripts added to the page, their load events (a module
    // script's comes after it has run), and react-dom initializing (it reports to the DevTools
    // hook when it does).
    await page.addInitScript(() => {
      const log: string[] = [];
      const w = window as unknown as Record<string, unknown>;
      w.__scriptLog = log;
      // react-dom's two entry modules both report; one line is enough.
      const starts = () => {
        if (!log.includes('react-dom starts')) log.push('react-dom starts');
      };
      w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = { checkDCE: starts };
      // `assets/<name>-<8-character hash>.js`; the hash may itself contain `-` or `_`.
      const name = (script: HTMLScriptElement) =>
        script.src.replace(/.*\/assets\/(.+)-[\w-]{8}\.js$/, '$1');
      const isModule = (node: unknown): node is HTMLScriptElement =>
        node instanceof HTMLScriptElement && node.type === 'module';
      new MutationObserver((records) => {
        for (const record of records) {
          for (const node of record.addedNodes) if (isModule(node)) log.push(`added ${name(node)}`);
        }
      }).observe(document, { childList: true, subtree: true });
      // In the capture phase, before the page's own listener on the script sees it.
      document.addEventListener(
        'load',
        (event) => {
          if (isModule(event.target)) log.push(`ran ${name(event.target)}`);
        },
        true,
      );
    });
    await page.goto('./');
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'api-request');
    const log = await page.evaluate(
      () => (window as unknown as { __scriptLog: string[] }).__scriptLog,
    );
    expect(log).toEqual([
      'added react-dom',
      'react-dom starts',
      'ran react-dom',
      'added index',
      'ran index',
    ]);
  });

  test('keys and clicks made before the page is live are not lost', async ({ page }) => {
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        // Before the app's script has run: → twice, then a click on Previous step.
        for (const key of ['ArrowRight', 'ArrowRight']) {
          document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
        }
        const previous = [...document.querySelectorAll('button')].find(
          (b) => b.textContent?.trim() === 'Previous step',
        );
        previous?.click();
      });
    });
    await page.goto('./');
    await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'api-request');
    await expect(page).toHaveURL(/step=2/);
  });

  test('a Korean browser starts cold: the English markup never shows, the page renders in Korean', async ({
    browser,
  }) => {
    const context = await browser.newContext({ locale: 'ko-KR' });
    const page = await context.newPage();
    await recordParsedPage(page);
    await page.goto('./');
    await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'image-push');
    await expect(page.getByRole('button', { name: '다음 단계' })).toBeVisible();
    await expectColdStart(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    await context.close();
  });

  test('a deep link starts cold on its own step', async ({ page }) => {
    await recordParsedPage(page);
    await page.goto('./?step=3');
    await expect(page.getByTestId('stage')).toHaveAttribute('data-step', 'scheduler-choice');
    await expectColdStart(page);
  });
});
