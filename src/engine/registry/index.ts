export {
  type BuildInput,
  type BuildOutcome,
  type BuildPlan,
  type ImageConfig,
  planBuild,
  tarSize,
} from './build.ts';
export { fakeDigest, hex64, randomHex64 } from './digest.ts';
export {
  defaultPullPolicy,
  familiarName,
  type ImageName,
  normalizeImage,
  parseImageName,
} from './imageName.ts';
export {
  catalogueVersion,
  DEFAULT_IMAGES,
  fullImageId,
  type ImageManifest,
  KUBE_SYSTEM_IMAGES,
  type Layer,
  type LocalImage,
  type PruneResult,
  type PullResult,
  type PushResult,
  pullErrorText,
  Registry,
  type RemoveResult,
  type ResolvedImage,
  type ResolveFailureReason,
  type ResolveResult,
  type SeedImage,
  type TagResult,
} from './registry.ts';
export { STARTER_DOCKERFILE, STARTER_FILES, STARTER_INDEX_HTML } from './starter.ts';
