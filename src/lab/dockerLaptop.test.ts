/**
 * The laptop's docker in the lab: a pull is narrated and drawn between the laptop and the
 * registry; a logout makes Docker Hub refuse the learner's push, and both survive a reload (the
 * lab replays its lines).
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import { createLabSession, type LabResult, type LabStep, type LabStorage } from './session.ts';

const say = (t: LabStep['text'] | undefined, lang: 'en' | 'ko' = 'en') =>
  t ? translate(lang, t.key, t.params) : '';
const find = (r: LabResult, key: string) => r.steps.filter((s) => s.text.key === `${key}.text`);

function memoryStorage(): LabStorage {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      data.set(k, v);
    },
    removeItem: (k) => {
      data.delete(k);
    },
  };
}

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

  it('after docker logout Docker Hub refuses the learner’s push, also after a reload', () => {
    const storage = memoryStorage();
    const a = createLabSession({ storage });
    a.run('docker pull nginx');
    a.run('docker tag nginx learner/web:1');
    expect(a.run('docker logout').exitCode).toBe(0);
    const b = createLabSession({ storage });
    expect(b.run('docker images learner/web -q').stdout).toMatch(/^[0-9a-f]{12}\n$/);
    const denied = b.run('docker push learner/web:1');
    expect(denied.stderr).toBe('denied: requested access to the resource is denied\n');
    const [step] = find(denied, 'lab.step.docker.pushSignedOut');
    expect(say(step?.text)).toBe(
      'Docker Hub refuses the push of learner/web:1: the laptop is signed out (docker logout). Sign in again with docker login, then push.',
    );
    expect(b.run('docker login').stdout).toBe('Login Succeeded\n');
    const c = createLabSession({ storage });
    expect(c.run('docker push learner/web:1').exitCode).toBe(0);
  });
});
