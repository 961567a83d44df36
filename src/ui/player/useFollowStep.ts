import { useEffect, useRef } from 'react';

/** Where the page stacks (app.css): the narration above the diagram, the player pinned below. */
const STACKED = '(max-width: 1099px)';
/** Room kept between what is shown and the edges of the visible area (px). */
const MARGIN = 12;

/** Smooth scrolling, unless the learner asked for reduced motion. */
export function scrollBehavior(): ScrollBehavior {
  return typeof window !== 'undefined' &&
    window.matchMedia?.('(prefers-reduced-motion: reduce)').matches
    ? 'auto'
    : 'smooth';
}

interface Box {
  top: number;
  bottom: number;
}

const union = (boxes: readonly Box[]): Box | undefined =>
  boxes.length === 0
    ? undefined
    : {
        top: Math.min(...boxes.map((b) => b.top)),
        bottom: Math.max(...boxes.map((b) => b.bottom)),
      };

/**
 * How far to scroll the page (px, positive: down) so that what acts in this step is on screen
 * between `viewTop` and `viewBottom` (the top of the pinned player). `acting` are the acting
 * components' boxes in viewport coordinates, the hub (the API server, in nearly every step)
 * marked: when all of them do not fit, the others are what the step is about. 0 when they are
 * already in view.
 */
export function followScroll(
  acting: readonly (Box & { hub?: boolean })[],
  viewTop: number,
  viewBottom: number,
): number {
  const room = viewBottom - viewTop - 2 * MARGIN;
  let target = union(acting);
  if (target && target.bottom - target.top > room) {
    target = union(acting.filter((b) => !b.hub)) ?? target;
  }
  if (!target) return 0;
  const top = viewTop + MARGIN;
  const bottom = viewBottom - MARGIN;
  if (target.top >= top && target.bottom <= bottom) return 0;
  // Too tall for the room: its top goes to the top. Else the least scroll that shows it all.
  if (target.bottom - target.top > room || target.top < top) return target.top - top;
  return target.bottom - bottom;
}

/**
 * On a stacked (phone or narrow) page, bring the step's acting components into view whenever
 * the step changes — above the pinned player — so the story and the drawing it talks about are
 * on screen together. Not on the first render (a deep link opens at the top), and not while the
 * learner types (the console keeps the screen).
 */
export function useFollowStep(stepKey: string): void {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs for each new step.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (typeof window === 'undefined' || !window.matchMedia?.(STACKED).matches) return;
    const active = document.activeElement;
    if (active?.closest('input, textarea, select, [contenteditable]')) return;
    const frame = window.requestAnimationFrame(() => {
      const cards = document.querySelectorAll<HTMLElement>(
        '[data-testid="stage"] [data-active="true"]',
      );
      const acting = [...cards].map((card) => {
        const r = card.getBoundingClientRect();
        // A node's kubelet or runtime acts on that node's pods: show them too.
        const node = card.dataset.node;
        const pods = node
          ? card.closest(`[data-node-box="${node}"]`)?.querySelector('.node-pods')
          : undefined;
        return {
          top: r.top,
          bottom: Math.max(r.bottom, pods?.getBoundingClientRect().bottom ?? r.bottom),
          hub: card.dataset.component === 'api-server',
        };
      });
      const player = document.querySelector('.player')?.getBoundingClientRect();
      const viewBottom =
        player && player.top > 0 && player.top < window.innerHeight
          ? player.top
          : window.innerHeight;
      const by = followScroll(acting, 0, viewBottom);
      if (by !== 0) window.scrollBy({ top: by, behavior: scrollBehavior() });
    });
    return () => window.cancelAnimationFrame(frame);
  }, [stepKey]);
}
