/**
 * Inline styles in the pre-rendered markup. The page's Content-Security-Policy
 * (`style-src 'self'`) blocks `style="…"` attributes written in HTML (and reports each one as a
 * console error), while styles set from script through the CSSOM, the way React sets them in
 * the browser, are allowed. So the build moves each `style` attribute to `data-ssr-style`,
 * a small stylesheet of the build has one rule per distinct value so the first paint looks right, and
 * `main.tsx` turns the attributes back into real inline styles before React hydrates: from
 * then on each element carries exactly the style React believes it has.
 */

/** Where the build keeps an element's inline style. */
export const SSR_STYLE_ATTRIBUTE = 'data-ssr-style';

// React escapes `"` in attribute values and text (`&quot;`), so ` style="` only ever starts
// an attribute, and the value has no raw `"`.
const STYLE_ATTRIBUTE = / style="([^"]*)"/g;

/** `markup` with every `style="…"` attribute renamed to `data-ssr-style="…"`. */
export function moveInlineStyles(markup: string): string {
  return markup.replace(STYLE_ATTRIBUTE, (_whole, value: string) => {
    return ` ${SSR_STYLE_ATTRIBUTE}="${value}"`;
  });
}

/** Undo React's attribute escaping (it writes `&amp;`, `&quot;`, `&#x27;`, `&lt;`, `&gt;`). */
function unescapeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * One CSS rule per distinct style in `markup` (after `moveInlineStyles`), matching the elements
 * by their `data-ssr-style` value: what the first paint needs until `main.tsx` applies them.
 */
export function inlineStyleRules(markup: string): string {
  const values = new Set<string>();
  for (const match of markup.matchAll(/ data-ssr-style="([^"]*)"/g)) {
    values.add(unescapeAttribute(match[1] as string));
  }
  return [...values]
    .filter((declarations) => !/[{}<]/.test(declarations))
    .map(
      (declarations) => `[${SSR_STYLE_ATTRIBUTE}=${JSON.stringify(declarations)}]{${declarations}}`,
    )
    .join('\n');
}

/**
 * Make each moved style a real inline style again (CSSOM, which the CSP allows), under `root`,
 * and drop the attributes. Call before hydrating: React does not write styles while it adopts
 * server markup, it assumes they are there.
 */
export function restoreInlineStyles(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement | SVGElement>(`[${SSR_STYLE_ATTRIBUTE}]`)) {
    el.style.cssText = el.getAttribute(SSR_STYLE_ATTRIBUTE) ?? '';
    el.removeAttribute(SSR_STYLE_ATTRIBUTE);
  }
}
