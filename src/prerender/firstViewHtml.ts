/**
 * The first view's markup, rendered while this module loads: `vitePlugin.ts` imports it through
 * Vite's module runner, which stays open only for the import, and the render itself imports the
 * lazily loaded panels through that runner.
 */
import { renderFirstView } from './renderFirstView.tsx';

export const firstViewHtml: string = await renderFirstView();
