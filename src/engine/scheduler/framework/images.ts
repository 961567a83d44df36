/**
 * Image names as ImageLocality compares them, exactly as kube-scheduler 1.32 does
 * (`normalizedImageName` in image_locality.go): a pod's image without a tag gets `:latest`,
 * nothing more. The node side is taken as the kubelet reports it in `node.status.images`.
 *
 * So there is no registry or `library/` normalization: a pod asking for `nginx` looks for
 * `nginx:latest`, while containerd reports `docker.io/library/nginx:latest` (and the digest),
 * so a short Docker Hub name never matches and ImageLocality scores 0 on every node. Only a
 * fully qualified name (`docker.io/library/nginx:latest`, `registry.k8s.io/pause:3.10`) earns
 * the nodes that hold it a score. Upstream's own TODO names this missed match.
 */

/**
 * `nginx` → `nginx:latest`; `docker.io/library/nginx` → `docker.io/library/nginx:latest`;
 * `nginx:1.27`, `localhost:5000/web:v1` and `…@sha256:…` unchanged (a `:` after the last `/`).
 */
export function normalizeImageName(image: string): string {
  return image.lastIndexOf(':') <= image.lastIndexOf('/') ? `${image}:latest` : image;
}
