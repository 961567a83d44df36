import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { prerenderPlugin } from './src/prerender/vitePlugin.ts';
import { storyPlugin } from './src/story/vitePlugin.ts';

/**
 * The built page's Content-Security-Policy: only its own origin, no inline script. Added at
 * build time only, because the dev server injects inline scripts for hot reload.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function cspMeta(): Plugin {
  return {
    name: 'kim-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy },
        injectTo: 'head-prepend',
      },
    ],
  };
}

// `base: './'` makes every asset URL relative, so the built site works when it is
// served from any sub-path (for example https://example.github.io/kubernetes-in-motion/).
export default defineConfig({
  base: './',
  // prerenderPlugin: the first step is painted from index.html and hydrated (src/prerender/);
  // the `react-dom` chunk gets a module script of its own (`evaluateApart`).
  plugins: [react(), cspMeta(), storyPlugin(), prerenderPlugin({ apart: ['react-dom'] })],
  build: {
    target: 'es2022',
    sourcemap: false,
    modulePreload: { polyfill: false },
    // React and its DOM renderer in a chunk of their own, which the pre-rendered page evaluates
    // in a task of its own (`apart` below): with the app in one chunk, evaluating the first
    // view's script was one task of 45-85 ms in traced loads here (Lighthouse's mobile run
    // counts it four times over).
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react-dom',
              test: /node_modules[\\/](react|react-dom|scheduler)[\\/]|src[\\/]prerender[\\/]reactDom\.ts$/,
            },
          ],
        },
      },
    },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
