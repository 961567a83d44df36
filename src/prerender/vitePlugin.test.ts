import { describe, expect, it } from 'vitest';
import { deferAppScripts, evaluateApart, injectFirstView } from './vitePlugin.ts';

const built = `<!doctype html>
<html lang="en">
  <head>
    <title>Kubernetes in Motion</title>
    <script type="module" crossorigin src="./assets/index-abc.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/jsx-runtime-def.js">
    <link rel="stylesheet" crossorigin href="./assets/index-ghi.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

describe('the build step that writes the pre-rendered index.html', () => {
  it('fills the empty #root and marks it', () => {
    const html = injectFirstView(built, '<div class="app">$& $1</div>');
    expect(html).toContain('<div id="root" data-prerendered><div class="app">$& $1</div></div>');
    // The first paint waits for the whole markup (on a phone the narration is drawn above the
    // stage but comes after it in the markup).
    expect(html).toContain('<div id="first-view-end" hidden></div>');
    expect(html).toContain('<link rel="expect" href="#first-view-end" blocking="render">');
  });

  it('refuses an index.html without an empty #root', () => {
    expect(() => injectFirstView('<body><div id="app"></div></body>', 'x')).toThrow(/id="root"/);
  });

  it("keeps the app's script tags inert in a template, with their URLs, and the stylesheet live", () => {
    const html = deferAppScripts(built);
    expect(html).toContain(
      '<template id="kim-app"><script type="module" crossorigin src="./assets/index-abc.js"></script><link rel="modulepreload" crossorigin href="./assets/jsx-runtime-def.js"></template>',
    );
    expect(html.match(/<script type="module"/g)).toHaveLength(1);
    expect(html).toContain('<link rel="stylesheet" crossorigin href="./assets/index-ghi.css">');
    expect(html.indexOf('<template')).toBeLessThan(html.indexOf('</head>'));
  });

  it('refuses an index.html without a module script', () => {
    expect(() => deferAppScripts('<head></head>')).toThrow(/module script/);
  });

  it('gives a preloaded chunk a module script of its own, before the entry, in the template', () => {
    const withLibrary = built.replace(
      '<link rel="modulepreload" crossorigin href="./assets/jsx-runtime-def.js">',
      '<link rel="modulepreload" crossorigin href="./assets/jsx-runtime-def.js">\n    <link rel="modulepreload" crossorigin href="./assets/react-dom-xyz.js">',
    );
    const html = deferAppScripts(evaluateApart(withLibrary, ['assets/react-dom-xyz.js']));
    // Evaluated in a task of its own as soon as it arrives; still fetched once, still listed.
    expect(html).toContain(
      '<template id="kim-app"><script type="module" crossorigin src="./assets/react-dom-xyz.js"></script><script type="module" crossorigin src="./assets/index-abc.js"></script><link rel="modulepreload" crossorigin href="./assets/jsx-runtime-def.js"></template>',
    );
    expect(html).not.toContain('href="./assets/react-dom-xyz.js"');
  });

  it('refuses to evaluate apart a chunk the first view does not preload', () => {
    expect(() => evaluateApart(built, ['assets/lab-123.js'])).toThrow(/not preloaded/);
  });
});
