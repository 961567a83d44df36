import story from 'virtual:story/container-flow';
import { describe, expect, it } from 'vitest';
import { buildContainerFlow } from './containerFlow.ts';

describe('virtual:story/container-flow under vitest', () => {
  it('is the container flow built from seed 1', () => {
    expect(story).toEqual(JSON.parse(JSON.stringify(buildContainerFlow(1))));
    expect(story.levels.simple.map((s) => s.id)).toEqual([
      'image-push',
      'api-request',
      'scheduler-choice',
      'kubelet',
      'image-pull',
      'pod-running',
    ]);
  });
});
