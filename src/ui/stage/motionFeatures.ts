/**
 * framer-motion's full feature set (animations, gestures, layout and shared layout), loaded
 * as its own chunk after the first paint: `LazyMotion` renders `m` components at once and
 * animates them as soon as this arrives. `domMax` because pods move with `layoutId`.
 */
import { domMax } from 'framer-motion';

export default domMax;
