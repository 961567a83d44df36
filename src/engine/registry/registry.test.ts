import { describe, expect, it } from 'vitest';
import { planBuild } from './build.ts';
import { defaultPullPolicy, normalizeImage, parseImageName } from './imageName.ts';
import { catalogueVersion, pullErrorText, Registry } from './registry.ts';
import { STARTER_DOCKERFILE, STARTER_FILES } from './starter.ts';

describe('image names', () => {
  it('normalizes like containerd', () => {
    expect(normalizeImage('nginx')).toBe('docker.io/library/nginx:latest');
    expect(normalizeImage('nginx:1.27')).toBe('docker.io/library/nginx:1.27');
    expect(normalizeImage('kubernetesui/dashboard:v2.7.0')).toBe(
      'docker.io/kubernetesui/dashboard:v2.7.0',
    );
    expect(normalizeImage('registry.k8s.io/coredns/coredns:v1.11.3')).toBe(
      'registry.k8s.io/coredns/coredns:v1.11.3',
    );
    expect(normalizeImage('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(parseImageName('Nginx')).toBeUndefined();
    expect(parseImageName('nginx:bad tag')).toBeUndefined();
  });

  it('defaults imagePullPolicy: Always for latest or no tag, IfNotPresent otherwise', () => {
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('nginx:1.27')).toBe('IfNotPresent');
    expect(defaultPullPolicy('learner/web')).toBe('Always');
    expect(defaultPullPolicy('learner/web:v1')).toBe('IfNotPresent');
    expect(defaultPullPolicy('localhost:5000/web')).toBe('Always');
    expect(defaultPullPolicy('localhost:5000/web:latest')).toBe('Always');
    // ParseImageName's tag: a digest alone has none, a written `latest` stays with a digest.
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(defaultPullPolicy(`nginx@${digest}`)).toBe('IfNotPresent');
    expect(defaultPullPolicy(`nginx:latest@${digest}`)).toBe('Always');
    // SetDefaults_Container ignores the parse error: no tag, so IfNotPresent.
    expect(defaultPullPolicy('Nginx')).toBe('IfNotPresent');
    expect(defaultPullPolicy('nginx:Latest')).toBe('IfNotPresent');
  });
});

describe('registry', () => {
  it('resolves pre-filled images with size, digest and repo digest', () => {
    const r = new Registry();
    const res = r.resolve('nginx');
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.image.sizeBytes).toBe(72080558);
    expect(res.image.layers.reduce((a, l) => a + l.sizeBytes, 0)).toBe(72080558);
    expect(res.image.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(res.image.repoDigest).toBe(`docker.io/library/nginx@${res.image.digest}`);
    const same = r.resolve('nginx:1.29');
    expect(same.ok && same.image.digest).toBe(res.image.digest);
  });

  it('holds the tags the Kubernetes docs and tutorials use, each tag group one manifest', () => {
    const r = new Registry();
    const digest = (image: string) => {
      const res = r.resolve(image);
      return res.ok ? res.image.digest : res.message;
    };
    for (const image of [
      'nginx:1.14.2',
      'nginx:1.16.1',
      'nginx:1.25',
      'nginx:1.25-alpine',
      'busybox:1.28',
      'alpine:3.20',
      'ubuntu:22.04',
      'debian:bookworm-slim',
      'redis:7-alpine',
      'registry.k8s.io/e2e-test-images/agnhost:2.39',
      'gcr.io/google-samples/hello-app:1.0',
    ]) {
      expect(digest(image), image).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
    expect(digest('nginx:1.29.3')).toBe(digest('nginx'));
    expect(digest('nginx:1.28')).toBe(digest('nginx:1.28.0'));
    expect(digest('nginx:stable')).toBe(digest('nginx:1.28'));
    expect(digest('nginx:1.16')).toBe(digest('nginx:1.16.1'));
    expect(digest('nginx:1.16.1')).not.toBe(digest('nginx:1.14.2'));
    expect(digest('ubuntu:jammy')).toBe(digest('ubuntu:22.04'));
    // The rollout docs' broken image stays broken.
    expect(digest('nginx:1.161')).toBe('docker.io/library/nginx:1.161: not found');
  });

  it('holds the images of the docs task pages and tutorials, and still fails made-up tags of them', () => {
    const r = new Registry();
    const pulls = (image: string) => r.resolve(image).ok;
    for (const image of [
      'perl:5.34.0', // "Running an example Job"
      'perl',
      'registry.k8s.io/busybox:1.27.2', // probe and downward API pages
      'registry.k8s.io/e2e-test-images/agnhost:2.40', // http-liveness.yaml
      'registry.k8s.io/goproxy:0.1', // tcp-liveness-readiness.yaml
      'quay.io/fluentd_elasticsearch/fluentd:v2.5.2', // DaemonSet page
      'registry.k8s.io/nginx-slim:0.24', // StatefulSet basics
      'registry.k8s.io/nginx-slim:0.8',
      'gcr.io/google-samples/kubernetes-bootcamp:v1', // Learn Kubernetes Basics
      'gcr.io/google-samples/node-hello:1.0',
      'gcr.io/google_samples/gb-frontend:v5', // Guestbook, ReplicaSet page
      'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5',
      'us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower:v2',
      'docker.io/redis:6.0.5',
      'registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3', // Debugging DNS Resolution
      'registry.k8s.io/hpa-example', // HPA walkthrough
      'polinux/stress', // memory limits task
      'vish/stress', // CPU limits task
      'redis:3.2-alpine', // pod anti-affinity example
      'nginx:1.16-alpine',
      'redis:5.0.4', // Configuring Redis using a ConfigMap
      'mysql:5.6', // Single-Instance Stateful Application
      'wordpress:6.2.1-apache',
      'registry.k8s.io/pause:3.8', // node affinity examples
      'registry.k8s.io/pause:3.1',
      'registry.k8s.io/pause:3.6',
      'gcr.io/google-samples/xtrabackup:1.0', // Run a Replicated Stateful Application
      'registry.k8s.io/etcd:3.5.1-0', // gRPC liveness example
    ]) {
      expect(pulls(image), image).toBe(true);
    }
    expect(pulls('perl:5.34.99')).toBe(false);
    expect(pulls('registry.k8s.io/pause:3.7.1')).toBe(false);
    expect(pulls('gcr.io/google-samples/xtrabackup:2.0')).toBe(false);
    expect(pulls('registry.k8s.io/goproxy:9.9')).toBe(false);
    expect(pulls('registry.k8s.io/e2e-test-images/agnhost:2.999')).toBe(false);
  });

  it('fails a missing tag with containerd NotFound text', () => {
    const res = new Registry().resolve('nginx:doesnotexist');
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(pullErrorText(res)).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found',
    );
  });

  it('fails a missing Docker Hub repository with pull access denied', () => {
    const res = new Registry().resolve('nosuchimage');
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(pullErrorText(res)).toBe(
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nosuchimage:latest": failed to resolve reference "docker.io/library/nosuchimage:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
  });

  it('builds locally, refuses to push what was not built, pushes what was', () => {
    const r = new Registry();
    expect(r.push('myapp').lines).toEqual(['An image does not exist locally with the tag: myapp']);
    expect(r.resolve('myapp').ok).toBe(false);
    const img = r.build('myapp')!;
    expect(img.ref).toBe('docker.io/library/myapp:latest');
    expect(img.id).toMatch(/^[0-9a-f]{12}$/);
    // library/ holds Docker's official images: a push there is denied, each layer only prepared.
    const denied = r.push('myapp');
    expect(denied.ok).toBe(false);
    expect(denied.lines[0]).toBe('The push refers to repository [docker.io/library/myapp]');
    expect(denied.lines.slice(1, -1).every((l) => /^[0-9a-f]{12}: Preparing$/.test(l))).toBe(true);
    expect(denied.lines.at(-1)).toBe('denied: requested access to the resource is denied');
    expect(r.resolve('myapp').ok).toBe(false);
    // The official publisher (the study note's story) may.
    const pushed = r.push('myapp', { official: true });
    expect(pushed.ok).toBe(true);
    expect(pushed.lines[0]).toBe('The push refers to repository [docker.io/library/myapp]');
    expect(pushed.lines[1]).toMatch(/^[0-9a-f]{12}: Pushed$/);
    expect(pushed.lines.slice(2, -1).every((l) => l.endsWith(': Mounted from library/nginx'))).toBe(
      true,
    );
    expect(pushed.lines.at(-1)).toMatch(/^latest: digest: sha256:[0-9a-f]{64} size: \d+$/);
    const res = r.resolve('myapp:latest');
    expect(res.ok && res.image.digest).toBe(img.digest);
    // The same project built again is the same image (content, not time, makes its ID) …
    expect(r.build('myapp')!.digest).toBe(img.digest);
    expect(r.danglingImages()).toEqual([]);
    // … a changed page a new one, the old image left without a name.
    const files = new Map([...STARTER_FILES, ['index.html', '<h1>v2</h1>\n']]);
    const plan = planBuild(r, { dockerfile: STARTER_DOCKERFILE, files }).plan!;
    const changed = r.build('myapp', 0, plan)!;
    expect(changed.digest).not.toBe(img.digest);
    expect(r.danglingImages().map((i) => i.id)).toEqual([img.id]);
  });
});

describe('Registry.push of layers the registry already has', () => {
  it('says Layer already exists for the target repository, Mounted from another of the same registry', () => {
    const r = new Registry();
    r.build('learner/web:1');
    const first = r.push('learner/web:1');
    expect(first.ok).toBe(true);
    // The COPY layer is new; nginx's layers are mounted from library/nginx.
    expect(first.lines[1]).toMatch(/^[0-9a-f]{12}: Pushed$/);
    const nginxLines = first.lines.slice(2, -1);
    expect(nginxLines).toHaveLength(7);
    expect(nginxLines.every((l) => l.endsWith(': Mounted from library/nginx'))).toBe(true);
    // A second tag of the same image: every layer is already in learner/web.
    expect(r.tag('learner/web:1', 'learner/web:2').ok).toBe(true);
    const second = r.push('learner/web:2');
    expect(second.lines.slice(1, -1)).toEqual(
      first.lines.slice(1, -1).map((l) => `${l.slice(0, 12)}: Layer already exists`),
    );
    expect(second.lines.at(-1)).toBe(first.lines.at(-1)?.replace(/^1:/, '2:'));
    // Another repository of the learner: the app layer now comes from learner/web.
    r.tag('learner/web:1', 'learner/site:1');
    const other = r.push('learner/site:1');
    expect(other.lines[1]).toBe(`${first.lines[1]?.slice(0, 12)}: Mounted from learner/web`);
    // A layer only another registry holds is pushed: blobs are not mounted across registries.
    expect(r.pullLocal('registry.k8s.io/pause:3.10')).toBeDefined();
    r.tag('registry.k8s.io/pause:3.10', 'learner/pause:1');
    expect(r.push('learner/pause:1').lines[1]).toMatch(/^[0-9a-f]{12}: Pushed$/);
  });

  it('takes Docker Hub pushes only into the signed-in account: library/ and other accounts are denied', () => {
    const r = new Registry();
    expect(r.build('learner/web:1')).toBeDefined();
    for (const target of ['web:1', 'statssy/web:1', 'docker.io/bob/web:1']) {
      expect(r.tag('learner/web:1', target).ok).toBe(true);
      const res = r.push(target);
      expect(res.ok).toBe(false);
      expect(res.lines.at(-1)).toBe('denied: requested access to the resource is denied');
    }
    // Another registry has no accounts in this model: the push lands.
    expect(r.tag('learner/web:1', 'registry.example.com/team/web:1').ok).toBe(true);
    expect(r.push('registry.example.com/team/web:1').ok).toBe(true);
    expect(r.push('learner/web:1').ok).toBe(true);
  });
});

describe('catalogueVersion', () => {
  it('is the x.y.z tag of the manifest a tag points at', () => {
    expect(catalogueVersion('nginx')).toBe('1.29.3');
    expect(catalogueVersion('docker.io/library/nginx:mainline')).toBe('1.29.3');
    expect(catalogueVersion('nginx:stable-alpine')).toBe('1.28.0');
    expect(catalogueVersion('nginx:1.27')).toBe('1.27.5');
    expect(catalogueVersion('nginx:1.161')).toBeUndefined();
    expect(catalogueVersion('node:lts')).toBeUndefined();
  });
});
