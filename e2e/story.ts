/**
 * The story the page ships, rebuilt here from the same engine run (the Vite plugin calls the
 * same builder with the same seed), so specs derive their expectations from the data instead
 * of copying it. Hard facts a Kubernetes reader would check are asserted separately.
 */
import type { Page } from '@playwright/test';
import { type Lang, translate } from '../src/i18n/index.ts';
import { buildContainerFlow } from '../src/story/containerFlow.ts';
import type { StoryLevel, StoryStep, Text } from '../src/story/types.ts';

export const story = buildContainerFlow();
export const LEVELS: readonly StoryLevel[] = ['simple', 'detailed'];

/** A step's text in `lang`, as the page shows it (backticks are drawn as code, not shown). */
export function say(lang: Lang, text: Text): string {
  return translate(lang, text.key, text.params).replaceAll('`', '');
}

/** What `[data-component][data-active=true]` should list for a step: `kind` or `kind/node`, sorted. */
export function expectedActive(step: StoryStep): string[] {
  return [...step.model.active].sort();
}

/** The acting components the page shows, in the same form. */
export async function activeComponents(page: Page): Promise<string[]> {
  const ids = await page
    .locator('[data-component][data-active="true"]')
    .evaluateAll((els) =>
      els.map((el) =>
        el.getAttribute('data-node')
          ? `${el.getAttribute('data-component')}/${el.getAttribute('data-node')}`
          : (el.getAttribute('data-component') ?? ''),
      ),
    );
  return ids.sort();
}

/** Everything the stage says about pods: `ns/name node=… status`, sorted. */
export async function podPicture(page: Page): Promise<string[]> {
  const pods = await page
    .locator('[data-pod]')
    .evaluateAll((els) =>
      els.map(
        (el) =>
          `${el.getAttribute('data-pod')} node=${el.getAttribute('data-node')} ${el.getAttribute('data-status')}`,
      ),
    );
  return pods.sort();
}

/**
 * The whole picture a learner sees at a step, for comparing before/after: the stage's step
 * id, acting components, pods, the narration and what `kubectl get pods` prints.
 */
export async function picture(page: Page) {
  await page.getByRole('tab', { name: 'kubectl get pods' }).click();
  return {
    step: await page.getByTestId('stage').getAttribute('data-step'),
    active: await activeComponents(page),
    pods: await podPicture(page),
    narration: await page.getByTestId('narration').textContent(),
    getPods: await page.getByTestId('get-pods').textContent(),
  };
}
