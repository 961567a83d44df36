/**
 * The lab's narration when etcd stops alone (its manifest moved out of
 * /etc/kubernetes/manifests): kube-apiserver accepts requests that wait out their minute.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import { createLabSession, type LabStep } from './session.ts';

const keyOf = (s: LabStep | undefined) => s?.text.key;

describe('lab: etcd stopped alone', () => {
  it('a request that timed out says the API server has no etcd', () => {
    const lab = createLabSession();
    lab.run('ssh control-plane');
    lab.run('export KUBECONFIG=/etc/kubernetes/admin.conf');
    const get = lab.run('mv /etc/kubernetes/manifests/etcd.yaml /root/ && kubectl get pods');
    expect(get.stderr).toBe(
      'Error from server (Timeout): Timeout: request did not complete within requested timeout - context deadline exceeded\n',
    );
    expect(get.steps.map(keyOf)[0]).toBe('lab.step.stoppedEtcd.text');
    const step = get.steps.find((s) => keyOf(s) === 'lab.step.apiServerNoEtcd.text');
    expect(step).toBeDefined();
    const t = step?.text;
    expect(t && translate('en', t.key, t.params)).toContain(
      'etcd, where it keeps every object, is not running',
    );
    expect(t && translate('ko', t.key, t.params)).toContain('etcd가 실행되지 않아');
  });
});
