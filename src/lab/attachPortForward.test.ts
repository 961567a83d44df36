/**
 * kubectl attach and port-forward on the stage: like exec, the request goes to the API server,
 * which reads the pod from etcd and hands it to the kubelet of the pod's node, which asks the
 * container runtime (CRI Attach, CRI PortForward).
 */
import { expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import { createLabSession, type LabResult } from './session.ts';

const said = (r: LabResult, lang: 'en' | 'ko' = 'en') =>
  r.steps.map(
    (s) =>
      `${translate(lang, s.title.key, s.title.params)} :: ${translate(lang, s.text.key, s.text.params)}`,
  );

it('narrates kubectl attach and port-forward through the API server to the kubelet', () => {
  const lab = createLabSession();
  const pods = lab.run('kubectl get pods -o name');
  const pod = /pod\/(web-\S+)/.exec(pods.stdout)?.[1] ?? '';
  expect(pod).toMatch(/^web-/);

  const attach = lab.run(`kubectl attach ${pod}`);
  const step = attach.steps.find((s) => s.title.key === 'lab.step.kubectl.attach.title');
  const node = String(step?.text.params?.node ?? '');
  expect(node).toMatch(/^node\d$/);
  // kubectl reads the pod, then asks for the attach.
  expect(step?.messages.map((m) => `${m.kind} ${m.from}→${m.to}`)).toEqual([
    'api.get developer→api-server',
    'etcd.get api-server→etcd',
    'api.response api-server→developer',
    'api.attach developer→api-server',
    'etcd.get api-server→etcd',
    `kubelet.attach api-server→kubelet/${node}`,
    `cri.attach kubelet/${node}→container-runtime/${node}`,
    'api.response api-server→developer',
  ]);
  expect(step?.messages.find((m) => m.kind === 'kubelet.attach')?.label).toBe(
    `POST :10250/attach/default/${pod}/nginx`,
  );
  expect(said(attach).find((t) => t.startsWith('kubectl attaches'))).toBe(
    `kubectl attaches to ${pod} :: kubectl sends POST /api/v1/namespaces/default/pods/${pod}/attach. The API server reads the pod from etcd to learn its node, then hands the request on to the kubelet of ${node} (port 10250), which asks the container runtime for the streams of the process already running in the container nginx: what it prints from now on flows back to kubectl.`,
  );

  const forward = lab.run(`kubectl port-forward pod/${pod} 8080:80`);
  expect(forward.stdout).toBe(
    'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n',
  );
  const fw = forward.steps.find((s) => s.title.key === 'lab.step.kubectl.portforward.title');
  // kubectl reads the pod twice (the builder, then Run's check that it is running).
  expect(fw?.messages.map((m) => m.kind)).toEqual([
    'api.get',
    'etcd.get',
    'api.response',
    'api.get',
    'etcd.get',
    'api.response',
    'api.portforward',
    'etcd.get',
    'kubelet.portforward',
    'cri.portforward',
    'api.response',
  ]);
  expect(fw?.messages.find((m) => m.kind === 'kubelet.portforward')?.label).toBe(
    `POST :10250/portForward/default/${pod}`,
  );
  expect(said(forward, 'ko').find((t) => t.startsWith('kubectl이'))).toBe(
    `kubectl이 ${pod} 파드로 포트 포워딩 :: kubectl이 POST /api/v1/namespaces/default/pods/${pod}/portforward 요청을 보냅니다. API 서버는 etcd에서 파드를 읽어 노드를 알아낸 뒤, 요청을 ${node}의 kubelet(포트 10250)에 넘깁니다. kubelet은 컨테이너 런타임에 파드 네트워크 안의 포트로 연결하라고 합니다. 로컬 포트로 들어오는 연결은 모두 이 길(노트북, API 서버, kubelet, 파드)로 갑니다. 서비스나 kube-proxy를 거치지 않습니다.`,
  );
});
