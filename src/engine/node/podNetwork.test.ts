/**
 * wget from inside a pod to a pod IP, a cluster IP, a Service name and a node's IP at a
 * nodePort: the target answers only when a running program listens there (through the
 * endpoints kube-proxy holds, for a Service); else busybox wget's `Connection refused`.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import { NGINX_INDEX } from './program.ts';

function cluster() {
  const s = engineSession(7);
  const { run } = s;
  run('kubectl create deployment web --image=nginx');
  run('kubectl expose deployment web --port=80 --type=NodePort');
  run('kubectl run bb --image=busybox -- sleep 3600');
  const get = (what: string) => run(`kubectl get ${what}`).out;
  return {
    ...s,
    webIP: get('pods -l app=web -o jsonpath={.items[0].status.podIP}'),
    bbIP: get('pod bb -o jsonpath={.status.podIP}'),
    clusterIP: get('svc web -o jsonpath={.spec.clusterIP}'),
    nodePort: get('svc web -o jsonpath={.spec.ports[0].nodePort}'),
    nodeIP: get('node node2 -o jsonpath={.status.addresses[0].address}'),
  };
}

/** busybox wget's stderr for a refused connection, then kubectl's exit-code line. */
const refused = (shown: string, ip: string) =>
  `Connecting to ${shown} (${ip.includes(':') ? ip : `${ip}:80`})\nwget: can't connect to remote host (${ip.split(':')[0]}): Connection refused\ncommand terminated with exit code 1\n`;

describe('wget inside the cluster', () => {
  it('a pod IP, the cluster IP, the Service name and nodeIP:nodePort all reach nginx', () => {
    const { run, webIP, clusterIP, nodeIP, nodePort } = cluster();
    for (const target of [webIP, `${clusterIP}:80`, 'web', `http://${nodeIP}:${nodePort}/`]) {
      expect(run(`kubectl exec bb -- wget -qO- ${target}`)).toEqual({
        out: NGINX_INDEX,
        err: '',
        code: 0,
      });
    }
    const bar = `-                    100% |********************************|   615  0:00:00 ETA\n`;
    expect(run(`kubectl exec bb -- wget -O- ${nodeIP}:${nodePort}`).out).toBe(
      `Connecting to ${nodeIP}:${nodePort} (${nodeIP}:${nodePort})\nwriting to stdout\n${NGINX_INDEX}${bar}written to stdout\n`,
    );
    // A one-shot pod ends as the kubelet saw it: Completed.
    expect(
      run(`kubectl run t --image=busybox --restart=Never --rm -i -- wget -qO- ${webIP}`),
    ).toEqual({ out: `${NGINX_INDEX}pod "t" deleted\n`, err: '', code: 0 });
  });

  it('nothing listening: the pod port, a nodePort no Service has, a pod without a server', () => {
    const { run, webIP, bbIP, nodeIP } = cluster();
    expect(run(`kubectl exec bb -- wget ${webIP}:8080`)).toEqual({
      out: '',
      err: refused(`${webIP}:8080`, `${webIP}:8080`),
      code: 1,
    });
    expect(run(`kubectl exec bb -- wget ${bbIP}`).err).toBe(refused(bbIP, bbIP));
    expect(run(`kubectl exec bb -- wget ${nodeIP}:30000`).err).toBe(
      refused(`${nodeIP}:30000`, `${nodeIP}:30000`),
    );
    // The kubelet decides the same: the run-once pod fails.
    expect(
      run(`kubectl run t --image=busybox --restart=Never --rm -i -- wget -q ${webIP}:81`),
    ).toEqual({
      out: `wget: can't connect to remote host (${webIP}): Connection refused\npod "t" deleted\n`,
      err: 'pod default/t terminated (Error)\n',
      code: 1,
    });
  });

  it('no endpoints: the Service name and the nodePort refuse; an unknown name is a bad address', () => {
    const { run, clusterIP, nodeIP, nodePort } = cluster();
    run('kubectl scale deployment web --replicas=0');
    expect(run('kubectl exec bb -- wget web').err).toBe(refused('web', clusterIP));
    expect(run(`kubectl exec bb -- wget ${nodeIP}:${nodePort}`).err).toBe(
      refused(`${nodeIP}:${nodePort}`, `${nodeIP}:${nodePort}`),
    );
    expect(run('kubectl exec bb -- wget nosuch')).toEqual({
      out: '',
      err: "wget: bad address 'nosuch'\ncommand terminated with exit code 1\n",
      code: 1,
    });
  });
});
