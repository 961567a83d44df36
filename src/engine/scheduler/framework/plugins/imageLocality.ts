/**
 * ImageLocality (score weight 1): favours nodes that already hold the pod's images, scaled by
 * how widely each image is spread (an image on every node says little) and clamped to
 * [23 MiB, 1000 MiB × containers].
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { normalizeImageName } from '../images.ts';
import type { NodeInfo } from '../nodeInfo.ts';
import type { CycleState } from '../types.ts';
import { MAX_NODE_SCORE } from './nodeResourcesFit.ts';

export const NAME = 'ImageLocality';

const MB = 1024 * 1024;
export const MIN_THRESHOLD = 23 * MB;
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** The pod's images, init containers first, untagged ones with `:latest`, with repeats. */
export function podImages(pod: Pod): string[] {
  const out: string[] = [];
  for (const c of pod.spec?.initContainers ?? [])
    if (c.image) out.push(normalizeImageName(c.image));
  for (const c of pod.spec?.containers ?? []) if (c.image) out.push(normalizeImageName(c.image));
  return out;
}

/** Per cycle: the pod's images, their container count and on how many nodes each one is. */
export interface ImageState {
  images: string[];
  containers: number;
  numNodes: Map<string, number>;
  totalNodes: number;
  /** No node holds any of the pod's images: every score is 0. */
  none: boolean;
  /** Per entry of `images`: the share of all nodes holding it (`numNodes / totalNodes`). */
  spread: number[];
}

export function preScore(state: CycleState): ImageState {
  const images = podImages(state.pod);
  const numNodes = new Map<string, number>();
  let none = true;
  for (const img of images) {
    if (numNodes.has(img)) continue;
    let n = 0;
    const counts = state.imageNodeCounts;
    // The scheduler's snapshot keeps the count (its imageStates); otherwise scan the nodes.
    if (counts) n = counts.get(img) ?? 0;
    else for (const node of state.allNodes) if (node.imageSizes.has(img)) n++;
    numNodes.set(img, n);
    if (n > 0) none = false;
  }
  const spec = state.pod.spec;
  const totalNodes = state.allNodes.length;
  return {
    images,
    containers: (spec?.initContainers?.length ?? 0) + (spec?.containers?.length ?? 0),
    numNodes,
    totalNodes,
    none,
    spread: images.map((img) => (numNodes.get(img) ?? 0) / totalNodes),
  };
}

/** `calculatePriority`: clamps the sum and maps it linearly onto 0..100. */
export function calculatePriority(sum: number, containers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * containers;
  const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), maxThreshold);
  if (maxThreshold <= MIN_THRESHOLD) return 0;
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

export function score(image: ImageState, node: NodeInfo): number {
  return scoreSizes(image, node.imageSizes);
}

/** {@link score} of a node whose `imageSizes` are `sizes`. */
export function scoreSizes(image: ImageState, sizes: ReadonlyMap<string, number>): number {
  if (image.none) return 0;
  let sum = 0;
  const { images, spread } = image;
  for (let i = 0; i < images.length; i++) {
    const size = sizes.get(images[i]!);
    if (size === undefined) continue;
    // scaledImageScore: size × (nodes with the image / all nodes), truncated.
    sum += Math.trunc(size * spread[i]!);
  }
  return calculatePriority(sum, image.containers);
}
