import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { withCode } from './Narration.tsx';

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
});
