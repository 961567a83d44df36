/**
 * The laptop's docker in the lab: a pull is narrated and drawn between the laptop and the
 * registry; a logout makes Docker Hub refuse the learner's push, and both survive a reload (the
 * lab replays its lines).
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import { memoryStorage } from './memoryStorage.ts';
import { createLabSession, type LabResult, type LabStep } from './session.ts';

const say = (t: LabStep['text'] | undefined, lang: 'en' | 'ko' = 'en') =>
  t ? translate(lang, t.key, t.params) : '';
const find = (r: LabResult, key: string) => r.steps.filter((s) => s.text.key === `${key}.text`);

describe('docker on the laptop in the lab', () => {
  it('narrates a pull from Docker Hub and one the registry cannot answer', () => {
    const lab = createLabSession({ seed: 1 });
    const pulled = lab.run('docker pull busybox:1.36');
    expect(pulled.exitCode).toBe(0);
    const [step] = find(pulled, 'lab.step.docker.pull');
    expect(say(step?.title)).toBe('docker pull');
    expect(say(step?.text)).toBe(
      'Docker downloads busybox:1.36 from Docker Hub into the laptop\u2019s images (docker images lists it). The nodes do not use it: each node\u2019s container runtime pulls its own copy when a pod needs it.',
    );
    expect(step?.messages.map((m) => `${m.from}>${m.to}: ${say(m.summary)}`)).toEqual([
      'developer>registry: docker pull asks Docker Hub for busybox:1.36.',
      'registry>developer: Docker Hub sends busybox:1.36 to the laptop.',
    ]);
    const failed = lab.run('docker pull registry.k8s.io/nope:1');
    expect(failed.exitCode).toBe(1);
    const [bad] = find(failed, 'lab.step.docker.pullFailed');
    expect(say(bad?.text)).toBe(
      'registry.k8s.io has no image registry.k8s.io/nope:1, so nothing was downloaded. Check the name and the tag.',
    );
    expect(say(bad?.text, 'ko')).toBe(
      'registry.k8s.io에 registry.k8s.io/nope:1 이미지가 없어서 아무것도 내려받지 않았습니다. 이름과 태그를 확인하세요.',
    );
  });

  it('draws --pull asking the registry about a base the laptop has, as an up-to-date pull', () => {
    const lab = createLabSession({ seed: 1 });
    lab.run(
      "mkdir box && echo 'FROM busybox:1.36' > box/Dockerfile && docker build -t learner/box box",
    );
    const again = lab.run('docker build --pull -t learner/box box');
    expect(again.exitCode).toBe(0);
    // The classic builder asks, the registry's digest is the laptop's: nothing downloaded.
    expect(again.stdout).toMatch(
      /Step 1\/1 : FROM busybox:1\.36\n1\.36: Pulling from library\/busybox\nDigest: sha256:[0-9a-f]{64}\nStatus: Image is up to date for busybox:1\.36\n/,
    );
    expect(again.steps.map((s) => s.text.key)).toEqual(['lab.step.docker.buildCheck.text']);
    const [step] = again.steps;
    expect(say(step?.text)).toBe(
      'Docker builds the image learner/box on the laptop. With --pull the builder asks Docker Hub for busybox:1.36 although the laptop has it: the registry\u2019s digest is the laptop\u2019s, so nothing is downloaded (Status: Image is up to date), and the Dockerfile\u2019s other steps run on the laptop\u2019s copy.',
    );
    expect(say(step?.text, 'ko')).toContain('busybox:1.36');
    expect(step?.messages.map((m) => `${m.from}>${m.to}: ${say(m.summary)} [${m.label}]`)).toEqual([
      'developer>developer: docker build makes the image learner/box on the laptop. [docker build -t learner/box .]',
      'developer>registry: docker build --pull asks Docker Hub whether busybox:1.36 changed, though the laptop has it. [GET /v2/library/busybox/manifests/1.36]',
      expect.stringMatching(
        /^registry>developer: Docker Hub answers with the digest of busybox:1\.36: the laptop\u2019s copy is up to date\. \[sha256:[0-9a-f]{64}\]$/,
      ),
    ]);
    // Without --pull the laptop's base is used as it is: no request.
    const plain = lab.run('docker build -t learner/box box');
    expect(plain.steps.map((s) => s.text.key)).toEqual(['lab.step.docker.build.text']);
  });

  it('draws a build’s pull of its FROM image inside the build’s step, once', () => {
    const lab = createLabSession({ seed: 1 });
    const built = lab.run(
      "mkdir box && echo 'FROM busybox:1.36' > box/Dockerfile && docker build -t learner/box box",
    );
    expect(built.exitCode).toBe(0);
    expect(built.stdout).toContain(
      'Step 1/1 : FROM busybox:1.36\n1.36: Pulling from library/busybox\n',
    );
    // One step for the one command: the build, telling the pull it started with.
    expect(built.steps.map((s) => s.text.key)).toEqual(['lab.step.docker.buildPull.text']);
    const [step] = built.steps;
    expect(say(step?.text)).toBe(
      'Docker builds the image learner/box on the laptop. The Dockerfile starts FROM busybox:1.36, which the laptop does not have yet: the builder first downloads it from Docker Hub, as docker pull would (docker images lists it too), then runs the Dockerfile\u2019s other steps on top of it.',
    );
    expect(say(step?.text, 'ko')).toContain('FROM busybox:1.36');
    expect(step?.messages.map((m) => `${m.from}>${m.to}: ${say(m.summary)}`)).toEqual([
      'developer>developer: docker build makes the image learner/box on the laptop.',
      'developer>registry: The build starts FROM busybox:1.36, which the laptop does not have: it asks Docker Hub for it.',
      'registry>developer: Docker Hub sends busybox:1.36 to the laptop for the build.',
    ]);
    // The base is on the laptop now: a rebuild pulls nothing, docker pull finds it up to date.
    const again = lab.run('docker build -t learner/box2 box');
    expect(again.steps.map((s) => s.text.key)).toEqual(['lab.step.docker.build.text']);
    expect(again.steps[0]?.messages.map((m) => m.kind)).toEqual(['image.build']);
    // A pull after a push in one line is a step of its own too.
    const pulled = lab.run('docker push learner/box && docker pull busybox:1.36');
    expect(pulled.stdout).toContain('Status: Image is up to date for busybox:1.36\n');
    expect(pulled.steps.map((s) => s.text.key)).toEqual([
      'lab.step.docker.push.text',
      'lab.step.docker.pull.text',
    ]);
  });

  it('after docker logout Docker Hub refuses the learner’s push, also after a reload', () => {
    const storage = memoryStorage();
    const a = createLabSession({ storage });
    a.run('docker pull nginx');
    a.run('docker tag nginx learner/web:1');
    const logout = a.run('docker logout');
    expect(logout.exitCode).toBe(0);
    const [out] = find(logout, 'lab.step.docker.logout');
    expect(say(out?.title)).toBe('docker logout');
    expect(say(out?.text, 'ko')).toBe(
      'Docker가 노트북의 Docker Hub 자격 증명을 지웁니다(아무것도 보내지 않습니다). 다시 docker login 할 때까지 Docker Hub는 learner/NAME 푸시를 거부합니다.',
    );
    // Nothing on the wire: the laptop busy with itself.
    expect(out?.model.packets.map((p) => `${p.from}>${p.to} ${p.label}`)).toEqual([
      'developer>developer ~/.docker/config.json',
    ]);
    const refused = a.run('docker login -u bob -p x');
    expect(refused.exitCode).toBe(1);
    expect(say(find(refused, 'lab.step.docker.loginRefused')[0]?.text)).toBe(
      'Docker Hub refuses the credentials. The laptop\u2019s account is learner: docker login (or docker login -u learner).',
    );
    const b = createLabSession({ storage });
    expect(b.run('docker images learner/web -q').stdout).toMatch(/^[0-9a-f]{12}\n$/);
    const denied = b.run('docker push learner/web:1');
    expect(denied.stderr).toBe('denied: requested access to the resource is denied\n');
    const [step] = find(denied, 'lab.step.docker.pushSignedOut');
    expect(say(step?.text)).toBe(
      'Docker Hub refuses the push of learner/web:1: the laptop is signed out (docker logout). Sign in again with docker login, then push.',
    );
    const login = b.run('docker login');
    expect(login.stdout).toBe('Login Succeeded\n');
    const [signedIn] = find(login, 'lab.step.docker.login');
    expect(say(signedIn?.text)).toBe(
      'Docker sends the credentials of learner to Docker Hub, which accepts them: pushes to learner/NAME go through.',
    );
    expect(signedIn?.messages.map((m) => `${m.from}>${m.to}: ${say(m.summary)}`)).toEqual([
      'developer>registry: docker login sends the credentials of learner to Docker Hub.',
      'registry>developer: Docker Hub accepts them: the laptop is signed in as learner.',
    ]);
    const c = createLabSession({ storage });
    expect(c.run('docker push learner/web:1').exitCode).toBe(0);
  });

  it('Docker Hub refuses a push into another account’s namespace, and says whose the laptop is', () => {
    const lab = createLabSession();
    lab.run('docker tag nginx statssy/myweb:1.0');
    const denied = lab.run('docker push statssy/myweb:1.0');
    expect(denied.exitCode).toBe(1);
    expect(denied.stdout).toMatch(
      /^The push refers to repository \[docker\.io\/statssy\/myweb\]\n([0-9a-f]{12}: Preparing\n)+$/,
    );
    expect(denied.stderr).toBe('denied: requested access to the resource is denied\n');
    const [step] = find(denied, 'lab.step.docker.pushOtherAccount');
    expect(say(step?.text)).toBe(
      'Docker Hub refuses the push of statssy/myweb:1.0: the namespace statssy/ belongs to another Docker Hub account, and this laptop is signed in as learner. Tag the image under your own account and push that: docker tag statssy/myweb:1.0 learner/NAME then docker push learner/NAME.',
    );
    // Retagged under the learner's account, the same image goes through.
    expect(
      lab.run('docker tag statssy/myweb:1.0 learner/myweb:1.0 && docker push learner/myweb:1.0')
        .exitCode,
    ).toBe(0);
  });
});
