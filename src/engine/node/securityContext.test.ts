/**
 * The docs' "Configure a Security Context for a Pod or Container": runAsUser, runAsGroup,
 * fsGroup and supplementalGroups decide what `id` prints (the container's fields win over the
 * pod's), `whoami` and `ps` show the uid, and runAsNonRoot refuses an image that runs as root.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

/** `kubectl run --rm -i` of busybox:1.28 with a pod-level (and container-level) securityContext. */
function runWith(
  podContext: Record<string, unknown>,
  command: string,
  containerContext?: Record<string, unknown>,
) {
  const { run } = engineSession(4);
  const overrides = {
    spec: {
      securityContext: podContext,
      ...(containerContext
        ? {
            containers: [
              {
                name: 't',
                image: 'busybox:1.28',
                command: ['sh', '-c', command],
                securityContext: containerContext,
              },
            ],
          }
        : {}),
    },
  };
  return run(
    `kubectl run t --rm -i --image=busybox:1.28 --restart=Never --overrides='${JSON.stringify(overrides)}' -- sh -c "${command}"`,
  );
}

describe('securityContext: who the container runs as', () => {
  it("the docs' security-context-demo: uid 1000, gid 3000, groups fsGroup, runAsGroup, supplementalGroups", () => {
    expect(
      runWith(
        { runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, supplementalGroups: [4000] },
        'id',
      ),
    ).toEqual({
      out: 'uid=1000 gid=3000 groups=2000,3000,4000\npod "t" deleted\n',
      err: '',
      code: 0,
    });
  });

  it('without runAsGroup the gid stays 0 (root): the uid has no entry in the image', () => {
    expect(runWith({ runAsUser: 1000, fsGroup: 2000 }, 'id').out).toBe(
      'uid=1000 gid=0(root) groups=0(root),2000\npod "t" deleted\n',
    );
  });

  it("the container's runAsUser wins over the pod's", () => {
    expect(runWith({ runAsUser: 1000 }, 'id', { runAsUser: 2000 }).out).toBe(
      'uid=2000 gid=0(root) groups=0(root)\npod "t" deleted\n',
    );
  });

  it('whoami knows no name for the uid; ps shows it in the USER column', () => {
    expect(runWith({ runAsUser: 1000 }, 'whoami').out).toBe(
      'whoami: unknown uid 1000\npod "t" deleted\n',
    );
    expect(runWith({ runAsUser: 1000 }, 'ps').out).toBe(
      'PID   USER     TIME  COMMAND\n    1 1000      0:00 ps\npod "t" deleted\n',
    );
  });

  it('no securityContext: root, and busybox lists root in wheel', () => {
    const { run } = engineSession(4);
    expect(run('kubectl run t --rm -i --image=busybox:1.28 --restart=Never -- id').out).toBe(
      'uid=0(root) gid=0(root) groups=0(root),10(wheel)\npod "t" deleted\n',
    );
  });

  it('runAsNonRoot with an image that runs as root: CreateContainerConfigError', () => {
    const { run, cluster } = engineSession(4);
    run(
      `kubectl run nr --image=nginx --overrides='{"spec":{"securityContext":{"runAsNonRoot":true}}}'`,
    );
    expect(run('kubectl get pod nr').out).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE\nnr +0\/1 +CreateContainerConfigError +0 +\d/,
    );
    const uid = cluster.peek('pods', 'default', 'nr')?.metadata?.uid ?? '';
    const message = `container has runAsNonRoot and image will run as root (pod: "nr_default(${uid})", container: nr)`;
    const described = run('kubectl describe pod nr').out;
    expect(described).toContain(
      '    State:          Waiting\n      Reason:       CreateContainerConfigError\n',
    );
    expect(described).toMatch(
      new RegExp(`Warning +Failed +.* +kubelet +Error: ${message.replace(/[()]/g, '\\$&')}\n`),
    );
    // With a non-root runAsUser it starts (nginx itself cannot run as non-root: busybox);
    // runAsUser 0 breaks the policy.
    run(
      `kubectl run ok --image=busybox --overrides='{"spec":{"securityContext":{"runAsNonRoot":true,"runAsUser":101}}}' -- sleep 3600`,
    );
    expect(run('kubectl get pod ok').out).toMatch(/\nok +1\/1 +Running +0 +\d/);
    run(
      `kubectl run zero --image=nginx --overrides='{"spec":{"securityContext":{"runAsNonRoot":true,"runAsUser":0}}}'`,
    );
    const zeroUid = cluster.peek('pods', 'default', 'zero')?.metadata?.uid ?? '';
    expect(run('kubectl get pod zero -o jsonpath={.status.containerStatuses[0].state}').out).toBe(
      `{"waiting":{"message":"container's runAsUser breaks non-root policy (pod: \\"zero_default(${zeroUid})\\", container: zero)","reason":"CreateContainerConfigError"}}`,
    );
  });

  it('negative ids are refused by validation (IsValidUserID, IsValidGroupID)', () => {
    const { run } = engineSession(4);
    const overrides = {
      spec: {
        securityContext: { runAsUser: -1, supplementalGroups: [-5] },
        containers: [{ name: 'neg', image: 'busybox', securityContext: { runAsGroup: -2 } }],
      },
    };
    expect(
      run(`kubectl run neg --image=busybox --overrides='${JSON.stringify(overrides)}'`),
    ).toEqual({
      out: '',
      err: `The Pod "neg" is invalid: 
* spec.containers[0].securityContext.runAsGroup: Invalid value: -2: must be between 0 and 2147483647, inclusive
* spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive
* spec.securityContext.supplementalGroups[0]: Invalid value: -5: must be between 0 and 2147483647, inclusive
`,
      code: 1,
    });
  });
});
