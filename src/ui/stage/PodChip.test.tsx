import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { breakableStatus } from './PodChip.tsx';

const markup = (status: string) =>
  renderToStaticMarkup(<b>{breakableStatus(status)}</b>).slice(3, -4);

describe("a pod chip's STATUS word", () => {
  it('may wrap once, between the camel-case words nearest its middle', () => {
    expect(markup('ContainerCreating')).toBe('Container<wbr/>Creating');
    expect(markup('CrashLoopBackOff')).toBe('CrashLoop<wbr/>BackOff');
    expect(markup('ImagePullBackOff')).toBe('ImagePull<wbr/>BackOff');
    expect(markup('CreateContainerConfigError')).toBe('CreateContainer<wbr/>ConfigError');
    expect(markup('ErrImagePull')).toBe('ErrImage<wbr/>Pull');
    expect(markup('Init:CrashLoopBackOff')).toBe('Init:CrashLoop<wbr/>BackOff');
  });

  it('stays one word where kubectl prints one (no camel case inside)', () => {
    for (const status of ['Running', 'Pending', 'Terminating', 'Completed', 'Init:0/1', 'Error'])
      expect(markup(status)).toBe(status);
  });
});
