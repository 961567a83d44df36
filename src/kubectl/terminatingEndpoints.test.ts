/**
 * kube-proxy 1.32 reads EndpointSlices: a pod that is terminating but still serving (a preStop
 * hook holds it up) keeps getting traffic while no ready endpoint is left, though the Endpoints
 * object has already dropped it.
 */
import { expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      terminationGracePeriodSeconds: 60
      containers:
      - name: nginx
        image: nginx
        lifecycle:
          preStop:
            exec:
              command: ["sleep", "50"]
`;

it('serves from a terminating pod while none is ready, then rejects once it is gone', () => {
  const { run, host } = engineSession(3);
  host.fs.write('web.yaml', WEB);
  run('kubectl apply -f web.yaml');
  run('kubectl expose deployment web --port=80');
  run('kubectl run client --image=busybox -- sleep 3600');
  const during = run(
    'kubectl scale deployment web --replicas=0; sleep 5; kubectl get ep web; ' +
      'kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath="{.items[0].endpoints[0].conditions}"; echo; ' +
      'kubectl exec client -- wget -qO- -T 2 http://web | grep title',
  );
  expect(during.out).toMatch(
    /^deployment\.apps\/web scaled\nNAME +ENDPOINTS +AGE\nweb +<none> +\d+s\n\{"ready":false,"serving":true,"terminating":true\}\n<title>Welcome to nginx!<\/title>\n$/,
  );
  // The pod is gone (the preStop hook's 50 s and nginx's exit): nothing serves, kube-proxy rejects.
  const after = run('sleep 60; kubectl exec client -- wget -qO- -T 2 http://web');
  expect(after.err).toMatch(
    /^wget: can't connect to remote host \(10\.\d+\.\d+\.\d+\): Connection refused\ncommand terminated with exit code 1\n$/,
  );
});

it('leaves a terminating pod out while another endpoint is ready', () => {
  const { run, host } = engineSession(3);
  host.fs.write('web.yaml', WEB.replace('replicas: 1', 'replicas: 2'));
  run('kubectl apply -f web.yaml');
  run('kubectl expose deployment web --port=80');
  const rules = run(
    'kubectl scale deployment web --replicas=1; sleep 5; kubectl get pods -l app=web --no-headers | grep -c Terminating; ' +
      "ssh node1 iptables-save -t nat | grep -c 'default/web -> '",
  );
  // One pod terminating (its preStop hook runs), one ready: the ladder has the ready one alone.
  expect(rules.out).toBe('deployment.apps/web scaled\n1\n1\n');
});
