/**
 * kubectl exec and logs on the stage: the request goes to the API server, which reads the pod
 * from etcd and hands it to the kubelet of the pod's node (exec: on to the container runtime).
 */
import { expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import { createLabSession, type LabResult } from './session.ts';

const said = (r: LabResult, lang: 'en' | 'ko' = 'en') =>
  r.steps.map(
    (s) =>
      `${translate(lang, s.title.key, s.title.params)} :: ${translate(lang, s.text.key, s.text.params)}`,
  );

it('narrates kubectl exec and kubectl logs through the API server to the kubelet', () => {
  const lab = createLabSession();
  // The lab starts where the guided tour ends: Deployment web with one pod.
  const pods = lab.run('kubectl get pods -o name');
  const pod = /pod\/(web-\S+)/.exec(pods.stdout)?.[1] ?? '';
  expect(pod).toMatch(/^web-/);
  const exec = lab.run(`kubectl exec ${pod} -- hostname`);
  expect(exec.stdout).toBe(`${pod}\n`);
  const step = exec.steps.find((s) => s.title.key === 'lab.step.kubectl.exec.title');
  expect(step).toBeDefined();
  const node = String(step?.text.params?.node ?? '');
  expect(node).toMatch(/^node\d$/);
  // kubectl (the developer's machine) reads the pod, then asks for the exec.
  expect(step?.messages.map((m) => `${m.kind} ${m.from}→${m.to}`)).toEqual([
    'api.get developer→api-server',
    'etcd.get api-server→etcd',
    'api.response api-server→developer',
    'api.exec developer→api-server',
    'etcd.get api-server→etcd',
    `kubelet.exec api-server→kubelet/${node}`,
    `cri.exec kubelet/${node}→container-runtime/${node}`,
    'api.response api-server→developer',
  ]);
  expect(said(exec).find((t) => t.startsWith('kubectl exec'))).toBe(
    `kubectl exec into ${pod} :: kubectl sends POST /api/v1/namespaces/default/pods/${pod}/exec. The API server reads the pod from etcd to learn its node, then hands the request on to the kubelet of ${node} (port 10250), which asks the container runtime to run the command in the container nginx. Nothing is stored: the command\u2019s output streams back to kubectl.`,
  );
  const logs = lab.run(`kubectl logs ${pod}`);
  const logStep = logs.steps.find((s) => s.title.key === 'lab.step.kubectl.logs.title');
  expect(logStep?.messages.map((m) => m.kind)).toEqual([
    'api.get',
    'etcd.get',
    'api.response',
    'api.log',
    'etcd.get',
    'kubelet.log',
    'api.response',
  ]);
  expect(said(logs, 'ko').find((t) => t.startsWith('kubectl이'))).toBe(
    `kubectl이 ${pod}의 로그 조회 :: kubectl이 GET /api/v1/namespaces/default/pods/${pod}/log 요청을 보냅니다. 로그는 etcd에 없습니다. API 서버가 ${node}의 kubelet에 묻고, kubelet이 노드에 있는 nginx 컨테이너의 로그 파일을 읽어 돌려보냅니다.`,
  );
});
