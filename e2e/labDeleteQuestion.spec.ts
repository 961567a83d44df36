import { entries, input, run } from './console.ts';
import { expect, openApp, test } from './fixtures.ts';

/**
 * `kubectl delete -i` in the page's lab console on the production build: the line prints the
 * objects and kubectl's question and the console waits, its input labelled for the answer; the
 * next line typed is the answer, echoed after the question in the same entry (y deletes, n
 * cancels); Ctrl+C stops a waiting delete; a reload while a question waits asks it again.
 */

const ASK = 'Do you want to continue? (y/n): ';
const LIST = `You are about to delete the following 1 resource(s):\nnamespace/blue\n${ASK}`;

test('kubectl delete -i waits for the answer typed on the next line', async ({ page, watch }) => {
  await openApp(page, '?mode=lab&lang=en');
  await run(page, 'kubectl create namespace blue');
  expect(await run(page, 'kubectl delete namespace blue -i')).toBe(LIST);
  // Waiting: the input says so, for keyboards and screen readers alike.
  await expect(input(page)).toHaveAttribute('data-question', ASK.trim());
  await expect(input(page)).toHaveAccessibleName(`Your answer to kubectl: ${ASK.trim()}`);
  await expect(input(page)).toHaveAttribute('placeholder', 'kubectl is waiting: y, then Enter');
  await expect(input(page)).toBeFocused();

  // n: cancelled, in the same entry, after the question.
  const count = await entries(page).count();
  await input(page).fill('n');
  await input(page).press('Enter');
  await expect(entries(page).last()).toHaveText(
    `$ kubectl delete namespace blue -i\n${LIST}n\ndeletion is cancelled\n`,
  );
  await expect(entries(page)).toHaveCount(count);
  await expect(input(page)).not.toHaveAttribute('data-question');
  await expect(input(page)).toHaveAccessibleName('Command line');

  // Ctrl+C stops a waiting delete.
  await run(page, 'kubectl delete namespace blue -i');
  await input(page).press('Control+c');
  await expect(entries(page).last()).toHaveText(`$ kubectl delete namespace blue -i\n${LIST}^C\n`);
  await expect(input(page)).not.toHaveAttribute('data-question');

  // y: deleted.
  await run(page, 'kubectl delete namespace blue -i');
  await input(page).fill('y');
  await input(page).press('Enter');
  await expect(entries(page).last()).toHaveText(
    `$ kubectl delete namespace blue -i\n${LIST}y\nnamespace "blue" deleted\n`,
  );
  expect(await run(page, 'kubectl get namespace blue -o name --ignore-not-found')).toBe('');
  expect(watch.consoleErrors).toEqual([]);
});

test('a reload while kubectl waits asks again; the answer then goes to it', async ({
  page,
  watch,
}) => {
  await openApp(page, '?mode=lab&lang=en');
  await run(page, 'kubectl create namespace blue');
  await run(page, 'kubectl delete namespace blue -i');
  await page.reload();
  await input(page).click();
  await expect(input(page)).toHaveAttribute('data-question', ASK.trim(), { timeout: 20_000 });
  await expect(entries(page).last()).toHaveText(`$ kubectl delete namespace blue -i\n${LIST}`);
  await input(page).fill('Y');
  await input(page).press('Enter');
  await expect(entries(page).last()).toHaveText(
    `$ kubectl delete namespace blue -i\n${LIST}Y\nnamespace "blue" deleted\n`,
  );
  expect(watch.consoleErrors).toEqual([]);
});
