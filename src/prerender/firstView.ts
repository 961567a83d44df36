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
 * Load the app: move the script tags Vite wrote (the module scripts and modulepreloads, kept
 * inert in `<template id=templateId>` by the build) into `<head>`, where they run. The preloads
 * go in at once, so every file is fetched in parallel; the module scripts go in one after the
 * other, each once the one before has run (its `load` event, or `error`). A module script runs
 * with everything it imports in one task, and scripts added together run in whatever order
 * their files complete: React's chunk (a script of its own, first; see `evaluateApart` in
 * vitePlugin.ts) would then often run inside the entry's task, which is the long task its
 * script is there to split.
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
    const content = document.importNode(template.content, true);
    template.remove();
    const scripts = Array.from(content.querySelectorAll('script'));
    for (const script of scripts) script.remove();
    document.head.append(content);
    const run = (index: number) => {
      const script = scripts[index];
      if (!script) return;
      const next = () => run(index + 1);
      script.addEventListener('load', next, { once: true });
      script.addEventListener('error', next, { once: true });
      document.head.append(script);
    };
    run(0);
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

/** The event `main.tsx` dispatches on `document` once the hydrated page handles input itself. */
export const LIVE_EVENT = 'kim:live';

/**
 * Hold the learner's first moves until the page is live. The pre-rendered page looks ready
 * before its script has run, and what the learner does meanwhile must not be lost (nor change a
 * control behind React's back). Until `liveEvent` fires on `document`:
 *
 * - a press of → ← or Space (the player's keys), or Enter in a field, is stopped (capture phase,
 *   before anything else sees it) and later dispatched again where it was pressed; keys the
 *   page leaves alone (typing, scrolling a code box, Space on a button) are not touched;
 * - a click on a button or a checkbox is stopped and later replayed as `click()` on the same
 *   element (hydration keeps the elements);
 * - what the learner typed or chose in a field, a slider or a menu is noted; once live, it is
 *   written back (hydration may have reset it) and React is told the value changed (its value
 *   tracker is reset, then `input` and `change` are dispatched), so the page takes it over.
 *
 * The build inlines this function's source into the boot script: it must not refer to anything
 * outside its own body.
 */
export function holdEarlyInput(liveEvent: string): void {
  const replays: (() => void)[] = [];
  const leftAlone = (target: Element | null, key: string): boolean =>
    target?.closest(
      'input, textarea, select, [contenteditable]:not([contenteditable="false"]), [data-scroll-keys]',
    ) != null ||
    (key === ' ' &&
      target?.closest('button, summary, a[href], [role="button"], [role="checkbox"]') != null);
  const onKey = (event: KeyboardEvent) => {
    const key = event.key;
    const target = event.target instanceof Element ? event.target : null;
    const enterInField = key === 'Enter' && target?.closest('input, textarea') != null;
    if (!enterInField) {
      if (key !== 'ArrowRight' && key !== 'ArrowLeft' && key !== ' ') return;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (leftAlone(target, key)) return;
    }
    event.preventDefault();
    event.stopPropagation();
    const init = {
      key,
      code: event.code,
      shiftKey: event.shiftKey,
      bubbles: true,
      cancelable: true,
    };
    replays.push(() => {
      const at = target?.isConnected ? target : document.body;
      at.dispatchEvent(new KeyboardEvent('keydown', init));
    });
  };
  const onClick = (event: MouseEvent) => {
    const control =
      event.target instanceof Element
        ? event.target.closest('button, input[type="checkbox"]')
        : null;
    if (!(control instanceof HTMLElement)) return;
    event.preventDefault();
    event.stopPropagation();
    replays.push(() => {
      if (control.isConnected) control.click();
    });
  };
  const onInput = (event: Event) => {
    const field = event.target;
    if (
      !(field instanceof HTMLInputElement) &&
      !(field instanceof HTMLSelectElement) &&
      !(field instanceof HTMLTextAreaElement)
    ) {
      return;
    }
    event.stopPropagation();
    const value = field.value;
    replays.push(() => {
      if (!field.isConnected) return;
      // Hydration may have put back the value React rendered: write the learner's again,
      // through the prototype's setter (React watches the element's own), then make the value
      // React last saw differ, so the events below reach its change handler.
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')?.set?.call(
        field,
        value,
      );
      const tracker = (field as unknown as { _valueTracker?: { setValue(v: string): void } })
        ._valueTracker;
      tracker?.setValue('\u0000');
      field.dispatchEvent(new Event('input', { bubbles: true }));
      field.dispatchEvent(new Event('change', { bubbles: true }));
    });
  };
  document.addEventListener('keydown', onKey, true);
  document.addEventListener('click', onClick, true);
  document.addEventListener('input', onInput, true);
  document.addEventListener('change', onInput, true);
  document.addEventListener(
    liveEvent,
    () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('click', onClick, true);
      document.removeEventListener('input', onInput, true);
      document.removeEventListener('change', onInput, true);
      for (const replay of replays) replay();
    },
    { once: true },
  );
}

/**
 * The boot script: a tiny classic script first in `<head>`, so it runs before the first paint
 * (the Content-Security-Policy forbids inline script, so it is a file of its own).
 *
 * - On a cold start it marks `<html>`, so the pre-rendered first step never flashes before
 *   another step or language; if anything goes wrong it marks a cold start too (slower, never
 *   wrong).
 * - On a warm start it holds early input until the page is live (`holdEarlyInput`).
 * - Either way it then loads the app (`loadApp`).
 */
export function bootScript(): string {
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
    `      (${holdEarlyInput.toString()})(${JSON.stringify(LIVE_EVENT)});`,
    '    } catch (e) {',
    '      // Early input is then lost, as on a page without pre-rendering.',
    '    }',
    '  }',
    `  (${loadApp.toString()})(warm, ${JSON.stringify(APP_TEMPLATE_ID)}, ${PAINT_TIMEOUT_MS});`,
    '})();',
    '',
  ].join('\n');
}
