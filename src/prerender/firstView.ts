/**
 * The first view: what `vite build` pre-renders into index.html (see `vitePlugin.ts`), so a
 * phone paints the diagram from the HTML instead of waiting for the JavaScript to build it.
 *
 * It is the page as a new visitor with an English browser opens it: the story's first step at
 * the simple level, pods grouped by node, the guided tour (not the lab). Any other start (a deep
 * link, Korean, the lab, the benchmark page) is a "cold" start: the pre-rendered markup is
 * hidden before the first paint and the page renders from scratch, exactly as without it.
 */

/** The view state the build pre-renders. */
export const FIRST_VIEW = {
  lang: 'en',
  level: 'simple',
  cursor: 0,
  groupBy: 'node',
  labMode: 'guided',
} as const;

/** What the page starts on, as `main.tsx` computes it from the URL and the browser. */
export interface StartView {
  lang: string;
  level: string;
  cursor: number;
  groupBy: string;
  labMode: string;
  /** `?bench=…`: a benchmark page instead of the story. */
  bench: boolean;
}

/** Does the page start on exactly the pre-rendered view? */
export function isFirstView(view: StartView): boolean {
  return (
    !view.bench &&
    view.lang === FIRST_VIEW.lang &&
    view.level === FIRST_VIEW.level &&
    view.cursor === FIRST_VIEW.cursor &&
    view.groupBy === FIRST_VIEW.groupBy &&
    view.labMode === FIRST_VIEW.labMode
  );
}

/**
 * Whether a page at `search`, in a browser preferring `languages`, opens on the pre-rendered
 * view. Conservative: any query parameter other than the first view's own values (`lang=en`,
 * `scenario=container-flow`, `step=1`, `level=simple`, `group=node`) makes it a cold start, and
 * so does a browser that prefers Korean (when `?lang=` is absent). A cold start is always
 * correct, only slower; `main.tsx` checks its real start state again before hydrating.
 *
 * The build inlines this function's source into the boot script (`bootScript`), which runs
 * before the first paint: it must not refer to anything outside its own body.
 */
export function opensOnFirstView(search: string, languages: readonly string[]): boolean {
  const params = new URLSearchParams(search);
  const allowed: Record<string, string> = {
    lang: 'en',
    scenario: 'container-flow',
    step: '1',
    level: 'simple',
    group: 'node',
  };
  for (const [key, value] of params) {
    if (!Object.hasOwn(allowed, key) || allowed[key] !== value) return false;
  }
  if (params.has('lang')) return true;
  // Without `?lang=`, the first Korean or English language the browser prefers decides
  // (`initialLang` in src/store/url.ts); neither means English.
  for (const tag of languages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'ko') return false;
    if (primary === 'en') return true;
  }
  return true;
}

/** The class the boot script puts on `<html>` on a cold start (app.css hides the markup). */
export const COLD_START_CLASS = 'cold-start';

/** The attribute on `#root` that marks pre-rendered markup. */
export const PRERENDERED_ATTRIBUTE = 'data-prerendered';

/** The `<template>` that holds the app's script tags until the boot script adds them. */
export const APP_TEMPLATE_ID = 'kim-app';

/** How long a warm start waits for the first contentful paint before loading the app anyway. */
export const PAINT_TIMEOUT_MS = 3000;

/**
 * Load the app: move the script tags Vite wrote (the entry module and its modulepreloads, kept
 * inert in `<template id=templateId>` by the build) into `<head>`, where they run.
 *
 * On a warm start that waits for the first contentful paint: the pre-rendered step is painted
 * from the HTML, and downloading and running about 125 KB of script before that paint would only
 * delay it on a phone. The paint entry is reported once the frame is on screen, which on a busy
 * phone is well after it was drawn. A cold start has nothing to paint first: the app loads as
 * soon as the document is parsed.
 *
 * The build inlines this function's source into the boot script: it must not refer to anything
 * outside its own body.
 */
export function loadApp(warm: boolean, templateId: string, timeoutMs: number): void {
  let started = false;
  let observer: PerformanceObserver | undefined;
  const start = () => {
    if (started) return;
    const template = document.getElementById(templateId);
    if (!(template instanceof HTMLTemplateElement)) return;
    started = true;
    observer?.disconnect();
    document.head.append(document.importNode(template.content, true));
    template.remove();
  };
  if (warm) {
    try {
      observer = new PerformanceObserver((list) => {
        if (list.getEntriesByName('first-contentful-paint').length > 0) start();
      });
      observer.observe({ type: 'paint', buffered: true });
    } catch {
      // No paint timing: the timeout starts the app.
    }
    setTimeout(start, timeoutMs);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => {
      if (!warm) start();
    });
  } else if (!warm) {
    start();
  }
}

/**
 * The boot script: a tiny classic script first in `<head>`, so it runs before the first paint
 * (the Content-Security-Policy forbids inline script, so it is a file of its own).
 *
 * - On a cold start it marks `<html>`, so the pre-rendered first step never flashes before
 *   another step or language; if anything goes wrong it marks a cold start too (slower, never
 *   wrong).
 * - On a warm start it adopts `styleRules` (see `inlineStyles.ts`: the markup's inline styles,
 *   which the CSP blocks as attributes) as a constructed stylesheet, so the first paint has them.
 * - Either way it then loads the app (`loadApp`).
 */
export function bootScript(styleRules: string): string {
  return [
    '(function () {',
    '  var warm;',
    '  try {',
    `    warm = (${opensOnFirstView.toString()})(location.search, navigator.languages || [navigator.language]);`,
    '  } catch (e) {',
    '    warm = false;',
    '  }',
    '  if (!warm) {',
    `    document.documentElement.classList.add(${JSON.stringify(COLD_START_CLASS)});`,
    '  } else {',
    '    try {',
    '      var sheet = new CSSStyleSheet();',
    `      sheet.replaceSync(${JSON.stringify(styleRules)});`,
    '      document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);',
    '    } catch (e) {',
    '      // No constructed stylesheets: the first paint lacks a few colours until main.tsx runs.',
    '    }',
    '  }',
    `  (${loadApp.toString()})(warm, ${JSON.stringify(APP_TEMPLATE_ID)}, ${PAINT_TIMEOUT_MS});`,
    '})();',
    '',
  ].join('\n');
}
