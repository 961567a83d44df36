import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine/index.ts';
import { parseDuration, runAction } from './actions.ts';
import { LEGACY_BUILDER_NOTICE } from './dockerBuild.ts';

describe('parseDuration', () => {
  it('reads sleep-style seconds and Go-style units', () => {
    expect(parseDuration('90')).toBe(90_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1.5h')).toBe(5_400_000);
  });
  it('rejects anything else', () => {
    for (const bad of ['', 'forever', '5 m', '-5s', '5d', 'm5']) {
      expect(parseDuration(bad), bad).toBeUndefined();
    }
  });
});

describe('runAction', () => {
  it('leaves kubectl and shell lines to others', () => {
    const c = createCluster();
    expect(runAction(c, 'kubectl get pods')).toBeUndefined();
    expect(runAction(c, 'cat nginx.yaml')).toBeUndefined();
    expect(runAction(c, 'dockerd')).toBeUndefined();
  });

  it('docker push of an image that was never built fails like docker', () => {
    const c = createCluster();
    expect(runAction(c, 'docker push ghost')).toEqual({
      stdout:
        'Using default tag: latest\nThe push refers to repository [docker.io/library/ghost]\n',
      stderr: 'An image does not exist locally with the tag: ghost\n',
      exitCode: 1,
    });
  });

  it('docker build then push puts the image in the registry, except under library/ (official images)', () => {
    const c = createCluster();
    const built = runAction(c, 'docker build -t myweb:1.0 .');
    expect(built?.exitCode).toBe(0);
    expect(built?.stdout).toMatch(
      /^Sending build context to Docker daemon {2}4\.096kB\n[\s\S]*\nSuccessfully built [0-9a-f]{12}\nSuccessfully tagged myweb:1\.0\n$/,
    );
    // Docker Hub's library/ namespace is the official images': nobody else may push there.
    const denied = runAction(c, 'docker push myweb:1.0');
    expect(denied?.exitCode).toBe(1);
    // The progress on stdout, the registry's refusal on stderr.
    expect(denied?.stdout).toMatch(
      /^The push refers to repository \[docker\.io\/library\/myweb\]\n([0-9a-f]{12}: Preparing\n)+$/,
    );
    expect(denied?.stderr).toBe('denied: requested access to the resource is denied\n');
    expect(c.registry.resolve('myweb:1.0').ok).toBe(false);
    // Under the developer's own account it is uploaded.
    runAction(c, 'docker build -t learner/myweb:1.0 .');
    const pushed = runAction(c, 'docker push learner/myweb:1.0');
    expect(pushed?.exitCode).toBe(0);
    expect(pushed?.stdout).toMatch(
      /^The push refers to repository \[docker\.io\/learner\/myweb\]\n/,
    );
    expect(c.registry.resolve('learner/myweb:1.0').ok).toBe(true);
    // A name with a namespace is told in its familiar form too (no docker.io/).
    expect(runAction(c, 'docker build -t statssy/myweb:1.0 .')?.stdout).toMatch(
      /\nSuccessfully tagged statssy\/myweb:1\.0\n$/,
    );
    // Without a PATH: the legacy builder's notice, then docker 28.2.2's usage error.
    expect(runAction(c, 'docker build -t x')).toMatchObject({
      stdout: '',
      stderr: `${LEGACY_BUILDER_NOTICE}docker: 'docker build' requires 1 argument\n\nUsage:  docker build [OPTIONS] PATH | URL | -\n\nRun 'docker build --help' for more information\n`,
      exitCode: 1,
    });
  });

  it('stops and starts nodes, refusing unknown or repeated ones', () => {
    const c = createCluster();
    expect(runAction(c, 'sim stop-node node2')?.exitCode).toBe(0);
    expect(c.stoppedNodes()).toEqual(['node2']);
    expect(runAction(c, 'sim stop-node node2')?.stderr).toBe(
      'sim stop-node: node "node2" is already stopped\n',
    );
    expect(runAction(c, 'sim start-node node2')?.exitCode).toBe(0);
    expect(c.stoppedNodes()).toEqual([]);
    expect(runAction(c, 'sim start-node nope')?.stderr).toBe(
      'sim start-node: no node named "nope"\n',
    );
  });

  it('sleep and sim advance move the virtual clock', () => {
    const c = createCluster();
    const t0 = c.now();
    runAction(c, 'sleep 90');
    expect(c.now() - t0).toBe(90_000);
    runAction(c, 'sim advance 2m');
    expect(c.now() - t0).toBe(210_000);
    expect(runAction(c, 'sleep 48h')?.exitCode).toBe(1);
    expect(c.now() - t0).toBe(210_000);
  });
});
