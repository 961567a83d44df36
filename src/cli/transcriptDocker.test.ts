/**
 * The transcript runner's docker is its shell's, as the lab console's: docker lines join lists
 * and pipes, and run in the directory `cd` chose.
 */
import { describe, expect, it } from 'vitest';
import { runTranscript } from './runTranscript.ts';

describe('docker in a transcript', () => {
  it('runs in lists, pipes and redirections, in the working directory', () => {
    const out = runTranscript(
      [
        'mkdir app && cp Dockerfile index.html app && cd app',
        'docker build -t learner/web . > build.log 2>&1; echo "build: $?"',
        'docker images | grep learner/web | wc -l',
        'docker push learner/web > push.log && tail -1 push.log | cut -d: -f1',
        'ls; cd; docker images -q learner/web | wc -l',
      ].join('\n'),
    );
    expect(out).toBe(
      [
        '$ mkdir app && cp Dockerfile index.html app && cd app',
        '$ docker build -t learner/web . > build.log 2>&1; echo "build: $?"',
        'build: 0',
        '$ docker images | grep learner/web | wc -l',
        '1',
        '$ docker push learner/web > push.log && tail -1 push.log | cut -d: -f1',
        'latest',
        '$ ls; cd; docker images -q learner/web | wc -l',
        'Dockerfile  build.log  index.html  push.log',
        '1',
        '',
      ].join('\n'),
    );
  });
});
