/**
 * A build-only Vite plugin that pre-renders the first view into index.html.
 *
 * Without it the HTML is an empty `#root`: a phone downloads and runs the whole first-view
 * bundle, then builds and lays out the diagram in one long task before anything is painted
 * (Lighthouse mobile: first paint ≈ 2.1 s, one ≈ 450 ms task). With it the diagram is painted
 * from the HTML and `main.tsx` hydrates it (React attaches to the existing elements instead of
 * creating them).
 *
 * - `#root` gets the markup of `renderFirstView` and `data-prerendered`;
 * - a boot script (`bootScript`, its own file: the CSP forbids inline script) is put first in
 *   `<head>`; on a start other than the first view it hides the markup before the first paint.
 *
 * The render runs in Node through Vite's module runner (TSX, the story's virtual module), in
 * parallel with the client build. `vite dev` and vitest do not use this plugin.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { minifySync } from 'rolldown/experimental';
import { type Plugin, runnerImport } from 'vite';
import { storyPlugin } from '../story/vitePlugin.ts';
import { APP_TEMPLATE_ID, bootScript, PRERENDERED_ATTRIBUTE } from './firstView.ts';
import { inlineStyleRules, moveInlineStyles } from './inlineStyles.ts';

/** The empty root the source index.html ships; the plugin fails loudly if it is not there. */
const EMPTY_ROOT = '<div id="root"></div>';

/** The element after the pre-rendered markup that the first paint waits for. */
const END_ID = 'first-view-end';

/**
 * Put `markup` into the empty `#root` of `html`, followed by an empty marker, and make the first
 * paint wait until the parser has reached that marker (`<link rel="expect" blocking="render">`).
 * Without it the browser may paint a half-parsed page: on a phone the narration comes before the
 * stage on screen but after it in the markup, so it would appear later and push the stage down
 * (a layout shift of 0.2 measured).
 */
export function injectFirstView(html: string, markup: string): string {
  if (!html.includes(EMPTY_ROOT)) {
    throw new Error(`prerender: index.html has no ${EMPTY_ROOT} to fill`);
  }
  return html
    .replace(
      EMPTY_ROOT,
      () =>
        `<div id="root" ${PRERENDERED_ATTRIBUTE}>${markup}</div><div id="${END_ID}" hidden></div>`,
    )
    .replace(
      '</head>',
      () => `  <link rel="expect" href="#${END_ID}" blocking="render">\n  </head>`,
    );
}

const NO_CSS = '\0kim-prerender-no-css';

/**
 * Stylesheet imports mean nothing to a render in Node (the client build ships the CSS), and
 * Vite's CSS pipeline is not set up inside `runnerImport`: they become empty modules.
 */
function ignoreCss(): Plugin {
  return {
    name: 'kim-prerender-ignore-css',
    enforce: 'pre',
    resolveId: (id) => (id.endsWith('.css') ? NO_CSS : undefined),
    load: (id) => (id === NO_CSS ? 'export default "";' : undefined),
  };
}

const MODULE_TAGS = /<script type="module"[^>]*><\/script>|<link rel="modulepreload"[^>]*>/g;

/**
 * Move the app's script tags (Vite's entry `<script type="module">` and its modulepreloads) into
 * an inert `<template id="kim-app">` at the end of `<head>`: the boot script adds them when it is
 * time to load the app (`loadApp` in firstView.ts). Their `src`/`href` stay in the HTML, so a
 * reader of index.html still sees every file the first view loads.
 */
export function deferAppScripts(html: string): string {
  const tags = html.match(MODULE_TAGS) ?? [];
  if (!tags.some((tag) => tag.startsWith('<script'))) {
    throw new Error('prerender: index.html has no module script to defer');
  }
  const rest = html.replace(MODULE_TAGS, '').replace(/\n\s*\n/g, '\n');
  const template = `<template id="${APP_TEMPLATE_ID}">${tags.join('')}</template>`;
  return rest.replace('</head>', () => `  ${template}\n  </head>`);
}

/**
 * Turn the modulepreloads of `files` (paths such as `assets/react-dom-abc.js`) into module
 * scripts of their own, placed before the entry's script.
 *
 * Why: a module script and everything it imports statically are evaluated in one task, so the
 * entry's script alone makes one long task of the whole first-view bundle (React's DOM renderer,
 * framer-motion and the app: ~80 ms on a 4×-throttled phone). A chunk with a script of its own is
 * evaluated in a task of its own as soon as it has arrived (module scripts added by the boot
 * script run in the order they become ready); when the entry's turn comes, the chunk has already
 * run and is not run again. Only give chunks without side effects on other modules this way
 * (libraries): modules still run after what they import, but siblings may run earlier than in
 * the entry's import order. The file is fetched once either way, so the bytes are unchanged.
 */
export function evaluateApart(html: string, files: readonly string[]): string {
  let out = html;
  const scripts: string[] = [];
  for (const file of files) {
    const link = `<link rel="modulepreload" crossorigin href="./${file}">`;
    if (!out.includes(link)) {
      throw new Error(`prerender: ${file} is not preloaded by index.html`);
    }
    out = out.replace(link, '');
    scripts.push(`<script type="module" crossorigin src="./${file}"></script>`);
  }
  const entry = out.search(/<script type="module"/);
  if (entry < 0) throw new Error('prerender: index.html has no module script');
  return `${out.slice(0, entry)}${scripts.join('')}${out.slice(entry)}`;
}

/** Render the first view in Node, the way the browser's first render will see it. */
async function renderMarkup(root: string): Promise<string> {
  const { module } = await runnerImport<typeof import('./firstViewHtml.ts')>(
    join(root, 'src/prerender/firstViewHtml.ts'),
    { root, configFile: false, logLevel: 'error', plugins: [ignoreCss(), storyPlugin()] },
  );
  return module.firstViewHtml;
}

/**
 * The first view's markup (styles moved out of `style`), the boot script and the stylesheet
 * that gives the markup its inline styles until `main.tsx` restores them.
 */
export interface FirstViewFiles {
  markup: string;
  boot: string;
  styles: string;
}

/** The boot script minified like the rest of the build (it is loaded before the first paint). */
function minifyBoot(source: string): string {
  const result = minifySync('boot.js', source, { compress: true, mangle: true });
  if (result.errors.length > 0)
    throw new Error(`prerender: boot script: ${result.errors[0]?.message}`);
  return result.code;
}

async function prerender(root: string): Promise<FirstViewFiles> {
  const markup = moveInlineStyles(await renderMarkup(root));
  return { markup, boot: minifyBoot(bootScript()), styles: inlineStyleRules(markup) };
}

/** The plugin; register it in vite.config.ts. */
export function prerenderPlugin({
  apart = [],
}: {
  /** Names of first-view chunks to evaluate in tasks of their own (`evaluateApart`). */
  apart?: readonly string[];
} = {}): Plugin {
  let root = process.cwd();
  let files: Promise<FirstViewFiles> | undefined;
  let bootFile: string | undefined;
  let stylesFile: string | undefined;
  return {
    name: 'kim-prerender',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    buildStart() {
      // Started here, awaited when the bundle is written: the render overlaps the bundling.
      files = prerender(root);
      // A failed render fails the build when awaited, not as an unhandled rejection meanwhile.
      files.catch(() => undefined);
    },
    async generateBundle() {
      if (!files) throw new Error('prerender: buildStart did not run');
      const { boot, styles } = await files;
      const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);
      bootFile = `assets/boot-${hash(boot)}.js`;
      this.emitFile({ type: 'asset', fileName: bootFile, source: boot });
      stylesFile = `assets/first-view-${hash(styles)}.css`;
      this.emitFile({ type: 'asset', fileName: stylesFile, source: styles });
    },
    transformIndexHtml: {
      // After Vite's own HTML work (vite:build-html, which runs after generateBundle above).
      order: 'post',
      async handler(html, context) {
        if (!files || !bootFile || !stylesFile) {
          throw new Error('prerender: generateBundle did not run');
        }
        const chunks = Object.values(context.bundle ?? {}).filter(
          (output) => output.type === 'chunk',
        );
        const apartFiles = apart.map((name) => {
          const chunk = chunks.find((c) => c.name === name);
          if (!chunk) throw new Error(`prerender: no chunk named ${name}`);
          return chunk.fileName;
        });
        return {
          html: deferAppScripts(
            evaluateApart(injectFirstView(html, (await files).markup), apartFiles),
          ),
          tags: [
            {
              tag: 'script',
              attrs: { src: `./${bootFile}` },
              // First in <head>, before the stylesheet: it must run before the first paint.
              injectTo: 'head-prepend',
            },
            {
              tag: 'link',
              attrs: { rel: 'stylesheet', href: `./${stylesFile}` },
              injectTo: 'head',
            },
          ],
        };
      },
    },
  };
}
