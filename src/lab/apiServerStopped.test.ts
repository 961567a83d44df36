/**
 * The lab's narration when only the API server's process is gone (its manifest moved out of
 * /etc/kubernetes/manifests): the machine is up and refuses the connection, so the step does
 * not say the control-plane node is stopped.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import { createLabSession, type LabStep } from './session.ts';

const keyOf = (s: LabStep | undefined) => s?.text.key;

describe('lab: the API server stopped on its own', () => {
  it('says the machine is up but nothing listens on 6443', () => {
    const lab = createLabSession();
    lab.run('ssh control-plane');
    const mv = lab.run('mv /etc/kubernetes/manifests/kube-apiserver.yaml /root/');
    expect(mv.exitCode).toBe(0);
    // Its mirror pod stays: the API server cannot be told.
    expect(mv.steps.map(keyOf)).toEqual(['lab.step.stoppedApiAway.text']);
    lab.run('exit');
    const get = lab.run('kubectl get pods');
    expect(get.stderr).toMatch(
      /connect: connection refused"\nThe connection to the server 172\.18\.0\.2:6443 was refused - did you specify the right host or port\?\n$/,
    );
    expect(get.steps.map(keyOf)).toEqual(['lab.step.apiServerStopped.text']);
    const t = get.steps[0]?.text;
    expect(t && translate('en', t.key, t.params)).toContain(
      'control-plane is up, but no kube-apiserver listens on its port 6443',
    );
    expect(t && translate('ko', t.key, t.params)).toContain('연결이 거부됩니다');

    // Back: the API server answers again, the machine never went away.
    lab.run('ssh control-plane');
    const back = lab.run('mv /root/kube-apiserver.yaml /etc/kubernetes/manifests/');
    const keys = back.steps.map(keyOf);
    expect(keys[0]).toBe('lab.step.apiServerRestarted.text');
    expect(keys).toContain('lab.step.controlPlaneStarted.text');
    expect(keys).not.toContain('lab.step.nodeStarted.text');
    expect(keys).not.toContain('lab.step.apiServerBack.text');
  });
});
