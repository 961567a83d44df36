/**
 * The lab's docker is its shell's: a line of several docker commands draws one step for each
 * on the stage, and a reload replays such lines (with the `cd` before them) to the same laptop.
 */
import { describe, expect, it } from 'vitest';
import { memoryStorage } from './memoryStorage.ts';
import { createLabSession, type LabStep } from './session.ts';

const keyOf = (s: LabStep) => s.text.key;

describe('docker in the lab console', () => {
  it('draws each docker command of a line as its own step', () => {
    const lab = createLabSession();
    const both = lab.run('docker build -t learner/web . && docker push learner/web');
    expect(both.exitCode).toBe(0);
    // The legacy builder's steps for the starter project, then the push's first line.
    expect(both.stdout).toMatch(
      /^Sending build context to Docker daemon {2}[\d.]+kB\nStep 1\/2 : FROM nginx\n[\s\S]*\nSuccessfully built \w{12}\nSuccessfully tagged learner\/web:latest\n(Using default tag: latest\n)?The push refers to repository \[docker\.io\/learner\/web\]\n/,
    );
    expect(both.steps.map(keyOf)).toEqual([
      'lab.step.docker.build.text',
      'lab.step.docker.push.text',
    ]);
    expect(both.steps[1]?.text.params).toEqual({ image: 'learner/web' });

    // Docker Hub denies library/: the line stops there, and says so on the stage.
    const denied = lab.run('docker build -t myweb . && docker push myweb && echo pushed');
    expect(denied.exitCode).toBe(1);
    expect(denied.stdout).not.toContain('pushed\n');
    expect(denied.steps.map(keyOf)).toEqual([
      'lab.step.docker.build.text',
      'lab.step.docker.pushDenied.text',
    ]);

    // Nothing to push: the laptop refuses, `||` runs the rest.
    const missing = lab.run('docker push nope || echo "exit $?"');
    // docker 28.2.2: the client's default tag, the daemon's repository line, then its refusal.
    expect(missing.stdout).toBe(
      'Using default tag: latest\nThe push refers to repository [docker.io/library/nope]\nexit 1\n',
    );
    expect(missing.stderr).toBe('An image does not exist locally with the tag: nope\n');
    expect(missing.steps.map(keyOf)).toEqual(['lab.step.docker.pushMissing.text']);

    // Only reading the laptop's images sends nothing.
    const listed = lab.run('docker images | grep -c learner/web');
    expect(listed.stdout).toBe('1\n');
    expect(listed.steps).toEqual([]);
  });

  it('replays compound docker lines after a reload: the images, the tags, the directory', () => {
    const storage = memoryStorage();
    const a = createLabSession({ storage });
    const built = a.run(
      'mkdir app && cp Dockerfile index.html app && cd app && docker build -t learner/web . > build.log 2>&1 && docker tag learner/web learner/web:v1',
    );
    expect(built).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
    expect(a.run('docker images -q learner/web | head -1 > ~/id.txt; pwd').stdout).toBe(
      '/home/learner/app\n',
    );
    const before = a.run("docker images learner/web | awk '{print $1, $2, $3}'").stdout;
    expect(before).toMatch(
      /^REPOSITORY TAG IMAGE\nlearner\/web latest \w{12}\nlearner\/web v1 \w{12}\n$/,
    );

    const b = createLabSession({ storage });
    expect(b.notice).toEqual({ key: 'lab.notice.restored', params: { count: 2 } });
    expect(b.run('pwd; cat build.log | tail -1').stdout).toBe(
      '/home/learner/app\nSuccessfully tagged learner/web:latest\n',
    );
    expect(b.run("docker images learner/web | awk '{print $1, $2, $3}'").stdout).toBe(before);
    // The replayed image is the same one (its ID as saved), and its tag can be pushed.
    const id = b.run('cat ~/id.txt').stdout;
    expect(before).toContain(`learner/web v1 ${id}`);
    const pushed = b.run('docker push learner/web:v1 | head -1');
    expect(pushed.stdout).toBe('The push refers to repository [docker.io/learner/web]\n');
    expect(pushed.steps.map(keyOf)).toEqual(['lab.step.docker.push.text']);
  });
});
