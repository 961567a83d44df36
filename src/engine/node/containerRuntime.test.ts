import { describe, expect, it } from 'vitest';
import { fakeDigest } from '../registry/digest.ts';
import type { Layer, Registry, ResolvedImage, ResolveResult } from '../registry/registry.ts';
import { ContainerRuntime } from './containerRuntime.ts';

// The base's layers (nginx, ~72 MB) and one 5 MB app layer per build (its page and assets).
const BASE: Layer[] = [
  { digest: fakeDigest('base-1'), sizeBytes: 30_000_000 },
  { digest: fakeDigest('base-2'), sizeBytes: 42_080_558 },
];
const appLayer = (page: string): Layer => ({
  digest: fakeDigest(`app:${page}`),
  sizeBytes: 5_000_000,
});

function manifest(tag: string, page: string): ResolvedImage {
  const layers = [...BASE, appLayer(page)];
  const digest = fakeDigest(`manifest:${page}`);
  return {
    repository: 'docker.io/learner/web',
    tag,
    digest,
    sizeBytes: layers.reduce((n, l) => n + l.sizeBytes, 0),
    layers,
    ref: `docker.io/learner/web:${tag}`,
    repoDigest: `docker.io/learner/web@${digest}`,
  };
}

/** Docker Hub's learner/web whose tags the test moves, as `docker push` moves them. */
function hub() {
  const tags = new Map<string, ResolvedImage>();
  const registry = {
    resolve(image: string): ResolveResult {
      const tag = image.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : 'latest';
      const m = tags.get(tag);
      return m
        ? { ok: true, image: m }
        : { ok: false, reason: 'NotFound', ref: image, message: 'not found' };
    },
  } as unknown as Registry;
  return { registry, push: (tag: string, page: string) => tags.set(tag, manifest(tag, page)) };
}

const noJitter = () => 0.5; // jitter factor 0.92 + 0.5 * 0.16 = 1
const BANDWIDTH = 25_000_000;
const ms = (bytes: number) => Math.round(600 + (bytes / BANDWIDTH) * 1000);
const took = (p: { startedAt: number; doneAt: number }) => p.doneAt - p.startedAt;

describe('container runtime image store (containerd)', () => {
  it('pulls every layer on an empty node, only the new layer of a rebuilt image', () => {
    const { registry, push } = hub();
    const rt = new ContainerRuntime('node1', registry);
    push('latest', 'v1');
    const first = rt.planPull('learner/web', 0, noJitter);
    expect(took(first)).toBe(ms(77_080_558));
    rt.completePull(first);
    push('latest', 'v2');
    const second = rt.planPull('learner/web', 10_000, noJitter);
    expect(second.ok && second.resolved.digest).toBe(fakeDigest('manifest:v2'));
    expect(took(second)).toBe(ms(5_000_000));
  });

  it('asks the registry again for a cached digest (Always) but fetches nothing', () => {
    const { registry, push } = hub();
    const rt = new ContainerRuntime('node1', registry);
    push('latest', 'v1');
    rt.completePull(rt.planPull('learner/web', 0, noJitter));
    expect(took(rt.planPull('learner/web', 10_000, noJitter))).toBe(600);
    // Another tag of the same content (`docker tag` + push): the same image, one more name.
    push('v1', 'v1');
    const tagged = rt.planPull('learner/web:v1', 20_000, noJitter);
    expect(took(tagged)).toBe(600);
    rt.completePull(tagged);
    expect(rt.images().map((i) => i.names)).toEqual([
      [
        `docker.io/learner/web@${fakeDigest('manifest:v1')}`,
        'docker.io/learner/web:latest',
        'docker.io/learner/web:v1',
      ],
    ]);
  });

  it('moves a re-pushed tag to the new image; the old one stays, known by its digest only', () => {
    const { registry, push } = hub();
    const rt = new ContainerRuntime('node1', registry);
    push('latest', 'v1');
    rt.completePull(rt.planPull('learner/web', 0, noJitter));
    const old = rt.imageStatus('learner/web');
    expect(old?.digest).toBe(fakeDigest('manifest:v1'));
    push('latest', 'v2');
    rt.completePull(rt.planPull('learner/web', 10_000, noJitter));
    // What a container started now reports as its imageID: the new digest.
    expect(rt.imageStatus('learner/web')?.repoDigest).toBe(
      `docker.io/learner/web@${fakeDigest('manifest:v2')}`,
    );
    expect(rt.imageStatus('docker.io/learner/web:latest')?.digest).toBe(fakeDigest('manifest:v2'));
    // The old image is still on disk and findable by its digest.
    expect(rt.imageStatus(`learner/web@${fakeDigest('manifest:v1')}`)?.refs).toEqual([]);
    const names = rt.images().map((i) => i.names);
    expect(names).toHaveLength(2);
    expect(names).toContainEqual([`docker.io/learner/web@${fakeDigest('manifest:v1')}`]);
    expect(names).toContainEqual([
      `docker.io/learner/web@${fakeDigest('manifest:v2')}`,
      'docker.io/learner/web:latest',
    ]);
  });

  it('finds an image pulled after it was asked for and not found', () => {
    const { registry, push } = hub();
    const rt = new ContainerRuntime('node1', registry);
    push('latest', 'v1');
    expect(rt.hasImage('learner/web')).toBe(false);
    rt.completePull(rt.planPull('learner/web', 0, noJitter));
    expect(rt.hasImage('learner/web')).toBe(true);
    expect(rt.imageStatus('learner/web')?.digest).toBe(fakeDigest('manifest:v1'));
  });
});
