import { describe, expect, it } from 'vitest';
import { shownPanel, yamlFor } from './StepPanels.tsx';

const decision = { pod: 'web-1', namespace: 'default', rows: [], plugins: [] };

describe('shownPanel', () => {
  it('opens the decision table when the learner reaches the scheduler step', () => {
    const chosen = { panel: 'yaml' as const, atStep: 'api-request' };
    expect(shownPanel({ id: 'scheduler-choice', decision }, chosen)).toBe('decision');
  });

  it('respects a choice made on the scheduler step itself', () => {
    expect(
      shownPanel(
        { id: 'scheduler-choice', decision },
        { panel: 'yaml', atStep: 'scheduler-choice' },
      ),
    ).toBe('yaml');
  });

  it('keeps the learner’s panel on later steps, falling back to messages when no table exists', () => {
    expect(shownPanel({ id: 'kubelet' }, { panel: 'yaml', atStep: 'api-request' })).toBe('yaml');
    expect(shownPanel({ id: 'kubelet' }, { panel: 'decision', atStep: 'scheduler-choice' })).toBe(
      'messages',
    );
  });
});

describe('yamlFor', () => {
  it('shows what kubectl sent on the request step, else the object touched', () => {
    const request = { title: 'request', text: 'kind: Deployment' };
    const yaml = { title: 'deployment', text: 'status: {}' };
    expect(yamlFor({ request, yaml })).toBe(request);
    expect(yamlFor({ yaml })).toBe(yaml);
    expect(yamlFor({})).toBeUndefined();
  });
});
