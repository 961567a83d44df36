import { describe, expect, it } from 'vitest';
import { inlineStyleRules, moveInlineStyles } from './inlineStyles.ts';

describe('inline styles in the pre-rendered markup (the CSP blocks style attributes)', () => {
  const markup =
    '<label class="ns-filter-option" style="--ns-hue:260"><input type="checkbox"/>kube-system</label>' +
    '<li class="pod" style="--ns-hue:260;transform:translate(0px, 0px)" title="style=&quot;x&quot;">p</li>' +
    // React escapes quotes in text, so text never holds ` style="`.
    '<p>a style=&quot;not an attribute&quot; in text stays</p>';

  it('moves every style attribute to data-ssr-style and nothing else', () => {
    const moved = moveInlineStyles(markup);
    expect(moved).not.toMatch(/ style="/);
    expect(moved).toContain('<label class="ns-filter-option" data-ssr-style="--ns-hue:260">');
    expect(moved).toContain('data-ssr-style="--ns-hue:260;transform:translate(0px, 0px)"');
    expect(moved).toContain('title="style=&quot;x&quot;"');
    expect(moved).toContain('<p>a style=&quot;not an attribute&quot; in text stays</p>');
  });

  it('gives the first paint one rule per distinct style, matching the moved attribute', () => {
    const rules = inlineStyleRules(moveInlineStyles(`${markup}${markup}`)).split('\n');
    expect(rules).toEqual([
      '[data-ssr-style="--ns-hue:260"]{--ns-hue:260}',
      '[data-ssr-style="--ns-hue:260;transform:translate(0px, 0px)"]{--ns-hue:260;transform:translate(0px, 0px)}',
    ]);
  });

  it('drops a value that could break out of its rule', () => {
    expect(inlineStyleRules(' data-ssr-style="color:red}body{display:none"')).toBe('');
  });
});
