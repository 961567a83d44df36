import { run } from './console.ts';
import { expect, openApp, test } from './fixtures.ts';

/**
 * The lab console's docker is a command of its shell, as on a laptop: it feeds pipes, writes
 * into files, runs in the directory `cd` chose, and a line of a build and a push plays both on
 * the stage, ending on the push to Docker Hub.
 */

const PLAYED = { timeout: 25_000 };

test('docker in a pipe, a redirection and a list of build and push', async ({ page, watch }) => {
  await openApp(page, '?mode=lab&lang=en');
  // The guided tour left nginx on the laptop.
  expect(await run(page, 'docker images | grep -c nginx')).toBe('1\n');
  expect(await run(page, 'type docker')).toBe('docker is /usr/bin/docker\n');
  expect(
    await run(
      page,
      'mkdir app && cp Dockerfile index.html app && cd app && docker build -t learner/web . > build.log && docker push learner/web | head -1',
    ),
  ).toBe('The push refers to repository [docker.io/learner/web]\n');
  await expect(page.getByTestId('narration')).toContainText(
    'Docker pushes learner/web to Docker Hub',
    PLAYED,
  );
  expect(await run(page, 'pwd; ls')).toBe('/home/learner/app\nDockerfile  build.log  index.html\n');
  // docker 28.2.2: the client's default tag and the daemon's repository line, then its refusal.
  expect(await run(page, 'docker push nope || echo "exit $?"')).toBe(
    'Using default tag: latest\nThe push refers to repository [docker.io/library/nope]\nAn image does not exist locally with the tag: nope\nexit 1\n',
  );
  expect(watch.consoleErrors).toEqual([]);
});
