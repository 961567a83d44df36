import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createViewStore } from '../../store/viewStore.ts';
import { ViewStoreProvider } from '../ViewStoreContext.tsx';
import { keepNamesWhole, Narration, withCode } from './Narration.tsx';

describe('narration text (audit 20, U16)', () => {
  it('lets an API path wrap only after its slashes, never inside a word', () => {
    const html = renderToStaticMarkup(
      <p>{withCode('kubectl sends POST /apis/apps/v1/namespaces/default/deployments.')}</p>,
    );
    expect(html).toBe(
      '<p><span>kubectl sends POST /<wbr/>apis/<wbr/>apps/<wbr/>v1/<wbr/>namespaces/<wbr/>default/<wbr/>deployments.</span></p>',
    );
    // The text itself is unchanged (copying it gives the path as written).
    expect(html.replace(/<[^>]+>/g, '')).toBe(
      'kubectl sends POST /apis/apps/v1/namespaces/default/deployments.',
    );
  });

  it('keeps backticked spans as code, with the same break points', () => {
    expect(
      renderToStaticMarkup(<p>{withCode('its `default` ServiceAccount in `/etc/kubernetes`')}</p>),
    ).toBe(
      '<p><span>its </span><code>default</code><span> ServiceAccount in </span><code>/<wbr/>etc/<wbr/>kubernetes</code><span></span></p>',
    );
  });

  it('keeps hyphenated names whole, the text unchanged, and leaves long ones breakable', () => {
    const text =
      'default, kube-system, kube-node-lease는 --dry-run=client 와 web-6dc5cd68db-z45gl, read';
    const html = renderToStaticMarkup(<p>{keepNamesWhole(text)}</p>);
    expect(html).toBe(
      '<p>default, <span class="name-whole">kube-system</span>, ' +
        '<span class="name-whole">kube-node-lease</span>는 ' +
        '<span class="name-whole">--dry-run</span>=client 와 ' +
        '<span class="name-whole">web-6dc5cd68db-z45gl</span>, read</p>',
    );
    expect(html.replace(/<[^>]+>/g, '')).toBe(text);
    // Past 28 characters a name may wrap at its hyphens (whole it could overflow a phone).
    const long = 'a-very-long-generated-name-for-a-pod-abcde';
    expect(renderToStaticMarkup(<p>{keepNamesWhole(long)}</p>)).toBe(`<p>${long}</p>`);
    // Between slashes, each segment is looked at on its own.
    expect(
      renderToStaticMarkup(
        <p>{withCode('taint node-role.kubernetes.io/control-plane:NoSchedule')}</p>,
      ),
    ).toBe(
      '<p><span>taint <span class="name-whole">node-role.kubernetes.io</span>/<wbr/>' +
        '<span class="name-whole">control-plane</span>:NoSchedule</span></p>',
    );
  });
});

describe('narration folded under "Bigger console"', () => {
  const render = (lang: 'en' | 'ko', foldable?: boolean) =>
    renderToStaticMarkup(
      <ViewStoreProvider store={createViewStore({ lang })}>
        <Narration title="kubectl reads" text="kubectl asks the API server." foldable={foldable} />
      </ViewStoreProvider>,
    );

  it('offers "Read more" (collapsed, controlling the text) and keeps the text in the live region', () => {
    const html = render('en', true);
    expect(html).toContain('class="narration narration--foldable narration--folded"');
    const id = /<p class="narration-text" id="([^"]+)">/.exec(html)?.[1];
    expect(id).toBeTruthy();
    expect(html).toContain(
      `<button type="button" class="narration-fold" data-testid="narration-fold" aria-expanded="false" aria-controls="${id}">Read more</button>`,
    );
    // The live region still holds the whole text: screen readers hear each step as before.
    expect(html).toMatch(
      /<div data-testid="narration" aria-live="polite" aria-atomic="true"><h2 class="narration-title">kubectl reads<\/h2><p [^>]*><span>kubectl asks the API server.<\/span><\/p><\/div>/,
    );
    // Folded it does not scroll, so it is not a tab stop.
    expect(html).not.toContain('tabindex');
    expect(render('ko', true)).toContain('>더 보기</button>');
  });

  it('is unchanged without it: no button, no id', () => {
    const html = render('en');
    expect(html).toBe(
      '<section class="narration" aria-label="Narration"><div data-testid="narration" aria-live="polite" aria-atomic="true"><h2 class="narration-title">kubectl reads</h2><p class="narration-text"><span>kubectl asks the API server.</span></p></div></section>',
    );
  });
});
