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
    expect(lab.run('mv /etc/kubernetes/manifests/kube-apiserver.yaml /root/').exitCode).toBe(0);
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
  });
});
