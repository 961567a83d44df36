/**
 * The lab's narration of a DaemonSet rollout: the controller records the new template as a
 * ControllerRevision (its number), rather than telling of a node that stopped qualifying.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import { createLabSession } from './session.ts';

describe('lab narration of a DaemonSet rollout', () => {
  it('names the new ControllerRevision and its number, not a node that stopped qualifying', () => {
    const lab = createLabSession({ seed: 1 });
    const steps = lab.run('kubectl rollout restart ds/kube-proxy -n kube-system').steps;
    const en = steps.map((s) => translate('en', s.text.key, s.text.params));
    const revision = en.find((t) => t.startsWith("kube-proxy's pod template changed."));
    expect(revision).toMatch(
      /^kube-proxy's pod template changed\. The DaemonSet controller \(controller manager\) makes ControllerRevision kube-proxy-[a-z0-9]{6,10} its revision 2: /,
    );
    const ko = steps.map((s) => translate('ko', s.text.key, s.text.params));
    expect(
      ko.some((t) =>
        /리비전 2에 해당하는 ControllerRevision kube-proxy-[a-z0-9]+ 오브젝트를 만듭니다/.test(t),
      ),
    ).toBe(true);
    // Not "the node no longer qualifies": the nodes still run kube-proxy, with the new template.
    expect(en.filter((t) => t.includes('no longer qualifies'))).toEqual([]);
  });
});
