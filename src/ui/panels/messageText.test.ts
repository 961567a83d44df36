import { describe, expect, it } from 'vitest';
import { componentName, messageText } from './messageText.ts';

describe('messageText', () => {
  it('names per-node components with their node, in the learner’s language', () => {
    const text = {
      key: 'story.msg.api.status',
      params: { actor: 'kubelet/node1', kind: 'Pod', name: 'web-1' },
    } as const;
    expect(messageText('en', text)).toBe('kubelet (node1) reports the status of Pod web-1.');
    expect(messageText('en', text)).not.toContain('kubelet/node1');
  });

  it('translates shared components and keeps unknown actors as written', () => {
    expect(componentName('en', 'controller-manager')).toBe('Controller manager');
    expect(componentName('ko', 'controller-manager')).toBe('컨트롤러 매니저');
    expect(componentName('en', 'kubectl')).toBe('kubectl');
  });
});
