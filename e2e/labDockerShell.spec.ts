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
  // The guided tour left nginx on the laptop (the study note's image, built there).
  expect(await run(page, 'docker images | grep -c nginx')).toBe('1\n');
  expect(await run(page, 'type docker')).toBe('docker is /usr/bin/docker\n');
  expect(
    await run(
      page,
      'mkdir app && cp Dockerfile index.html app && cd app && docker build -t learner/web . > build.log 2>&1 && docker push learner/web:latest | head -1',
    ),
  ).toBe('The push refers to repository [docker.io/learner/web]\n');
  await expect(page.getByTestId('narration')).toContainText(
    'Docker pushes learner/web:latest to Docker Hub',
    PLAYED,
  );
  expect(await run(page, 'pwd; ls; tail -1 build.log')).toBe(
    '/home/learner/app\nDockerfile  build.log  index.html\nSuccessfully tagged learner/web:latest\n',
  );
  expect(await run(page, 'docker push nope:1 > /dev/null || echo "exit $?"')).toBe(
    'An image does not exist locally with the tag: nope\nexit 1\n',
  );
  expect(watch.consoleErrors).toEqual([]);
});
