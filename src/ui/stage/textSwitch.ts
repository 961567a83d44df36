/**
 * How text on the moving diagram appears and goes: at once, never faded. Half transparent text
 * is text of too little contrast for as long as it lasts (WCAG 1.4.3), and an audit taken
 * mid-animation (Lighthouse's, axe's) reports it. Dots still pop in and out (by size); their
 * numbers and the labels are drawn whole or not at all.
 */

/** Seconds text takes to appear or go: less than one frame, a switch rather than a fade. */
export const TEXT_SWITCH_S = 0.01;

/**
 * Keyframe times for an opacity of [0, 1, 1, 0] over `duration` seconds: in at once at the
 * start, out at once at the end.
 */
export function switchTimes(duration: number): number[] {
  const f = Math.min(0.5, TEXT_SWITCH_S / Math.max(duration, TEXT_SWITCH_S));
  return [0, f, 1 - f, 1];
}
