import type { Page } from '@playwright/test';
import { entries, input, run } from './console.ts';
import { expect, openApp, test } from './fixtures.ts';

/**
 * Here-documents in the lab console on the production build: Enter on `cat <<EOF | kubectl
 * apply -f -` shows bash's `> ` prompt and runs nothing; the lines collect until `EOF`, then
 * the whole text runs as one entry (and ↑ brings it back as one item). Pasting the same text
 * in one go does the same.
 */

const continuation = (page: Page) => page.getByTestId('kubectl-continuation');
const prompt = (page: Page) => page.locator('.console-form .console-prompt');

const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: web',
  'spec:',
  '  containers:',
  '  - name: web',
  '    image: nginx',
];

test('cat <<EOF | kubectl apply -f - typed line by line, then pasted', async ({ page, watch }) => {
  await openApp(page, '?mode=lab&lang=en');
  expect(await run(page, 'kubectl get pods -n blue')).toBe(
    'No resources found in blue namespace.\n',
  );
  const before = await entries(page).count();
  await expect(prompt(page)).toHaveText('$');

  const typed = ['cat <<EOF | kubectl apply -f -', ...POD];
  for (const line of typed) {
    await input(page).fill(line);
    await input(page).press('Enter');
    await expect(prompt(page)).toHaveText('>');
  }
  await expect(continuation(page)).toHaveText(`$ ${typed.join('\n> ')}`);
  expect(await entries(page).count()).toBe(before);

  await input(page).fill('EOF');
  await input(page).press('Enter');
  await expect(entries(page)).toHaveCount(before + 1, { timeout: 20_000 });
  const text = [...typed, 'EOF'];
  await expect(entries(page).last()).toHaveText(`$ ${text.join('\n> ')}\npod/web created\n`);
  await expect(continuation(page)).toHaveCount(0);
  await expect(prompt(page)).toHaveText('$');

  // ↑ recalls the whole command; Enter applies it again.
  await input(page).press('ArrowUp');
  await input(page).press('Enter');
  await expect(entries(page)).toHaveCount(before + 2, { timeout: 20_000 });
  await expect(entries(page).last()).toHaveText(/\npod\/web unchanged\n$/);

  // A multi-line paste: each newline is an Enter; the here-document runs at its EOF.
  const pasted = [
    "kubectl apply -f - <<'EOF'",
    ...POD.map((l) => l.replace('web', 'api')),
    'EOF',
    '',
  ];
  await input(page).click();
  await input(page).evaluate((el, data) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', data);
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
    );
  }, pasted.join('\n'));
  await expect(entries(page)).toHaveCount(before + 3, { timeout: 20_000 });
  await expect(entries(page).last()).toHaveText(/\n> EOF\npod\/api created\n$/);
  await expect(input(page)).toHaveValue('');

  expect(await run(page, 'kubectl get pods -o name')).toMatch(/^pod\/api\n(.*\n)*pod\/web\n/);
  expect(watch.consoleErrors).toEqual([]);
});

test('a for loop with an if inside, typed over several lines, runs at its done', async ({
  page,
  watch,
}) => {
  await openApp(page, '?mode=lab&lang=en');
  const before = await entries(page).count();
  const typed = ['for ns in default nope', 'do', '  if kubectl get ns $ns > /dev/null 2>&1; then'];
  const rest = ['    echo "$ns is there"', '  else echo "no $ns"; fi', 'done'];
  for (const line of [...typed, ...rest.slice(0, -1)]) {
    await input(page).fill(line);
    await input(page).press('Enter');
    await expect(prompt(page)).toHaveText('>');
  }
  expect(await entries(page).count()).toBe(before);
  await input(page).fill('done');
  await input(page).press('Enter');
  await expect(entries(page)).toHaveCount(before + 1, { timeout: 20_000 });
  await expect(entries(page).last()).toHaveText(
    `$ ${[...typed, ...rest].join('\n> ')}\ndefault is there\nno nope\n`,
  );
  await expect(prompt(page)).toHaveText('$');
  expect(watch.consoleErrors).toEqual([]);
});
