import type { LabMode } from '../../store/labStore.ts';

/**
 * The lab's part of the URL: `?mode=lab` opens the live cluster (absent: the guided tour). Other
 * parameters (`lang`, `level`, `step`, `group`, …) are left as they are; `step` keeps counting
 * the tour's steps, so "Back to the guided tour" returns to the step the learner left.
 */
export function readLabMode(search: string): LabMode {
  return new URLSearchParams(search).get('mode') === 'lab' ? 'lab' : 'guided';
}

/** `search` with the mode written in (the tour, the default, leaves no trace), others kept. */
export function writeLabMode(search: string, mode: LabMode): string {
  const params = new URLSearchParams(search);
  if (mode === 'lab') params.set('mode', 'lab');
  else params.delete('mode');
  const text = params.toString();
  return text ? `?${text}` : '';
}
