/** The accessibility scan every spec runs the same way. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The rule sets we hold the page to: WCAG 2.2 A/AA and axe's best practices. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Packets take turns; wait until every flying label has had its turn and faded. */
export async function waitForPacketLabels(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page
          .locator('.packet-label')
          .evaluateAll((els) => els.filter((el) => getComputedStyle(el).opacity !== '0').length),
      { timeout: 8000 },
    )
    .toBe(0);
}

/** Run axe on the page as it is: one line per violation (`rule: targets`), empty when clean. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}
