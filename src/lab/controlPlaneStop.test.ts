/**
 * The lab's narration when the learner stops the control-plane node from the console: the
 * step says the control plane is down (not "nobody tells the control plane"), and a kubectl
 * line that could not connect says why instead of leaving the last step on the stage.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import { createLabSession, type LabStep } from './session.ts';

const keyOf = (s: LabStep | undefined) => s?.text.key;
const say = (t: LabStep['text'] | undefined, lang: 'en' | 'ko') =>
  t ? translate(lang, t.key, t.params) : '';

describe('lab: stopping the control-plane node', () => {
  it('narrates the control plane going down, kubectl lines that cannot connect, and its return', () => {
    const lab = createLabSession();
    const stop = lab.run('sim stop-node control-plane');
    expect(stop.exitCode).toBe(0);
    expect(stop.steps.map(keyOf)).toEqual(['lab.step.controlPlaneStopped.text']);
    expect(say(stop.steps[0]?.title, 'en')).toBe(
      'control-plane stopped: the control plane is down',
    );
    expect(say(stop.steps[0]?.text, 'en')).toContain('kube-apiserver, etcd, kube-scheduler');
    expect(say(stop.steps[0]?.title, 'ko')).toBe('control-plane 중지: 컨트롤 플레인 멈춤');

    const get = lab.run('kubectl get pods');
    // The machine is off: no route to its address (after discovery's klog lines).
    expect(get.stderr).toMatch(
      /memcache\.go:265\] [^\n]*\nUnable to connect to the server: dial tcp 172\.18\.0\.2:6443: connect: no route to host\n$/,
    );
    expect(get.exitCode).toBe(1);
    expect(get.steps.map(keyOf)).toEqual(['lab.step.apiServerDown.text']);
    expect(say(get.steps[0]?.text, 'en')).toContain('the API server ran on control-plane');
    // A usage error is not the server's fault.
    const flag = lab.run('kubectl get pods --bogus');
    expect(flag.stderr).toBe("error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n");
    expect(flag.steps).toEqual([]);

    const start = lab.run('sim start-node control-plane');
    expect(start.exitCode).toBe(0);
    // The informers' re-lists and the static pods' restart are real messages now: first the
    // agents' LISTs, then the scheduler's and controllers', then the kubelet's own work.
    expect(start.steps.slice(0, 2).map(keyOf)).toEqual([
      'lab.step.apiServerBack.text',
      'lab.step.controlPlaneStarted.text',
    ]);
    expect(start.steps[2]?.title.key).toBe('lab.step.podStartingMixed.title');
    expect(say(start.steps[1]?.text, 'ko')).toContain('RegisteredNode');
    expect(lab.run('kubectl get nodes').exitCode).toBe(0);
  });
});
