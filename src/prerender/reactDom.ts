/**
 * React's DOM renderer for the browser, initialized when this module is evaluated.
 *
 * react-dom is CommonJS: the bundler wraps it in a function that runs the first time a module
 * that imports it runs. `vite.config.ts` puts this module in the `react-dom` chunk with React,
 * so that function runs when that chunk is evaluated (a task of its own on the pre-rendered
 * page, see `evaluateApart` in vitePlugin.ts) instead of inside the evaluation of the app's
 * entry, which imports the renderer from here.
 */
export { createRoot, hydrateRoot } from 'react-dom/client';
