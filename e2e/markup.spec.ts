import type { Page } from '@playwright/test';
import { input, output, run } from './console.ts';
import { expect, openApp, test } from './fixtures.ts';

/**
 * Names, labels, annotations, images and file contents are always text (issue #7). In the lab,
 * a learner types markup and script-looking strings wherever kubectl takes them; every place
 * that shows them (console, stage, inspector, editor) shows them verbatim, no element is
 * injected, no dialog opens, and nothing is logged (the `watch` fixture fails on any console
 * error, and an injected `<img src=x>` would also log its failed request).
 */

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(1)</script>';
const IMAGE = `nginx">${SCRIPT}`;

/** The label value rule, as the API server words it (apimachinery IsValidLabelValue). */
const LABEL_VALUE_RULE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const DNS_LABEL_RULE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** Every dialog the page opens (an `alert(1)` that ran would open one). */
function recordDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return dialogs;
}

/** Elements no learner text may ever become: scripts in the body, images other than the logo, <b>. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of document.body.querySelectorAll('script, iframe, object, embed, b')) {
      found.push(el.outerHTML.slice(0, 80));
    }
    for (const img of document.querySelectorAll('img')) {
      if (!img.getAttribute('src')?.endsWith('favicon.svg')) found.push(img.outerHTML.slice(0, 80));
    }
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) {
        if (attr.startsWith('on')) found.push(`${el.tagName.toLowerCase()}[${attr}]`);
      }
    }
    return found;
  });
}

test('markup in names, labels, annotations, images and files is shown as text, never run', async ({
  page,
  watch,
}) => {
  const dialogs = recordDialogs(page);
  await openApp(page, '?lang=en&mode=lab');

  // An invalid name: the API server's exact refusal, with the name quoted as typed.
  expect(await run(page, `kubectl create namespace '${IMG}'`)).toBe(
    [
      `The Namespace "${IMG}" is invalid: `,
      `* metadata.name: Invalid value: "${IMG}": ${DNS_LABEL_RULE}`,
      `* metadata.labels: Invalid value: "${IMG}": ${LABEL_VALUE_RULE}`,
      '',
    ].join('\n'),
  );
  // Client-side dry run does not validate names: the YAML carries it verbatim.
  expect(await run(page, `kubectl create namespace '${IMG}' --dry-run=client -o yaml`)).toBe(
    [
      'apiVersion: v1',
      'kind: Namespace',
      'metadata:',
      '  creationTimestamp: null',
      `  name: ${IMG}`,
      'spec: {}',
      'status: {}',
      '',
    ].join('\n'),
  );

  // A label value cannot hold markup (kubectl label checks values itself); an annotation can,
  // and reads back unchanged.
  expect(await run(page, 'kubectl create namespace blue')).toBe('namespace/blue created\n');
  expect(await run(page, "kubectl label namespace blue 'note=<b>x</b>'")).toBe(
    `error: invalid label value: "note=<b>x</b>": ${LABEL_VALUE_RULE}\n`,
  );
  expect(await run(page, `kubectl annotate namespace blue 'note=${SCRIPT}'`)).toBe(
    'namespace/blue annotated\n',
  );
  expect(
    await run(page, "kubectl get namespace blue -o jsonpath='{.metadata.annotations.note}'"),
  ).toBe(SCRIPT);

  // An image reference full of markup: kubectl run refuses it before anything is created…
  expect(await run(page, `kubectl run evil --image='${IMAGE}' -n blue`)).toBe(
    `error: Invalid image name ${JSON.stringify(IMAGE)}: invalid reference format\n`,
  );
  // …a pod given it by --overrides exists, and the kubelet refuses the reference.
  const overrides = JSON.stringify({ spec: { containers: [{ name: 'evil', image: IMAGE }] } });
  expect(await run(page, `kubectl run evil --image=nginx -n blue --overrides='${overrides}'`)).toBe(
    'pod/evil created\n',
  );
  const pod = page.locator('[data-pod="blue/evil"]');
  await expect(pod).toHaveAttribute('data-status', 'InvalidImageName', { timeout: 30_000 });
  await expect(pod).toContainText('evil');
  const events = await run(page, 'kubectl get events -n blue');
  expect(events).toContain(
    `Failed to apply default image tag "${IMAGE}": couldn't parse image name "${IMAGE}": invalid reference format`,
  );

  // The describe inspector shows the image as kubectl prints it.
  await pod.dispatchEvent('click');
  const inspector = page.getByTestId('lab-inspector-text');
  await expect(inspector).toContainText(`Image:          ${IMAGE}`);
  // kubectl describe names only the Reason of a waiting container; the event carries the text.
  await expect(inspector).toContainText('Reason:       InvalidImageName');
  await expect(inspector).toContainText(
    `kubelet            Failed to apply default image tag "${IMAGE}": couldn't parse image name`,
  );
  await page.keyboard.press('Escape');

  // A file whose contents are markup: cat prints it, the editor holds and shows it as text.
  expect(await run(page, `echo '${IMG}' > notes.yaml`)).toBe('');
  expect(await run(page, 'cat notes.yaml')).toBe(`${IMG}\n`);
  const panels = page.getByTestId('lab-panels');
  await panels.getByRole('tab', { name: 'Files', exact: true }).click();
  await panels.locator('[data-file="notes.yaml"]').click();
  await expect(page.getByTestId('lab-editor-input')).toHaveValue(`${IMG}\n`);
  await expect(page.getByTestId('lab-editor-surface')).toContainText(IMG);

  // The console's transcript holds every hostile string as text.
  await expect(output(page)).toContainText(`namespace '${IMG}'`);
  await expect(output(page)).toContainText(`--image='${IMAGE}'`);
  await expect(input(page)).toHaveValue('');

  expect(await injected(page)).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
});

test('a manifest whose strings are markup: the apiserver’s error and the stored object stay text', async ({
  page,
  watch,
}) => {
  const dialogs = recordDialogs(page);
  await openApp(page, '?lang=en&mode=lab');
  const manifest = [
    'apiVersion: v1',
    'kind: Namespace',
    'metadata:',
    '  name: orange',
    '  annotations:',
    `    a: '${IMG}'`,
    `    b: '${SCRIPT}'`,
  ].join('\n');
  // One echo per line (the console has no editor command); double quotes keep the markup whole.
  for (const [i, line] of manifest.split('\n').entries()) {
    expect(await run(page, `echo "${line}" ${i === 0 ? '>' : '>>'} orange.yaml`)).toBe('');
  }
  expect(await run(page, 'cat orange.yaml')).toBe(`${manifest}\n`);
  expect(await run(page, 'kubectl create -f orange.yaml')).toBe('namespace/orange created\n');
  const yaml = await run(page, 'kubectl get namespace orange -o yaml');
  expect(yaml).toContain(`    a: <img src=x onerror=alert(1)>\n    b: ${SCRIPT}\n`);
  await expect(page.getByRole('checkbox', { name: 'orange', exact: true })).toBeVisible();

  expect(await injected(page)).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
});
