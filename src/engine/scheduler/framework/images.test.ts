import { describe, expect, it } from 'vitest';
import { normalizeImageName } from './images.ts';

describe('normalizeImageName (image_locality.go normalizedImageName)', () => {
  it.each([
    // Only a missing tag is filled in: no registry, no library/ (upstream's documented miss).
    ['nginx', 'nginx:latest'],
    ['library/nginx', 'library/nginx:latest'],
    ['docker.io/library/nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'nginx:1.27'],
    ['docker.io/library/nginx:latest', 'docker.io/library/nginx:latest'],
    ['index.docker.io/library/nginx', 'index.docker.io/library/nginx:latest'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
    // A port is not a tag: the last ':' must come after the last '/'.
    ['localhost:5000/web', 'localhost:5000/web:latest'],
    ['localhost:5000/web:v1', 'localhost:5000/web:v1'],
    ['nginx@sha256:abc', 'nginx@sha256:abc'],
  ])('%s → %s', (input, want) => {
    expect(normalizeImageName(input)).toBe(want);
  });
});
