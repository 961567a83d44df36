import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine/index.ts';
import { createWorkspace } from '../kubectl/workspace.ts';
import { runAction } from './actions.ts';
import { runDocker } from './docker.ts';
import { humanDuration, humanSize } from './dockerLocal.ts';

const run = (c: ReturnType<typeof createCluster>, line: string) => {
  const r = runAction(c, line);
  if (!r) throw new Error(`not an action: ${line}`);
  return r;
};

describe('docker images', () => {
  it('prints only the header on a laptop with no images', () => {
    const c = createCluster();
    expect(run(c, 'docker images')).toEqual({
      stdout: 'REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('lists built, pulled and tagged images newest first, with a rebuilt tag’s old image as <none>', () => {
    const c = createCluster();
    const fs = createWorkspace();
    const build = () =>
      runDocker(c, ['build', '-t', 'learner/web:1', '.'], { fs }).stdout.match(/built (\w+)/)?.[1];
    const first = build();
    run(c, 'sleep 75');
    // The same project again is the same image (the build cache); a changed page is a new one.
    expect(build()).toBe(first);
    fs.write('index.html', '<h1>Version 2</h1>\n');
    const second = build();
    expect(second).not.toBe(first);
    expect(run(c, 'docker tag learner/web:1 learner/web:latest').exitCode).toBe(0);
    run(c, 'sleep 30');
    // FROM nginx pulled nginx:latest to the laptop: CREATED is when the image was published
    // (from its manifest, the same whenever and under whichever tag it is pulled).
    expect(run(c, 'docker image ls').stdout).toBe(
      [
        'REPOSITORY    TAG       IMAGE ID       CREATED              SIZE',
        `learner/web   1         ${second}   30 seconds ago       192MB`,
        `learner/web   latest    ${second}   30 seconds ago       192MB`,
        `<none>        <none>    ${first}   About a minute ago   192MB`,
        'nginx         latest    04874102cdaf   6 weeks ago          192MB',
        '',
      ].join('\n'),
    );
    expect(run(c, 'docker images learner/web:latest').stdout.split('\n')[1]).toMatch(
      /^learner\/web {3}latest {4}/,
    );
    expect(run(c, 'docker images -q').stdout).toBe(
      `${second}\n${second}\n${first}\n04874102cdaf\n`,
    );
  });

  it('refuses unknown flags and extra arguments as docker 28.2.2 does', () => {
    const c = createCluster();
    expect(run(c, 'docker images --bogus')).toMatchObject({
      stderr:
        "unknown flag: --bogus\n\nUsage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\nRun 'docker images --help' for more information\n",
      exitCode: 125,
    });
    expect(run(c, 'docker images a b').stderr).toMatch(
      /^docker: 'docker images' requires at most 1 argument\n/,
    );
  });
});

describe('docker tag', () => {
  it('gives an image a second name that docker push then uploads', () => {
    const c = createCluster();
    run(c, 'docker build -t web .');
    // No tag of learner/web at all: docker names the repository only (moby's FamiliarName).
    expect(run(c, 'docker push learner/web:2')).toMatchObject({
      stderr: 'An image does not exist locally with the tag: learner/web\n',
      exitCode: 1,
    });
    expect(run(c, 'docker tag web learner/web:2')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    const pushed = run(c, 'docker push learner/web:2');
    expect(pushed.exitCode).toBe(0);
    expect(pushed.stdout).toMatch(/^The push refers to repository \[docker\.io\/learner\/web\]\n/);
    expect(c.registry.resolve('learner/web:2').ok).toBe(true);
    // A replay of the inputs rebuilds the same laptop: the tag is among them.
    expect(c.inputs.map((i) => i.op)).toContain('docker.tag');
  });

  it('fails the way docker does for a missing source, a bad target and a wrong count', () => {
    const c = createCluster();
    run(c, 'docker build -t web:1 .');
    expect(run(c, 'docker tag ghost x').stderr).toBe(
      'Error response from daemon: No such image: ghost:latest\n',
    );
    expect(run(c, 'docker tag ghost:3 x').stderr).toBe(
      'Error response from daemon: No such image: ghost:3\n',
    );
    expect(run(c, 'docker tag web:1 Web:2').stderr).toBe(
      'Error parsing reference: "Web:2" is not a valid repository/tag: invalid reference format: repository name (library/Web) must be lowercase\n',
    );
    expect(run(c, 'docker tag web:1')).toMatchObject({
      stderr:
        "docker: 'docker tag' requires 2 arguments\n\nUsage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nRun 'docker tag --help' for more information\n",
      exitCode: 1,
    });
    expect(c.inputs.map((i) => i.op)).not.toContain('docker.tag');
  });
});

describe('docker push of an image the laptop does not have', () => {
  it('stays on the laptop: no arrow to the registry, no answer from it', () => {
    const c = createCluster();
    const before = c.messages.length;
    run(c, 'docker push learner/ghost');
    const sent = c.messages.slice(before).filter((m) => m.kind.startsWith('image.'));
    expect(sent.map((m) => `${m.kind} ${m.from}→${m.to}`)).toEqual([
      'image.push developer→developer',
    ]);
  });
});

describe('go-units formats', () => {
  it('sizes and durations as docker prints them', () => {
    expect([7_800, 191_700_000, 1_234_000_000, 999].map((b) => humanSize(b))).toEqual([
      '7.8kB',
      '192MB',
      '1.23GB',
      '999B',
    ]);
    expect(
      [
        500,
        1000,
        59_000,
        60_000,
        119_000,
        3_599_000,
        5_400_000,
        3 * 86_400_000,
        20 * 86_400_000,
      ].map(humanDuration),
    ).toEqual([
      'Less than a second',
      '1 second',
      '59 seconds',
      'About a minute',
      'About a minute',
      '59 minutes',
      '2 hours',
      '3 days',
      '2 weeks',
    ]);
  });
});
