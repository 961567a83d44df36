/**
 * Image reference normalization for ImageLocality.
 *
 * Why not exactly upstream: kube-scheduler 1.32 only appends `:latest` to an untagged name, so a
 * pod asking for `nginx` never matches the `docker.io/library/nginx:latest` that containerd
 * reports in `node.status.images` — ImageLocality is then 0 everywhere. To make the plugin
 * visible in the simulation we normalize both sides the way the container runtime does
 * (default registry `docker.io`, `library/` for official images, default tag `latest`), and we
 * always compare normalized names.
 */

const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';

const memo = new Map<string, string>();

/**
 * `nginx` → `docker.io/library/nginx:latest`; `bitnami/redis:7` → `docker.io/bitnami/redis:7`;
 * `registry.k8s.io/pause:3.10` unchanged; digests (`…@sha256:…`) keep no added tag.
 */
export function normalizeImageName(image: string): string {
  const hit = memo.get(image);
  if (hit !== undefined) return hit;
  const out = normalize(image);
  if (memo.size > 10_000) memo.clear();
  memo.set(image, out);
  return out;
}

function normalize(image: string): string {
  let name = image.trim();
  if (name === '') return name;
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const hasDomain =
    slash !== -1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasDomain) {
    name =
      slash === -1
        ? `${DEFAULT_DOMAIN}/${OFFICIAL_REPO_PREFIX}${name}`
        : `${DEFAULT_DOMAIN}/${name}`;
  } else if (first === LEGACY_DEFAULT_DOMAIN) {
    name = DEFAULT_DOMAIN + name.slice(LEGACY_DEFAULT_DOMAIN.length);
  }
  if (name.includes('@')) return name;
  const lastSlash = name.lastIndexOf('/');
  const lastColon = name.lastIndexOf(':');
  return lastColon > lastSlash ? name : `${name}:latest`;
}
