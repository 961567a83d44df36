import { describe, expect, it } from 'vitest';
import { readLabMode, writeLabMode } from './labUrl.ts';

describe('lab URL state', () => {
  it('reads ?mode=lab; anything else is the guided tour', () => {
    expect(readLabMode('?lang=ko&mode=lab&group=namespace')).toBe('lab');
    expect(readLabMode('?mode=LAB')).toBe('guided');
    expect(readLabMode('')).toBe('guided');
  });

  it('writes the lab mode only, keeping the tour’s parameters', () => {
    expect(writeLabMode('?lang=en&step=3', 'lab')).toBe('?lang=en&step=3&mode=lab');
    expect(writeLabMode('?lang=en&mode=lab&group=namespace', 'guided')).toBe(
      '?lang=en&group=namespace',
    );
    expect(writeLabMode('', 'guided')).toBe('');
  });
});
