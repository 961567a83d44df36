/**
 * The lab narrates a StatefulSet's pods as the StatefulSet controller's work (not the
 * ReplicaSet controller's): web-0, then web-1, and a deleted pod made again under its name.
 * Volumes for the claims of the volume claim template come first.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import { createLabSession, type LabStep } from './session.ts';

const say = (t: LabStep['text'] | undefined, lang: 'en' | 'ko' = 'en') =>
  t ? translate(lang, t.key, t.params) : '';

describe('lab narration of a StatefulSet', () => {
  it('puts web-0 and web-1 down to the StatefulSet controller', () => {
    const lab = createLabSession();
    // The tutorial needs a volume per claim: a bare kubeadm cluster has no StorageClass, so two
    // hostPath PersistentVolumes (no class, as the claims ask) are made first.
    for (const i of [0, 1]) {
      const pv = {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: `pv-${i}` },
        spec: {
          capacity: { storage: '1Gi' },
          accessModes: ['ReadWriteOnce'],
          hostPath: { path: `/mnt/data/pv-${i}` },
        },
      };
      lab.run(`echo '${JSON.stringify(pv)}' > pv-${i}.json`);
      expect(lab.run(`kubectl apply -f pv-${i}.json`).stdout).toBe(
        `persistentvolume/pv-${i} created\n`,
      );
    }
    const r = lab.run('kubectl apply -f https://k8s.io/examples/application/web/web.yaml');
    expect(r.stdout).toBe('service/nginx created\nstatefulset.apps/web created\n');
    const made = r.steps.filter((st) => st.text.key === 'lab.step.statefulPodsCreated.text');
    expect(made.map((st) => say(st.text))).toEqual([
      expect.stringMatching(
        /^The StatefulSet controller \(controller manager\) creates web-0 for web:/,
      ),
      expect.stringMatching(
        /^The StatefulSet controller \(controller manager\) creates web-1 for web:/,
      ),
    ]);
    expect(say(made[0]?.title)).toBe('StatefulSet controller');
    expect(say(made[0]?.title, 'ko')).toBe('스테이트풀셋 컨트롤러');
    expect(r.steps.map((st) => st.text.key)).not.toContain('lab.step.podsCreated.text');

    const scaled = lab.run('kubectl scale sts web --replicas=1');
    const gone = scaled.steps.find((st) => st.text.key === 'lab.step.statefulPodsDeleted.text');
    expect(say(gone?.text)).toMatch(/^The StatefulSet controller deletes web-1 of web:/);
  });
});
