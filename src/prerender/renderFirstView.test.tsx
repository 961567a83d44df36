import story from 'virtual:story/container-flow';
import { describe, expect, it } from 'vitest';
import { renderFirstView } from './renderFirstView.tsx';

describe('renderFirstView (the markup the build puts in index.html)', () => {
  it("is the story's first step in English with the automation contract's hooks", async () => {
    const html = await renderFirstView(story);
    expect(html).toContain('data-testid="stage" data-step="image-push"');
    expect(html).toContain('data-testid="narration"');
    expect(html).toContain('aria-live="polite"');
    for (const name of ['Next step', 'Previous step', 'Play']) {
      expect(html).toContain(`>${name}<`);
    }
    expect(html).toContain('data-component="api-server"');
    expect(html).toContain('data-testid="group-by"');
    expect(html).toContain('data-testid="kubectl-input"');
    // The panels under the stage are a lazy component: rendered in place, not left pending.
    expect(html).toContain('data-testid="panels"');
    expect(html).not.toContain('<!--$?-->');
    expect(html).not.toContain('<script');
    const first = story.levels.simple[0];
    expect(first?.id).toBe('image-push');
  });
});
