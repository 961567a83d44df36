/**
 * Image reference normalization as containerd and the kubelet do it (distribution's
 * `ParseNormalizedNamed` + `TagNameOnly`): `nginx` → `docker.io/library/nginx:latest`,
 * `registry.k8s.io/pause:3.10` stays, a digest reference keeps its digest.
 */

export interface ImageName {
  /** Registry host, e.g. `docker.io`, `registry.k8s.io`, `localhost:5000`. */
  domain: string;
  /** Repository path inside the registry, e.g. `library/nginx`, `coredns/coredns`. */
  path: string;
  /** Tag (`latest` when none was given and there is no digest). */
  tag: string;
  /** `sha256:<hex>` when the reference pins a digest. */
  digest?: string;
  /** `docker.io/library/nginx` */
  repository: string;
  /** `docker.io/library/nginx:latest` (or `…@sha256:…` for digest references). */
  full: string;
  /** Whether the reference had an explicit tag or digest. */
  explicitTag: boolean;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Parsed references by input (a cluster uses few distinct images; kubelets ask on every sync). */
const PARSED = new Map<string, Readonly<ImageName> | undefined>();
const PARSED_LIMIT = 4096;

/** Parse and normalize an image reference; undefined for an invalid one (`InvalidImageName`). */
export function parseImageName(image: string): Readonly<ImageName> | undefined {
  let hit = PARSED.get(image);
  if (hit === undefined && !PARSED.has(image)) {
    if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
    hit = parse(image);
    if (hit) Object.freeze(hit);
    PARSED.set(image, hit);
  }
  return hit;
}

function parse(image: string): ImageName | undefined {
  let rest = image.trim();
  if (rest === '') return undefined;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  const parts = rest.split('/');
  let domain = 'docker.io';
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    domain = first === 'index.docker.io' ? 'docker.io' : first;
    parts.shift();
  }
  if (domain === 'docker.io' && parts.length === 1) parts.unshift('library');
  if (parts.length === 0 || !parts.every((p) => COMPONENT.test(p))) return undefined;
  const path = parts.join('/');
  const repository = `${domain}/${path}`;
  const finalTag = tag ?? (digest ? '' : 'latest');
  const full = digest
    ? `${repository}${tag ? `:${tag}` : ''}@${digest}`
    : `${repository}:${finalTag}`;
  const out: ImageName = {
    domain,
    path,
    tag: finalTag,
    repository,
    full,
    explicitTag: tag !== undefined || digest !== undefined,
  };
  if (digest) out.digest = digest;
  return out;
}

/**
 * docker's familiar form of a reference (reference.FamiliarString): Docker Hub's `docker.io/`
 * and its official `library/` left out. `docker.io/library/nginx:latest` → `nginx:latest`,
 * `docker.io/learner/web` → `learner/web`; other registries unchanged.
 */
export function familiarName(ref: string): string {
  return ref.replace(/^docker\.io\/(library\/)?/, '');
}

/** `docker.io/library/nginx:latest` for `nginx`; the input itself when it cannot be parsed. */
export function normalizeImage(image: string): string {
  return parseImageName(image)?.full ?? image;
}

/**
 * The default `imagePullPolicy` (API defaulting, SetDefaults_Container): `Always` when the tag
 * is `latest`, written or implied (no tag and no digest), else `IfNotPresent`: a digest alone
 * (`nginx@sha256:…`) and a reference that does not parse are IfNotPresent, while
 * `nginx:latest@sha256:…` keeps its `latest` tag and is Always.
 */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return parseImageName(image)?.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/**
 * Why `image` does not parse, as distribution/reference ParseNormalizedNamed says it: a
 * repository path with capitals (after splitDockerDomain adds `library/`) is `repository name
 * (library/Nginx) must be lowercase`; anything else is the bare `invalid reference format`.
 */
export function imageNameError(image: string): string {
  const slash = image.indexOf('/');
  const head = slash < 0 ? '' : image.slice(0, slash);
  const hub =
    slash < 0 || (!/[.:]/.test(head) && head !== 'localhost' && head.toLowerCase() === head);
  let remainder = hub ? image : image.slice(slash + 1);
  const domain = hub ? 'docker.io' : head === 'index.docker.io' ? 'docker.io' : head;
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`;
  const colon = remainder.indexOf(':');
  const remote = colon < 0 ? remainder : remainder.slice(0, colon);
  if (remote.toLowerCase() !== remote) {
    return `invalid reference format: repository name (${remote}) must be lowercase`;
  }
  return 'invalid reference format';
}
