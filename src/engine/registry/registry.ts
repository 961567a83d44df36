/**
 * The container registry the learner's cluster pulls from (Docker Hub plus registry.k8s.io,
 * shown as one "registry" component), and the developer's local image store that `docker
 * build` fills and `docker push` uploads from. Plain deterministic data: sizes are compressed
 * image sizes (what a pull transfers), digests are stable stand-ins.
 */
import {
  type BuildPlan,
  type HistoryStep,
  type ImageConfig,
  planBuild,
  pulledImageId,
} from './build.ts';
import { fakeDigest } from './digest.ts';
import { familiarName, type ImageName, parseImageName } from './imageName.ts';
import { STARTER_DOCKERFILE, STARTER_FILES } from './starter.ts';

export interface Layer {
  digest: string;
  sizeBytes: number;
}

export interface ImageManifest {
  /** `docker.io/library/nginx` */
  repository: string;
  tag: string;
  /** Manifest digest `sha256:…` (what `imageID` carries after a pull). */
  digest: string;
  /** Sum of the compressed layers. */
  sizeBytes: number;
  layers: Layer[];
}

/** What a successful resolve returns: everything containerd needs to pull the image. */
export interface ResolvedImage extends ImageManifest {
  /** Normalized reference, e.g. `docker.io/library/nginx:latest`. */
  ref: string;
  /** `docker.io/library/nginx@sha256:…`, the container status `imageID`. */
  repoDigest: string;
}

export type ResolveFailureReason = 'NotFound' | 'Unauthorized' | 'InvalidReference';

export type ResolveResult =
  | { ok: true; image: ResolvedImage }
  | {
      ok: false;
      reason: ResolveFailureReason;
      /** The normalized reference that failed (the image as written if it is invalid). */
      ref: string;
      /** The registry's answer as containerd words it, e.g. `docker.io/library/nginx:x: not found`. */
      message: string;
    };

/** An image on the developer's machine (after `docker build`). */
export interface LocalImage extends ImageManifest {
  ref: string;
  /** `IMAGE ID` as `docker images` shows it (first 12 hex of the config digest). */
  id: string;
  builds: number;
  /** Virtual ms of the build (`CREATED` in `docker images`); a tag keeps its source's. */
  createdMs: number;
  /** The whole image ID, 64 hex characters (`docker build -q` prints it). */
  fullId?: string;
  /** What the Dockerfile set (CMD, ENV, EXPOSE…), for a built image. */
  config?: ImageConfig;
}

/** Why `docker tag` refused. */
export type TagResult =
  | { ok: true; image: LocalImage }
  | { ok: false; reason: 'NoSuchImage' | 'InvalidTarget' };

export interface PushResult {
  ok: boolean;
  /** What `docker push` prints, line by line (or the error line). */
  lines: string[];
  image?: ResolvedImage;
}

/** What `docker pull` printed; `changed` when the laptop's images changed. */
export type PullResult =
  | { ok: true; lines: string[]; image: LocalImage; changed: boolean }
  | { ok: false; lines: string[] };

/** What a pull would print (`previewPull`), or the daemon's error. */
export type PullPreview =
  | { ok: true; lines: string[]; manifest: ResolvedImage; upToDate: boolean }
  | { ok: false; error: string };

/** What `docker image prune` removed: its `untagged:`/`deleted:` lines and the bytes freed. */
export interface PruneResult {
  lines: string[];
  /** Compressed bytes of the layers that went (the caller shows them unpacked). */
  reclaimedBytes: number;
  changed: boolean;
}

/** What `docker rmi` printed (stdout lines, error lines); `changed` when an image went. */
export interface RemoveResult {
  lines: string[];
  errors: string[];
  changed: boolean;
}

/**
 * The whole ID (`sha256:` and 64 hex) of a laptop image: its full ID when the laptop made or
 * pulled it, else the short ID followed by a stable stand-in for the rest.
 */
export function fullImageId(img: Pick<LocalImage, 'id' | 'fullId'>): string {
  if (img.fullId) return `sha256:${img.fullId}`;
  return `sha256:${img.id}${fakeDigest(`image-id:${img.id}`).slice(7 + img.id.length)}`;
}

/** One pre-filled repository tag: compressed size and layer count. */
export interface SeedImage {
  image: string;
  sizeBytes: number;
  layers: number;
  /** Another tag of the same repository that points at the same manifest. */
  aliasOf?: string;
}

/** Images every node's containerd already holds: the kube-system workloads of a kubeadm cluster. */
export const KUBE_SYSTEM_IMAGES: readonly string[] = [
  'registry.k8s.io/pause:3.10',
  'registry.k8s.io/etcd:3.5.16-0',
  'registry.k8s.io/kube-apiserver:v1.32.2',
  'registry.k8s.io/kube-controller-manager:v1.32.2',
  'registry.k8s.io/kube-scheduler:v1.32.2',
  'registry.k8s.io/kube-proxy:v1.32.2',
  'registry.k8s.io/coredns/coredns:v1.11.3',
];

/**
 * What a kubeadm worker has pulled: only the pause image and kube-proxy (the one DaemonSet that
 * runs there); the control-plane images live on the control-plane node.
 */
export const WORKER_IMAGES: readonly string[] = [
  'registry.k8s.io/pause:3.10',
  'registry.k8s.io/kube-proxy:v1.32.2',
];

/**
 * Tags of one repository that share one manifest each: `[tag, ...aliases]` groups, every group
 * `sizeBytes` and `layers` apart from the others. Real tags only (Docker Hub, as of January 2026,
 * the simulated date).
 */
function family(
  repo: string,
  groups: readonly (readonly [size: number, layers: number, ...tags: string[]])[],
): SeedImage[] {
  const out: SeedImage[] = [];
  for (const [sizeBytes, layers, first, ...aliases] of groups) {
    const image = `${repo}:${first}`;
    out.push({ image, sizeBytes, layers });
    for (const tag of aliases)
      out.push({ image: `${repo}:${tag}`, sizeBytes, layers, aliasOf: image });
  }
  return out;
}

/**
 * The default contents: popular Docker Hub images, with the tags the Kubernetes documentation
 * and tutorials use (`nginx:1.14.2`, `nginx:1.16.1`, `busybox:1.28`…), and the Kubernetes images.
 * A tag not listed here fails to pull as `not found`, the way a made-up tag does.
 */
export const DEFAULT_IMAGES: readonly SeedImage[] = [
  ...family('nginx', [
    // Mainline 1.29 (June 2025 on) and stable 1.28 (April 2025).
    [72_080_558, 7, 'latest', '1', '1.29', '1.29.3', 'mainline'],
    [72_074_117, 7, '1.29.2'],
    [72_068_905, 7, '1.29.1'],
    [72_031_642, 7, '1.29.0'],
    [71_650_210, 7, '1.28', '1.28.0', 'stable', 'stable-bookworm'],
    [20_454_126, 8, 'alpine', '1.29-alpine', '1.29.3-alpine', 'mainline-alpine'],
    [20_412_890, 8, '1.28-alpine', '1.28.0-alpine', 'stable-alpine'],
    [72_090_413, 7, '1.27', '1.27.5'],
    [72_078_220, 7, '1.27.4'],
    [20_450_311, 8, '1.27-alpine', '1.27.5-alpine'],
    [71_012_345, 7, '1.26', '1.26.3'],
    [20_391_874, 8, '1.26-alpine', '1.26.3-alpine'],
    [71_004_211, 7, '1.26.2'],
    [70_996_730, 7, '1.26.1'],
    [70_988_102, 7, '1.26.0'],
    [72_071_906, 7, '1.27.3'],
    [72_063_341, 7, '1.27.2'],
    [72_056_819, 7, '1.27.1'],
    [72_049_120, 7, '1.27.0'],
    [70_544_904, 7, '1.25', '1.25.5'],
    [20_086_427, 8, '1.25-alpine', '1.25.5-alpine'],
    [70_540_006, 7, '1.25.4'],
    [70_533_871, 7, '1.25.3'],
    [70_529_118, 7, '1.25.2'],
    [70_520_454, 7, '1.25.1'],
    [70_515_260, 7, '1.25.0'],
    [67_263_011, 7, '1.24', '1.24.0'],
    [57_010_875, 6, '1.23', '1.23.4'],
    [56_887_211, 6, '1.22', '1.22.1'],
    [56_735_400, 6, '1.21', '1.21.6'],
    [53_627_911, 6, '1.20', '1.20.2'],
    [53_590_230, 6, '1.19', '1.19.10'],
    [52_741_382, 6, '1.18', '1.18.0'],
    [51_498_033, 6, '1.17', '1.17.10'],
    [44_733_020, 3, '1.16', '1.16.1'],
    [43_980_551, 3, '1.15', '1.15.12'],
    [44_710_204, 3, '1.14', '1.14.2'],
    // The docs' anti-affinity example and the oldest tutorials (sizes approximate).
    [8_920_441, 7, '1.16-alpine', '1.16.1-alpine'],
    [39_947_186, 8, '1.7.9'],
  ]),
  ...family('redis', [
    // Redis 8 (May 2025 on).
    [45_102_310, 8, 'latest', '8', '8.2', 'bookworm'],
    [17_210_004, 9, 'alpine', '8-alpine', '8.2-alpine'],
    [44_990_512, 8, '8.0'],
    [45_020_877, 8, '7', '7.4', '7.4.2'],
    [17_190_441, 9, '7-alpine', '7.4-alpine', '7.4.2-alpine'],
    [44_801_337, 8, '7.2', '7.2.7'],
    [43_551_009, 8, '7.0', '7.0.15'],
    [41_005_472, 8, '6', '6.2', '6.2.17'],
    // Tags of the docs' Guestbook, "Configuring Redis using a ConfigMap" and pod anti-affinity
    // pages (sizes approximate).
    [38_193_014, 6, '6.0.5'],
    [40_188_920, 6, '5', '5.0', '5.0.14'],
    [34_010_277, 6, '5.0.4'],
    [9_927_400, 6, '3.2-alpine', '3.2.12-alpine'],
  ]),
  ...family('busybox', [
    [2_166_802, 1, 'latest', '1.37', '1.37.0', 'stable', 'glibc', '1.37.0-glibc'],
    [1_847_210, 1, 'musl', '1.37.0-musl'],
    [2_021_414, 1, 'uclibc', '1.37.0-uclibc'],
    [2_155_021, 1, '1.36', '1.36.1'],
    [2_148_310, 1, '1.35', '1.35.0'],
    [2_140_882, 1, '1.34', '1.34.1'],
    [727_869, 1, '1.28', '1.28.4'],
  ]),
  // bash: alpine with GNU bash on top (the `bash` of the Kubernetes docs' env examples).
  ...family('bash', [[6_384_011, 3, 'latest', '5', '5.2', '5.2.37']]),
  ...family('httpd', [
    [58_328_472, 6, 'latest', '2.4', '2.4.63', '2', 'bookworm'],
    [21_311_084, 7, 'alpine', '2.4-alpine', '2.4.63-alpine'],
  ]),
  ...family('postgres', [
    // PostgreSQL 18 (September 2025).
    [158_447_610, 14, 'latest', '18', '18.1'],
    [103_441_202, 14, 'alpine', '18-alpine', '18.1-alpine'],
    [157_920_004, 14, '17', '17.7'],
    [156_310_552, 14, '17.2'],
    [102_870_119, 14, '17-alpine', '17.7-alpine'],
    [154_998_310, 14, '16', '16.6'],
    [152_130_777, 14, '15', '15.10'],
  ]),
  // Sizes below: compressed linux/amd64 sizes as Docker Hub listed them in early 2025 (rounded).
  ...family('mysql', [
    [175_912_400, 11, 'latest', '9', '9.2', '9.2.0', 'innovation', 'oraclelinux9'],
    [171_004_233, 11, '8.4', '8.4.4', 'lts', '8'],
    [168_700_912, 11, '8.0', '8.0.41'],
    // The docs' "Run a Single-Instance Stateful Application" (sizes approximate).
    [150_327_540, 11, '5.7', '5.7.44'],
    [102_540_931, 12, '5.6', '5.6.51'],
  ]),
  ...family('mongo', [[266_874_112, 10, 'latest', '8', '8.0', '8.0.4', 'noble']]),
  ...family('python', [
    // Python 3.14 (October 2025).
    [386_221_034, 8, 'latest', '3', '3.14'],
    [385_870_415, 8, '3.13'],
    [385_640_292, 8, '3.13.2'],
    [384_905_118, 8, '3.12', '3.12.9'],
    [383_117_650, 8, '3.11', '3.11.11'],
    [44_132_571, 4, 'slim', '3-slim', '3.14-slim'],
    [44_090_338, 4, '3.13-slim', '3.13.2-slim'],
    [43_987_120, 4, '3.12-slim', '3.12.9-slim'],
    [17_093_808, 5, 'alpine', '3-alpine', '3.14-alpine'],
    [17_060_120, 5, '3.13-alpine', '3.13.2-alpine'],
    [17_011_942, 5, '3.12-alpine', '3.12.9-alpine'],
  ]),
  ...family('node', [
    // Node.js 25 (current, October 2025) and 24 (LTS "krypton" since October 2025).
    [396_406_772, 8, 'latest', '25', 'current'],
    [394_118_630, 8, '24', 'lts', 'krypton'],
    [393_540_901, 8, '23', '23.7', '23.7.0'],
    [391_210_504, 8, '22', '22.13', '22.13.1', 'jod'],
    [388_702_117, 8, '20', '20.18', '20.18.2', 'iron'],
    [57_812_040, 4, 'alpine', '25-alpine', 'current-alpine'],
    [54_350_720, 4, '24-alpine', 'lts-alpine'],
    [52_006_381, 4, '22-alpine'],
    [47_640_109, 4, '20-alpine'],
    [79_118_402, 5, 'slim', '25-slim'],
    [77_205_339, 5, '24-slim', 'lts-slim'],
    [75_360_227, 5, '22-slim'],
  ]),
  ...family('curlimages/curl', [
    [10_240_118, 9, 'latest', '8.12.1'],
    [10_198_771, 9, '8.11.1'],
    [9_411_203, 9, '8.5.0'],
  ]),
  ...family('nicolaka/netshoot', [
    [190_771_360, 18, 'latest', 'v0.13'],
    [184_220_105, 18, 'v0.12'],
  ]),
  ...family('alpine', [
    // Alpine 3.22 (May 2025) and 3.23 (December 2025).
    [3_641_717, 1, 'latest', '3', '3.23'],
    [3_633_504, 1, '3.22'],
    [3_629_117, 1, '3.21', '3.21.2'],
    [3_625_810, 1, '3.20', '3.20.5'],
    [3_420_632, 1, '3.19', '3.19.6'],
    [3_406_411, 1, '3.18', '3.18.11'],
    [3_702_991, 1, 'edge'],
  ]),
  ...family('ubuntu', [
    [29_754_290, 1, 'latest', '24.04', 'noble'],
    [29_120_518, 1, '25.10', 'questing', 'rolling'],
    [29_536_008, 1, '22.04', 'jammy'],
    [27_514_410, 1, '20.04', 'focal'],
  ]),
  ...family('debian', [
    [48_498_541, 1, 'latest', '12', 'bookworm'],
    [28_230_940, 1, 'bookworm-slim', '12-slim'],
    [53_740_072, 1, '11', 'bullseye'],
    [31_431_606, 1, 'bullseye-slim', '11-slim'],
  ]),
  ...family('hello-world', [[2_460, 1, 'latest', 'linux']]),
  ...family('registry.k8s.io/e2e-test-images/agnhost', [
    [51_241_011, 7, '2.39'],
    // The docs' probe pages (http-liveness.yaml).
    [51_690_220, 7, '2.40'],
    [52_108_344, 7, '2.53'],
  ]),
  ...family('registry.k8s.io/echoserver', [[46_108_127, 15, '1.4', '1.10']]),
  // The busybox of the Kubernetes docs' downward API and init container pages (sizes approximate).
  ...family('registry.k8s.io/busybox', [
    [676_709, 1, '1.24', 'latest'],
    [720_311, 1, '1.27.2'],
  ]),
  ...family('gcr.io/google-samples/hello-app', [
    [4_312_660, 2, '1.0'],
    [4_313_001, 2, '2.0'],
  ]),
  // Images of the Kubernetes documentation's tasks and tutorials. Sizes are approximate
  // compressed linux/amd64 sizes (what a pull transfers), rounded from the registries' listings.
  // What each one does when run is program.ts's business; with no known behaviour it runs as a
  // long-running server.
  ...family('perl', [
    [345_120_004, 7, 'latest', '5', '5.40', '5.40.1', 'bookworm'],
    [339_807_615, 7, '5.38', '5.38.3'],
    [335_002_930, 7, '5.36', '5.36.3'],
    [332_614_102, 7, '5.34', '5.34.3'],
    // The docs' Job example (controllers/job.yaml).
    [331_926_458, 7, '5.34.0'],
  ]),
  ...family('wordpress', [
    [255_410_225, 21, 'latest', '6', '6.7', '6.7.2', 'apache'],
    [225_307_118, 21, '6.2.1-apache'],
  ]),
  // "Learn Kubernetes Basics" and "Exposing an External IP Address".
  ...family('gcr.io/google-samples/kubernetes-bootcamp', [
    [79_183_221, 6, 'v1'],
    [79_185_005, 6, 'v2'],
  ]),
  ...family('gcr.io/google-samples/node-hello', [[263_411_027, 9, '1.0']]),
  ...family('gcr.io/google-samples/hello-go-gke', [[4_107_922, 2, '1.0']]),
  // The "Run a Replicated Stateful Application" tutorial's clone and sidecar containers.
  ...family('gcr.io/google-samples/xtrabackup', [[116_502_641, 8, '1.0']]),
  ...family('us-docker.pkg.dev/google-samples/containers/gke/hello-app', [
    [4_312_660, 2, '1.0'],
    [4_313_001, 2, '2.0'],
  ]),
  // Guestbook and the ReplicaSet page's frontend.yaml.
  ...family('us-docker.pkg.dev/google-samples/containers/gke/gb-frontend', [
    [160_442_015, 19, 'v5'],
  ]),
  ...family('gcr.io/google_samples/gb-frontend', [
    [160_442_015, 19, 'v5'],
    [145_300_772, 19, 'v4'],
  ]),
  ...family('gcr.io/google-samples/gb-frontend', [
    [160_442_015, 19, 'v5'],
    [145_300_772, 19, 'v4'],
  ]),
  ...family('us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower', [
    [40_402_661, 7, 'v2'],
  ]),
  ...family('gcr.io/google_samples/gb-redis-follower', [[40_402_661, 7, 'v2']]),
  // Probe pages (tcp-liveness-readiness.yaml), DaemonSet page, StatefulSet tutorial.
  ...family('registry.k8s.io/goproxy', [[2_605_114, 3, '0.1']]),
  ...family('quay.io/fluentd_elasticsearch/fluentd', [[140_521_883, 10, 'v2.5.2']]),
  ...family('registry.k8s.io/nginx-slim', [
    [21_990_406, 6, '0.7'],
    [21_992_270, 6, '0.8'],
    [21_995_018, 6, '0.9'],
    [35_802_316, 6, '0.21'],
    [36_118_554, 6, '0.24'],
  ]),
  // "Debugging DNS Resolution", the HPA walkthrough, the resource-limit tasks.
  ...family('registry.k8s.io/e2e-test-images/jessie-dnsutils', [[112_650_703, 6, '1.3']]),
  ...family('registry.k8s.io/hpa-example', [[181_042_776, 13, 'latest']]),
  // The "Running ZooKeeper" tutorial (application/zookeeper/zookeeper.yaml).
  ...family('registry.k8s.io/kubernetes-zookeeper', [[121_484_262, 10, '1.0-3.4.10']]),
  ...family('polinux/stress', [[4_196_331, 3, 'latest', '1.0.4']]),
  ...family('vish/stress', [[1_592_005, 2, 'latest']]),
  // Node-affinity examples (registry.k8s.io/pause:3.8) and the gRPC probe example; older pause
  // tags that tutorials and exam tasks still name (3.1, 3.6).
  ...family('registry.k8s.io/pause', [
    [317_164, 1, '3.1'],
    [301_773, 1, '3.6'],
    [311_278, 1, '3.8'],
    [321_520, 1, '3.9'],
  ]),
  { image: 'registry.k8s.io/etcd:3.5.1-0', sizeBytes: 98_888_614, layers: 5 },
  { image: 'registry.k8s.io/pause:3.10', sizeBytes: 320_368, layers: 1 },
  { image: 'registry.k8s.io/etcd:3.5.16-0', sizeBytes: 57_680_541, layers: 9 },
  { image: 'registry.k8s.io/kube-apiserver:v1.32.2', sizeBytes: 28_670_731, layers: 8 },
  { image: 'registry.k8s.io/kube-controller-manager:v1.32.2', sizeBytes: 26_259_392, layers: 8 },
  { image: 'registry.k8s.io/kube-scheduler:v1.32.2', sizeBytes: 20_657_902, layers: 8 },
  { image: 'registry.k8s.io/kube-proxy:v1.32.2', sizeBytes: 30_907_858, layers: 5 },
  { image: 'registry.k8s.io/coredns/coredns:v1.11.3', sizeBytes: 18_562_039, layers: 10 },
  {
    image: 'registry.k8s.io/metrics-server/metrics-server:v0.7.2',
    sizeBytes: 19_494_617,
    layers: 10,
  },
  { image: 'kubernetesui/dashboard:v2.7.0', sizeBytes: 75_788_960, layers: 2 },
];

/** `repository:tag` → the `x.y.z` version its manifest carries, filled on first use. */
let VERSIONS: Map<string, string> | undefined;

/**
 * The release a catalogued tag points at (`nginx` → `1.29.3`, `nginx:1.28-alpine` → `1.28.0`):
 * the `x.y.z` tag of the same manifest. Undefined for a tag outside the catalogue or one whose
 * manifest has no such tag. What the image's program prints as its version (nginx's start-up
 * log, its error pages) comes from here, so it always matches the catalogue.
 */
export function catalogueVersion(image: string): string | undefined {
  if (VERSIONS === undefined) {
    const byRoot = new Map<string, string>();
    for (const seed of DEFAULT_IMAGES) {
      const m = /:(\d+\.\d+\.\d+)(?:-[a-z]+)?$/.exec(seed.image);
      if (m?.[1]) byRoot.set(seed.aliasOf ?? seed.image, m[1]);
    }
    VERSIONS = new Map();
    for (const seed of DEFAULT_IMAGES) {
      const version = byRoot.get(seed.aliasOf ?? seed.image);
      const name = parseImageName(seed.image);
      if (version !== undefined && name) VERSIONS.set(name.full, version);
    }
  }
  const name = parseImageName(image);
  return name ? VERSIONS.get(name.full) : undefined;
}

/** Split `total` bytes into `n` deterministic layer sizes (the first layer is the base OS). */
function layersFor(key: string, total: number, n: number): Layer[] {
  const weights = Array.from({ length: n }, (_, i) => (i === 0 ? n * 3 : 1 + ((i * 7) % 5)));
  const sumW = weights.reduce((a, b) => a + b, 0);
  let left = total;
  return weights.map((w, i) => {
    const size = i === n - 1 ? left : Math.floor((total * w) / sumW);
    left -= size;
    return { digest: fakeDigest(`${key}#layer${i}`), sizeBytes: size };
  });
}

/** A step image of a build (the classic builder keeps each), and when it was made. */
export interface StepImage extends HistoryStep {
  createdMs: number;
}

/** How many step images the build cache keeps. */
const CACHE_LIMIT = 2_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When a published image was made (`CREATED` of a pulled image in `docker images`): some days
 * before the simulation starts (virtual time 0), from its manifest, so the same image has the
 * same date whenever and under whichever tag it is pulled.
 */
export function publishedMs(digest: string): number {
  return -(3 + (Number.parseInt(digest.slice(7, 11), 16) % 50)) * DAY_MS;
}
/** How many dangling images the laptop keeps (a learner rebuilding in a loop fills no memory). */
const DANGLING_LIMIT = 50;
/** How many references `resolve` remembers before it starts over. */
const RESOLVED_LIMIT = 1024;

/** A registry (remote) plus the developer's local images. */
/** The Docker Hub account the simulated laptop is signed in to (`docker login` shows it). */
export const HUB_USER = 'learner';

/** `docker.io/learner/web` → `learner`; `docker.io/library/nginx` → `library`. */
export function hubNamespace(repository: string): string {
  return repository.split('/')[1] ?? '';
}

/**
 * Docker Hub's refusal of a push (library/ without being Docker, or signed out): the layers are
 * prepared, then the registry denies the first upload.
 */
function deniedPush(repository: string, img: LocalImage): PushResult {
  return {
    ok: false,
    lines: [
      `The push refers to repository [${repository}]`,
      ...[...img.layers].reverse().map((l) => `${l.digest.slice(7, 19)}: Preparing`),
      'denied: requested access to the resource is denied',
    ],
  };
}

export class Registry {
  private readonly repos = new Map<string, Map<string, ImageManifest>>();
  private readonly local = new Map<string, LocalImage>();
  /** Images a rebuild took the last name from: `<none>` in `docker images`, newest last. */
  private readonly dangling: LocalImage[] = [];
  /**
   * Image IDs the builds' steps made (the build cache), oldest first, with each step's parent
   * and history entry and when it was first made (absent for plans recorded without them).
   */
  private readonly cache = new Map<string, StepImage | undefined>();
  private builtCount = 0;
  /**
   * `resolve` answers by reference, frozen, until the repositories change (a push): every pull
   * of a node resolves its image, and a cluster pulls few distinct ones.
   */
  private readonly resolved = new Map<string, Readonly<ResolveResult>>();

  constructor(images: readonly SeedImage[] = DEFAULT_IMAGES) {
    for (const seed of images) this.seed(seed);
  }

  private seed(seed: SeedImage): void {
    const name = parseImageName(seed.image);
    if (!name) throw new Error(`invalid seed image ${seed.image}`);
    const alias = seed.aliasOf ? parseImageName(seed.aliasOf) : undefined;
    const existing = alias ? this.repos.get(alias.repository)?.get(alias.tag) : undefined;
    const manifest: ImageManifest = existing
      ? { ...existing, tag: name.tag }
      : {
          repository: name.repository,
          tag: name.tag,
          digest: fakeDigest(`manifest:${name.full}`),
          sizeBytes: seed.sizeBytes,
          layers: layersFor(name.full, seed.sizeBytes, seed.layers),
        };
    this.store(name, manifest);
  }

  private store(name: ImageName, manifest: ImageManifest): void {
    this.resolved.clear();
    let tags = this.repos.get(name.repository);
    if (!tags) {
      tags = new Map();
      this.repos.set(name.repository, tags);
    }
    tags.set(name.tag, manifest);
  }

  /** Resolve a reference for a pull, failing the way containerd reports it. */
  resolve(image: string): Readonly<ResolveResult> {
    let res = this.resolved.get(image);
    if (res === undefined) {
      if (this.resolved.size >= RESOLVED_LIMIT) this.resolved.clear();
      res = this.lookUp(image);
      if (res.ok) Object.freeze(res.image);
      Object.freeze(res);
      this.resolved.set(image, res);
    }
    return res;
  }

  private lookUp(image: string): ResolveResult {
    const name = parseImageName(image);
    if (!name) {
      return {
        ok: false,
        reason: 'InvalidReference',
        ref: image,
        message: `failed to parse image reference "${image}"`,
      };
    }
    const tags = this.repos.get(name.repository);
    if (!tags) {
      return {
        ok: false,
        reason: name.domain === 'docker.io' ? 'Unauthorized' : 'NotFound',
        ref: name.full,
        message:
          name.domain === 'docker.io'
            ? 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed'
            : `${name.full}: not found`,
      };
    }
    const manifest = name.digest
      ? [...tags.values()].find((m) => m.digest === name.digest)
      : tags.get(name.tag);
    if (!manifest) {
      return { ok: false, reason: 'NotFound', ref: name.full, message: `${name.full}: not found` };
    }
    return {
      ok: true,
      image: { ...manifest, ref: name.full, repoDigest: `${name.repository}@${manifest.digest}` },
    };
  }

  /** Every repository with its tags, sorted, for the UI. */
  repositories(): { repository: string; tags: ImageManifest[] }[] {
    return [...this.repos.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([repository, tags]) => ({
        repository,
        tags: [...tags.values()].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0)),
      }));
  }

  /**
   * `docker build` on the developer's machine: applies a plan of `planBuild` (the starter
   * project's when none is given): the images FROM pulled join the laptop's, the steps join
   * the build cache, and the image gets the name `image` (none when empty: it is then
   * `<none>` in `docker images` unless a named image is the same). Undefined when `image` is
   * not a valid reference.
   */
  build(image: string, nowMs = 0, plan?: BuildPlan): LocalImage | undefined {
    const name = image === '' ? undefined : parseImageName(image);
    if (image !== '' && !name) return undefined;
    const p = plan ?? this.starterPlan();
    if (!p) return undefined;
    this.builtCount++;
    for (const ref of p.pulls) this.pullLocal(ref);
    for (const h of p.history ?? []) {
      if (!this.cache.get(h.id)) this.cache.set(h.id, { ...h, createdMs: nowMs });
    }
    for (const step of p.steps) if (!this.cache.has(step)) this.cache.set(step, undefined);
    while (this.cache.size > CACHE_LIMIT) {
      this.cache.delete(this.cache.keys().next().value as string);
    }
    // A failed build leaves its pulls and committed steps, and no image.
    if (p.partial) return undefined;
    const id = p.id.slice(0, 12);
    const previous = name ? this.local.get(name.full) : undefined;
    const same = [...this.local.values(), ...this.dangling].find((i) => i.id === id);
    const img: LocalImage = {
      repository: name?.repository ?? '',
      tag: name?.tag ?? '',
      ref: name?.full ?? '',
      digest: fakeDigest(`manifest:${p.id}`),
      sizeBytes: p.layers.reduce((a, l) => a + l.sizeBytes, 0),
      layers: p.layers,
      id,
      fullId: p.id,
      config: p.config,
      builds: (previous?.builds ?? 0) + 1,
      // The same image built again is the same image, made when it was first made.
      createdMs: same?.createdMs ?? nowMs,
    };
    if (!name) {
      if (!same) this.keepDangling(img);
      return img;
    }
    this.local.set(name.full, img);
    this.named(id);
    this.released(previous);
    return img;
  }

  /** The starter project's plan (the guided story and the scenarios have no files of their own). */
  starterPlan(): BuildPlan | undefined {
    return planBuild(this, { dockerfile: STARTER_DOCKERFILE, files: STARTER_FILES }).plan;
  }

  /** How many builds the laptop has made (what makes a `--no-cache` build's images new). */
  buildCount(): number {
    return this.builtCount;
  }

  /** Whether the build cache holds a step that made image `id` (64 hex). */
  hasCachedStep(id: string): boolean {
    return this.cache.has(id);
  }

  /** The whole ID of the one step image whose ID starts with `prefix` (at least 4 hex). */
  stepImageId(prefix: string): string | undefined {
    if (!/^[0-9a-f]{4,64}$/.test(prefix)) return undefined;
    let found: string | undefined;
    for (const [id, step] of this.cache) {
      if (!step || !id.startsWith(prefix)) continue;
      if (found !== undefined) return undefined;
      found = id;
    }
    return found;
  }

  /** The step image `id` (64 hex) of an earlier build: its parent and history entry. */
  stepImage(id: string): StepImage | undefined {
    return this.cache.get(id);
  }

  /**
   * An image on the laptop as `docker inspect` and `docker history` find it: by name (`nginx`
   * is `nginx:latest`), by ID or a prefix of at least 4 hex (`sha256:` allowed), or a step
   * image of a build by its ID.
   */
  findImage(ref: string): LocalImage | undefined {
    const name = parseImageName(ref);
    const byName = name && !name.digest ? this.local.get(name.full) : undefined;
    if (byName) return byName;
    if (name?.digest) {
      return [...this.local.values()].find(
        (i) => i.repository === name.repository && i.digest === name.digest,
      );
    }
    return this.byId(ref.replace(/^sha256:/, ''));
  }

  /** The names of image `id` (12 hex) on the laptop, `repo:tag` familiar, sorted. */
  namesOf(id: string): LocalImage[] {
    return [...this.local.values()]
      .filter((i) => i.id === id)
      .sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  }

  /** Whether the registry holds `digest` in `repository` (pulled from or pushed to it). */
  holdsDigest(repository: string, digest: string): boolean {
    return [...(this.repos.get(repository)?.values() ?? [])].some((m) => m.digest === digest);
  }

  /**
   * The published image whose laptop ID is `fullId` (64 hex): on the laptop, named or not, or
   * (a base whose name went) among the registry's manifests.
   */
  pulledImage(fullId: string): LocalImage | ImageManifest | undefined {
    const held = [...this.local.values(), ...this.dangling].find((i) => i.fullId === fullId);
    if (held) return held;
    for (const tags of this.repos.values())
      for (const m of tags.values()) if (pulledImageId(m) === fullId) return m;
    return undefined;
  }

  /** Every layer some image on the laptop holds (named or `<none>`): a pull says `Already exists` for those. */
  heldLayers(): Set<string> {
    const held = new Set<string>();
    for (const img of [...this.local.values(), ...this.dangling])
      for (const l of img.layers) held.add(l.digest);
    return held;
  }

  /**
   * What pulling `ref` to the laptop prints, without pulling it yet: the one pull of the laptop,
   * for `docker pull` and a build's FROM alike. `TAG: Pulling from PATH` (the digest for a
   * reference by digest), a line per layer (`Already exists` for a layer in `held`, the laptop's
   * layers by default; `Pull complete` otherwise), `Digest:`, then `Status: Downloaded newer
   * image for …` or, when the laptop's image of that name is the registry's, only `Digest:` and
   * `Status: Image is up to date for …`. A failure is the daemon's text (no prefix).
   */
  previewPull(ref: string, held: ReadonlySet<string> = this.heldLayers()): PullPreview {
    const name = parseImageName(ref);
    if (!name) return { ok: false, error: 'invalid reference format' };
    const res = this.resolve(name.full);
    if (!res.ok) {
      const shown = familiarName(name.repository);
      return {
        ok: false,
        error:
          res.reason === 'Unauthorized'
            ? `pull access denied for ${shown}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`
            : `manifest for ${familiarName(name.full)} not found: manifest unknown: manifest unknown`,
      };
    }
    const m = res.image;
    const lines = [`${name.digest ?? name.tag}: Pulling from ${name.path}`];
    const upToDate = this.local.get(name.full)?.digest === m.digest;
    if (!upToDate) {
      for (const l of m.layers)
        lines.push(
          `${l.digest.slice(7, 19)}: ${held.has(l.digest) ? 'Already exists' : 'Pull complete'}`,
        );
    }
    lines.push(
      `Digest: ${m.digest}`,
      `Status: ${upToDate ? 'Image is up to date' : 'Downloaded newer image'} for ${familiarName(name.full)}`,
    );
    return { ok: true, lines, manifest: m, upToDate };
  }

  /**
   * Pull `ref` to the laptop (after `previewPull` said it can): the registry's image under
   * that name, its ID from the manifest (every tag of one manifest is one image), CREATED when
   * it was published. Undefined when the registry has no such image.
   */
  pullLocal(ref: string): { image: LocalImage; changed: boolean } | undefined {
    const name = parseImageName(ref);
    const res = name ? this.resolve(name.full) : undefined;
    if (!name || !res?.ok) return undefined;
    const m = res.image;
    const previous = this.local.get(name.full);
    if (previous?.digest === m.digest) return { image: previous, changed: false };
    const id = pulledImageId(m);
    const image: LocalImage = {
      repository: m.repository,
      tag: name.tag,
      ref: name.full,
      digest: m.digest,
      sizeBytes: m.sizeBytes,
      layers: m.layers,
      id: id.slice(0, 12),
      fullId: id,
      builds: previous?.builds ?? 0,
      createdMs: publishedMs(m.digest),
    };
    this.local.set(name.full, image);
    this.named(image.id);
    this.released(previous);
    return { image, changed: true };
  }

  /** An image that has a name again is no longer `<none>`. */
  private named(id: string): void {
    const at = this.dangling.findIndex((d) => d.id === id);
    if (at >= 0) this.dangling.splice(at, 1);
  }

  /** After a name moved to another image: keep its old image as dangling if nothing names it. */
  private released(old: LocalImage | undefined): void {
    if (!old) return;
    for (const img of this.local.values()) if (img.id === old.id) return;
    this.keepDangling(old);
  }

  /**
   * Keep an image no name points at as `<none>`, unless it is the base of another image on the
   * laptop (`docker images` hides those: they are intermediate, shown with `-a`).
   */
  private keepDangling(img: LocalImage): void {
    const parent = [...this.local.values()].some(
      (other) =>
        other.layers.length > img.layers.length &&
        img.layers.every((l, i) => other.layers[i]?.digest === l.digest),
    );
    if (parent || this.dangling.some((d) => d.id === img.id)) return;
    this.dangling.push(img);
    if (this.dangling.length > DANGLING_LIMIT) this.dangling.shift();
  }

  /** Whether an image on the laptop was built on `img` (its layers and more). */
  private hasChild(img: LocalImage): boolean {
    return [...this.local.values(), ...this.dangling].some(
      (other) =>
        other.layers.length > img.layers.length &&
        img.layers.every((l, i) => other.layers[i]?.digest === l.digest),
    );
  }

  /** An image by (a prefix of at least 4 characters of) its ID, as docker accepts it. */
  private byId(id: string): LocalImage | undefined {
    if (!/^[0-9a-f]{4,64}$/.test(id)) return undefined;
    const found = [...this.local.values(), ...this.dangling].filter((i) => i.id.startsWith(id));
    return found.length > 0 && found.every((i) => i.id === found[0]?.id) ? found[0] : undefined;
  }

  /** Images that lost their last name to a rebuild or a retag, oldest first. */
  danglingImages(): LocalImage[] {
    return [...this.dangling];
  }

  /** Images on the developer's machine. */
  localImages(): LocalImage[] {
    return [...this.local.values()];
  }

  /** The local image a reference names (`myweb` is `docker.io/library/myweb:latest`). */
  localImage(image: string): LocalImage | undefined {
    const name = parseImageName(image);
    return name ? this.local.get(name.full) : undefined;
  }

  /**
   * `docker tag SOURCE TARGET`: TARGET names the same image (same ID, layers and digest) on
   * the developer's machine; a later `docker push TARGET` uploads it under that name.
   */
  tag(source: string, target: string): TagResult {
    const src = this.localImage(source) ?? this.byId(source);
    if (!src) return { ok: false, reason: 'NoSuchImage' };
    const name = parseImageName(target);
    if (!name || name.digest) return { ok: false, reason: 'InvalidTarget' };
    const previous = this.local.get(name.full);
    const image: LocalImage = {
      ...src,
      repository: name.repository,
      tag: name.tag,
      ref: name.full,
      builds: previous?.builds ?? src.builds,
    };
    this.local.set(name.full, image);
    this.named(image.id);
    this.released(previous);
    return { ok: true, image };
  }

  /**
   * `docker push NAME`: upload a locally built image, printing what docker prints. Docker Hub's
   * `library/` namespace (every name without one: `nginx`, `myweb`) holds Docker's official
   * images, which nobody else may push: denied, as Docker Hub answers. Any other namespace is
   * taken to be the developer's own account (they are logged in). `official` is the study
   * note's story, which pushes `nginx` itself (its narration says so).
   */
  push(image: string, opts: { official?: boolean } = {}): PushResult {
    const name = parseImageName(image);
    const img = name ? this.local.get(name.full) : undefined;
    if (!name || !img) {
      return { ok: false, lines: [`An image does not exist locally with the tag: ${image}`] };
    }
    // Docker Hub takes a push only into the signed-in account's namespace: library/ (a name
    // without an account) is Docker's official images', another namespace another user's.
    if (!opts.official && name.domain === 'docker.io' && hubNamespace(name.repository) !== HUB_USER)
      return deniedPush(name.repository, img);
    // Where the registry already has each layer: the target repository first (`Layer already
    // exists`), else the first other repository of the same registry holding it (a blob is
    // mounted from a repository of the registry it is pushed to, never across registries).
    const known = new Map<string, string>();
    for (const m of this.repos.get(name.repository)?.values() ?? [])
      for (const l of m.layers) known.set(l.digest, name.repository);
    for (const [repo, tags] of this.repos) {
      if (!repo.startsWith(`${name.domain}/`)) continue;
      for (const m of tags.values()) {
        for (const l of m.layers) if (!known.has(l.digest)) known.set(l.digest, repo);
      }
    }
    const lines = [`The push refers to repository [${name.repository}]`];
    // docker lists layers top-down, the newest first.
    for (const l of [...img.layers].reverse()) {
      const from = known.get(l.digest);
      const short = l.digest.slice(7, 19);
      if (from === name.repository) lines.push(`${short}: Layer already exists`);
      else if (from) lines.push(`${short}: Mounted from ${from.replace(/^docker\.io\//, '')}`);
      else lines.push(`${short}: Pushed`);
    }
    const manifestSize = 400 + 200 * img.layers.length;
    lines.push(`${name.tag}: digest: ${img.digest} size: ${manifestSize}`);
    this.store(name, {
      repository: img.repository,
      tag: img.tag,
      digest: img.digest,
      sizeBytes: img.sizeBytes,
      layers: img.layers,
    });
    const resolved = this.resolve(name.full);
    return resolved.ok ? { ok: true, lines, image: resolved.image } : { ok: true, lines };
  }

  // The laptop's other docker commands (pull, rmi, login, logout).

  /** Whether the laptop's docker is signed in to Docker Hub (it is, as `learner`, until a logout). */
  private hubSignedIn = true;

  /** Docker Hub's account the laptop signs in as: the namespace the lab tells learners to push to. */
  readonly hubUser = HUB_USER;

  get signedIn(): boolean {
    return this.hubSignedIn;
  }

  /** `docker login` / `docker logout` of Docker Hub; true when that changed something. */
  setSignedIn(signedIn: boolean): boolean {
    const changed = this.hubSignedIn !== signedIn;
    this.hubSignedIn = signedIn;
    return changed;
  }

  /**
   * `docker push NAME` while signed out of Docker Hub: the layers are prepared, then the Hub
   * refuses every repository (nothing is stored). An image that is not on the laptop fails
   * as it does signed in, before any registry is asked.
   */
  pushSignedOut(image: string): PushResult {
    const name = parseImageName(image);
    const img = name ? this.local.get(name.full) : undefined;
    if (!name || !img || name.domain !== 'docker.io') return this.push(image);
    return deniedPush(name.repository, img);
  }

  /**
   * `docker pull NAME[:TAG]` on the developer's laptop, printing what docker prints after its
   * own `Using default tag` line: `previewPull`'s lines, then the reference. The last line of a
   * failure is the daemon's error.
   */
  pull(image: string): PullResult {
    const name = parseImageName(image);
    if (!name || name.digest) return { ok: false, lines: ['invalid reference format'] };
    const preview = this.previewPull(name.full);
    if (!preview.ok) return { ok: false, lines: [`Error response from daemon: ${preview.error}`] };
    const done = this.pullLocal(name.full);
    if (!done) return { ok: false, lines: ['Error response from daemon: not found'] };
    return {
      ok: true,
      lines: [...preview.lines, name.full],
      image: done.image,
      changed: done.changed,
    };
  }

  /**
   * `docker rmi [-f] IMAGE...`: each name is untagged; an image that loses its last name is
   * deleted with the layers no other image on the laptop uses. An ID names the image itself:
   * one with names in several repositories needs `-f`. Lines as docker prints them, an error
   * line per image it refused (`errors`).
   */
  remove(images: readonly string[], force = false): RemoveResult {
    const lines: string[] = [];
    const errors: string[] = [];
    let changed = false;
    for (const image of images) {
      const name = parseImageName(image);
      const byName = name && !name.digest ? this.local.get(name.full) : undefined;
      const byId = byName ? undefined : this.byId(image.replace(/^sha256:/, ''));
      const target = byName ?? byId;
      if (!target) {
        const shown =
          /^[0-9a-f]{4,64}$/.test(image) || image.includes(':') ? image : `${image}:latest`;
        errors.push(`Error response from daemon: No such image: ${shown}`);
        continue;
      }
      const refs = [...this.local.values()].filter((i) => i.id === target.id);
      let untag: LocalImage[];
      if (byName) untag = [byName];
      else if (this.hasChild(target)) {
        errors.push(
          `Error response from daemon: conflict: unable to delete ${target.id} (cannot be forced) - image has dependent child images`,
        );
        continue;
      } else {
        const repos = new Set(refs.map((r) => r.repository));
        if (repos.size > 1 && !force) {
          errors.push(
            `Error response from daemon: conflict: unable to delete ${target.id} (must be forced) - image is referenced in multiple repositories`,
          );
          continue;
        }
        untag = refs;
      }
      for (const img of untag) {
        lines.push(`Untagged: ${familiarName(img.repository)}:${img.tag}`);
        this.local.delete(img.ref);
      }
      changed = true;
      const stillNamed = [...this.local.values()].some((i) => i.id === target.id);
      if (stillNamed) continue;
      // The registry's digest of this image, when it came from (or went to) a registry.
      for (const img of untag) {
        const known = [...(this.repos.get(img.repository)?.values() ?? [])].some(
          (m) => m.digest === img.digest,
        );
        if (known) lines.push(`Untagged: ${familiarName(img.repository)}@${img.digest}`);
      }
      // The base of an image built on the laptop stays, nameless and hidden (moby deletes it
      // only when nothing depends on it; by name that conflict is silent).
      if (this.hasChild(target)) continue;
      const at = this.dangling.findIndex((i) => i.id === target.id);
      if (at >= 0) this.dangling.splice(at, 1);
      lines.push(`Deleted: ${fullImageId(target)}`);
      const used = new Set<string>();
      for (const img of [...this.local.values(), ...this.dangling])
        for (const l of img.layers) used.add(l.digest);
      for (const l of [...target.layers].reverse()) {
        if (!used.has(l.digest))
          lines.push(`Deleted: sha256:${fakeDigest(`chain:${l.digest}`).slice(7)}`);
      }
    }
    return { lines, errors, changed };
  }

  /**
   * `docker image prune [-a]`: the dangling images go (with `all`, every image: the laptop runs
   * no containers), each with the layers nothing left on the laptop uses.
   */
  prune(all = false): PruneResult {
    const lines: string[] = [];
    const gone: LocalImage[] = [...this.dangling];
    /** The names each image loses (`untagged:` lines), by image ID. */
    const names = new Map<string, string[]>();
    this.dangling.length = 0;
    if (all) {
      for (const img of this.local.values()) {
        const untag = names.get(img.id) ?? [];
        untag.push(`untagged: ${familiarName(img.repository)}:${img.tag}`);
        const known = [...(this.repos.get(img.repository)?.values() ?? [])].some(
          (m) => m.digest === img.digest,
        );
        if (known) untag.push(`untagged: ${familiarName(img.repository)}@${img.digest}`);
        names.set(img.id, untag);
        if (!gone.some((g) => g.id === img.id)) gone.push(img);
      }
      this.local.clear();
    }
    // Children first, as the daemon deletes them: an image built on another (its layers and
    // more) goes before its base; each image's names go just before it.
    const isChildOf = (a: LocalImage, b: LocalImage) =>
      a.layers.length > b.layers.length &&
      b.layers.every((l, i) => a.layers[i]?.digest === l.digest);
    const ordered: LocalImage[] = [];
    const left = [...gone];
    while (left.length > 0) {
      const at = left.findIndex((img) => !left.some((o) => o !== img && isChildOf(o, img)));
      ordered.push(...left.splice(Math.max(at, 0), 1));
    }
    const used = new Set<string>();
    for (const img of this.local.values()) for (const l of img.layers) used.add(l.digest);
    let reclaimedBytes = 0;
    ordered.forEach((img, i) => {
      lines.push(...(names.get(img.id) ?? []));
      lines.push(`deleted: ${fullImageId(img)}`);
      // A layer goes with the last image that holds it (a base's with the base).
      const later = new Set(ordered.slice(i + 1).flatMap((o) => o.layers.map((x) => x.digest)));
      for (const l of [...img.layers].reverse()) {
        if (used.has(l.digest) || later.has(l.digest)) continue;
        used.add(l.digest);
        reclaimedBytes += l.sizeBytes;
        lines.push(`deleted: sha256:${fakeDigest(`chain:${l.digest}`).slice(7)}`);
      }
    });
    return { lines, reclaimedBytes, changed: gone.length > 0 };
  }
}

/**
 * The CRI error text the kubelet puts after `Failed to pull image "…": `, e.g.
 * `rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found`.
 */
export function pullErrorText(failure: Extract<ResolveResult, { ok: false }>): string {
  const code = failure.reason === 'NotFound' ? 'NotFound' : 'Unknown';
  return `rpc error: code = ${code} desc = failed to pull and unpack image "${failure.ref}": failed to resolve reference "${failure.ref}": ${failure.message}`;
}
