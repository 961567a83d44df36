import { describe, expect, it } from 'vitest';
import { shortcutFor } from './useKeyboardShortcuts.ts';

/** A stand-in for a DOM element: only `closest` is used. */
const el = (matches: string[]) =>
  ({
    closest: (selector: string) =>
      selector.split(',').some((s) => matches.includes(s.trim())) ? {} : null,
  }) as unknown as Element;

const key = (
  k: string,
  mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {},
) => ({
  key: k,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('→ is next, ← is previous, Space is play/pause', () => {
    expect(shortcutFor(key('ArrowRight'), null)).toBe('next');
    expect(shortcutFor(key('ArrowLeft'), null)).toBe('previous');
    expect(shortcutFor(key(' '), null)).toBe('togglePlay');
    expect(shortcutFor(key('Enter'), null)).toBeNull();
  });

  it('leave typing alone: inputs, text areas, selects, editable text', () => {
    for (const tag of ['input', 'textarea', 'select']) {
      expect(shortcutFor(key('ArrowRight'), el([tag]))).toBeNull();
      expect(shortcutFor(key(' '), el([tag]))).toBeNull();
    }
  });

  it('let Space press a focused button once, not twice', () => {
    expect(shortcutFor(key(' '), el(['button']))).toBeNull();
    expect(shortcutFor(key(' '), el(['summary']))).toBeNull();
    // Arrows still step while a button has focus.
    expect(shortcutFor(key('ArrowRight'), el(['button']))).toBe('next');
  });

  it('let a focused code box scroll with the arrows and Space', () => {
    for (const k of ['ArrowRight', 'ArrowLeft', ' ']) {
      expect(shortcutFor(key(k), el(['[data-scroll-keys]']))).toBeNull();
    }
  });

  it('leave browser and system shortcuts alone', () => {
    expect(shortcutFor(key('ArrowLeft', { altKey: true }), null)).toBeNull();
    expect(shortcutFor(key('ArrowRight', { metaKey: true }), null)).toBeNull();
    expect(shortcutFor(key('ArrowRight', { ctrlKey: true }), null)).toBeNull();
  });
});
