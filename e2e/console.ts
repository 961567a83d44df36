/** Driving the page's kubectl console the way a learner does: type a line, press Enter. */
import { expect, type Page } from '@playwright/test';

export const input = (page: Page) => page.getByTestId('kubectl-input');
export const output = (page: Page) => page.getByTestId('kubectl-output');
/** One `<pre>` per line run: `$ line` (or a node shell's prompt), then what it printed. */
export const entries = (page: Page) => output(page).locator('pre');

/** Type `line` into the console, press Enter, and return what it printed (without `$ line`). */
export async function run(page: Page, line: string): Promise<string> {
  const before = await entries(page).count();
  await input(page).click();
  await input(page).fill(line);
  await input(page).press('Enter');
  await expect(entries(page)).toHaveCount(before + 1, { timeout: 20_000 });
  const text = (await entries(page).last().textContent()) ?? '';
  // The prompt it was typed at: `$`, or a node shell's `root@node1:~#`.
  const prompt = /^(\$|root@[^ ]+#) /.exec(text)?.[0] ?? '$ ';
  expect(text.startsWith(`${prompt}${line}\n`), text).toBe(true);
  return text.slice(`${prompt}${line}\n`.length);
}
