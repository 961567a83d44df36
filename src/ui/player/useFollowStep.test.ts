import { describe, expect, it } from 'vitest';
import { followScroll } from './useFollowStep.ts';

// A 390×844 phone with the pinned player's top at 752: the visible area is 0..752.
const VIEW_BOTTOM = 752;

describe('followScroll', () => {
  it('leaves the page alone when every acting component is already in view', () => {
    expect(followScroll([{ top: 300, bottom: 360 }], 0, VIEW_BOTTOM)).toBe(0);
  });

  it('scrolls the least amount that shows node1’s kubelet above the pinned player', () => {
    // Step 4 (kubelet): the API server at 599 and node1 (kubelet, runtime and its pods) at 1034–1180.
    const by = followScroll(
      [
        { top: 599, bottom: 650, hub: true },
        { top: 1034, bottom: 1180 },
      ],
      0,
      VIEW_BOTTOM,
    );
    expect(by).toBe(1180 - (VIEW_BOTTOM - 12));
  });

  it('scrolls up to a component above the screen', () => {
    expect(followScroll([{ top: -200, bottom: -150 }], 0, VIEW_BOTTOM)).toBe(-212);
  });

  it('when everything does not fit, shows what acts besides the API server', () => {
    const by = followScroll(
      [
        { top: 100, bottom: 150, hub: true },
        { top: 1200, bottom: 1300 },
      ],
      0,
      VIEW_BOTTOM,
    );
    expect(by).toBe(1300 - (VIEW_BOTTOM - 12));
  });

  it('puts the top of a block taller than the screen at the top', () => {
    expect(followScroll([{ top: 900, bottom: 2000 }], 0, VIEW_BOTTOM)).toBe(888);
  });

  it('does nothing when no component acts', () => {
    expect(followScroll([], 0, VIEW_BOTTOM)).toBe(0);
  });
});
