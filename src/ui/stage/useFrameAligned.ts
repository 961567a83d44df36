import { useLayoutEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * `value`, applied at the start of the next frame rather than in the task that changed it.
 *
 * Why: a regroup of 300 pods costs one long stretch of main-thread work (React, the measurement's
 * forced style and layout, the flights) followed by the browser's own rendering of the result
 * (style, layout, paint). Done in the change event's task, that work ends one frame and the
 * rendering makes the next one long too: two dropped frames per switch. Done in an animation-frame
 * callback, right before the browser renders that very frame, both land in one frame. Nothing
 * shows later than before: the frame after the event is the first that could show it anyway.
 *
 * The first render returns `value` itself (the page starts, or hydrates, with it at once). A
 * value changed back before the frame comes cancels the pending one.
 */
export function useFrameAligned<T>(value: T): T {
  const [applied, setApplied] = useState(value);
  useLayoutEffect(() => {
    if (Object.is(value, applied)) return;
    const frame = requestAnimationFrame(() => {
      // Synchronously, inside the callback: React's own scheduling would run it in a later task,
      // after this frame was drawn.
      flushSync(() => setApplied(() => value));
    });
    return () => cancelAnimationFrame(frame);
  }, [value, applied]);
  return applied;
}
