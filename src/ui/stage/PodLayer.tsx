import { useReducedMotionConfig } from 'framer-motion';
import { memo } from 'react';
import { useT } from '../ViewStoreContext.tsx';
import type { StagePod } from './model.ts';
import { FlyingPod } from './PodChip.tsx';
import { type PlacesStore, usePlaces } from './usePodPlaces.ts';

/**
 * Every pod bound to a node, as children of one list laid over the diagram. React keeps an
 * element only while its parent stays the same, so this layer is what lets a regroup move the
 * very same pod elements: each is flown (a transform) onto the slot measured for it in a node
 * box or a namespace box. The order is stable (namespace, name), so regrouping does not even
 * reorder the children.
 */
export const PodLayer = memo(function PodLayer({
  pods,
  places: store,
  hiddenNamespaces,
}: {
  pods: readonly StagePod[];
  /** The slots measured by `usePodPlaces` (in the stage: a child's effects run before the
   * stage's canvas ref is attached, so the layer cannot measure on its first render). */
  places: PlacesStore;
  hiddenNamespaces: ReadonlySet<string>;
}) {
  const t = useT();
  const { places, instant } = usePlaces(store);
  // MotionConfig's reducedMotion="user" makes x/y/scale instant but not a `transform` string,
  // which is what the pods animate (so the browser can run it off the main thread): ask here.
  const reduced = useReducedMotionConfig() ?? false;
  return (
    <ul className="pod-layer" aria-label={t('stage.pods.all')}>
      {pods.map((pod) => {
        const place = places.get(pod.uid) ?? null;
        return (
          <FlyingPod
            key={pod.uid}
            pod={pod}
            place={place}
            shown={!hiddenNamespaces.has(pod.namespace) && place !== null && !place.folded}
            instant={instant || reduced || (place !== null && !place.flies)}
          />
        );
      })}
    </ul>
  );
});
