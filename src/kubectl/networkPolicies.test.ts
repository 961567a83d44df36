/**
 * NetworkPolicies (networking.k8s.io/v1) as a kubeadm 1.32 cluster stores them: defaulted
 * (policyTypes, port protocol) and validated by the API server, listed and described as kubectl
 * 1.32 does. The simulated pod network (flannel-style, 10.244.0.0/16) does not enforce them,
 * as flannel does not: a pod still reaches another through a default-deny policy.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const DOCS = 'https://k8s.io/examples/service/networking';

describe('kubectl get / describe networkpolicies', () => {
  it('the docs default-deny-ingress policy', () => {
    const { run } = engineSession(1);
    expect(run(`kubectl apply -f ${DOCS}/network-policy-default-deny-ingress.yaml`)).toEqual({
      out: 'networkpolicy.networking.k8s.io/default-deny-ingress created\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get netpol').out).toBe(
      'NAME                   POD-SELECTOR   AGE\ndefault-deny-ingress   <none>         15s\n',
    );
    const out = run('kubectl describe networkpolicy default-deny-ingress').out;
    expect(out).toMatch(
      /^Name: {9}default-deny-ingress\nNamespace: {4}default\nCreated on: {3}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC\nLabels: {7}<none>\nAnnotations: {2}<none>\n/,
    );
    // Its describer shows no Events section.
    expect(out.slice(out.indexOf('Spec:'))).toBe(
      [
        'Spec:',
        '  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)',
        '  Allowing ingress traffic:',
        '    <none> (Selected pods are isolated for ingress connectivity)',
        '  Not affecting egress traffic',
        '  Policy Types: Ingress',
        '',
      ].join('\n'),
    );
  });

  it('the docs test-network-policy: every kind of peer, ingress and egress', () => {
    const { run } = engineSession(1);
    run(`kubectl apply -f ${DOCS}/networkpolicy.yaml`);
    expect(run('kubectl get networkpolicies').out).toBe(
      'NAME                  POD-SELECTOR   AGE\ntest-network-policy   role=db        15s\n',
    );
    const out = run('kubectl describe netpol test-network-policy').out;
    expect(out.slice(out.indexOf('Spec:'))).toBe(
      [
        'Spec:',
        '  PodSelector:     role=db',
        '  Allowing ingress traffic:',
        '    To Port: 6379/TCP',
        '    From:',
        '      IPBlock:',
        '        CIDR: 172.17.0.0/16',
        '        Except: 172.17.1.0/24',
        '    From:',
        '      NamespaceSelector: project=myproject',
        '    From:',
        '      PodSelector: role=frontend',
        '  Allowing egress traffic:',
        '    To Port: 5978/TCP',
        '    To:',
        '      IPBlock:',
        '        CIDR: 10.0.0.0/24',
        '        Except: ',
        '  Policy Types: Ingress, Egress',
        '',
      ].join('\n'),
    );
  });

  it('allow-all rules, several rules, both selectors in one peer', () => {
    const { run, host } = engineSession(1);
    run(`kubectl apply -f ${DOCS}/network-policy-allow-all-ingress.yaml`);
    expect(run('kubectl describe netpol allow-all-ingress').out).toContain(
      '  Allowing ingress traffic:\n    To Port: <any> (traffic allowed to all ports)\n    From: <any> (traffic not restricted by source)\n  Not affecting egress traffic\n',
    );
    host.fs.write(
      'np.yaml',
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: mixed
spec:
  podSelector:
    matchExpressions:
    - key: app
      operator: In
      values: [web, api]
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          team: a
      podSelector:
        matchLabels:
          role: client
    ports:
    - port: http
    - port: 53
      protocol: UDP
  - ports:
    - port: 8080
      endPort: 8090
  egress:
  - {}
`,
    );
    expect(run('kubectl apply -f np.yaml').code).toBe(0);
    expect(run('kubectl get netpol mixed').out).toBe(
      'NAME    POD-SELECTOR       AGE\nmixed   app in (api,web)   15s\n',
    );
    expect(run('kubectl describe netpol mixed').out).toContain(
      [
        '  PodSelector:     app in (api,web)',
        '  Allowing ingress traffic:',
        '    To Port: http/TCP',
        '    To Port: 53/UDP',
        '    From:',
        '      NamespaceSelector: team=a',
        '      PodSelector: role=client',
        '    ----------',
        '    To Port Range: 8080-8090/TCP',
        '    From: <any> (traffic not restricted by source)',
        '  Allowing egress traffic:',
        '    To Port: <any> (traffic allowed to all ports)',
        '    To: <any> (traffic not restricted by destination)',
        '  Policy Types: Ingress, Egress',
        '',
      ].join('\n'),
    );
    // Defaulting: ports without a protocol are TCP; egress rules make it an Egress policy too.
    expect(
      run(
        "kubectl get netpol mixed -o jsonpath='{.spec.policyTypes} {.spec.ingress[0].ports[0].protocol}'",
      ).out,
    ).toBe('["Ingress","Egress"] TCP');
  });
});

describe('NetworkPolicy validation (1.32 pkg/apis/networking/validation)', () => {
  const policy = (spec: string) =>
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: bad\nspec:\n  podSelector: {}\n${spec}`;

  it('refuses empty peers, ipBlock with a selector, bad ports and protocols', () => {
    const { run, host } = engineSession(1);
    host.fs.write('peer.yaml', policy('  ingress:\n  - from:\n    - {}\n'));
    expect(run('kubectl apply -f peer.yaml').err).toBe(
      'The NetworkPolicy "bad" is invalid: spec.ingress[0].from[0]: Required value: must specify a peer\n',
    );
    host.fs.write(
      'both.yaml',
      policy(
        '  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.0.0.0/8\n      podSelector: {}\n',
      ),
    );
    expect(run('kubectl apply -f both.yaml').err).toBe(
      'The NetworkPolicy "bad" is invalid: spec.egress[0].to[0]: Forbidden: may not specify both ipBlock and another peer\n',
    );
    host.fs.write(
      'proto.yaml',
      policy('  ingress:\n  - ports:\n    - protocol: ICMP\n      port: 70000\n'),
    );
    expect(run('kubectl apply -f proto.yaml').err).toBe(
      'The NetworkPolicy "bad" is invalid: \n' +
        '* spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"\n' +
        '* spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive\n',
    );
    host.fs.write(
      'end.yaml',
      policy('  ingress:\n  - ports:\n    - port: 8080\n      endPort: 80\n'),
    );
    expect(run('kubectl apply -f end.yaml').err).toBe(
      'The NetworkPolicy "bad" is invalid: spec.ingress[0].ports[0].endPort: Invalid value: 8080: must be greater than or equal to `port`\n',
    );
    host.fs.write('types.yaml', policy('  policyTypes:\n  - Ingress\n  - Outgress\n'));
    expect(run('kubectl apply -f types.yaml').err).toBe(
      'The NetworkPolicy "bad" is invalid: spec.policyTypes[1]: Unsupported value: "Outgress": supported values: "Ingress", "Egress"\n',
    );
  });

  it('checks ipBlock CIDRs: valid, and each except a strict subset', () => {
    const { run, host } = engineSession(1);
    const block = (cidr: string, except: string) =>
      policy(
        `  ingress:\n  - from:\n    - ipBlock:\n        cidr: ${cidr}\n        except:\n        - ${except}\n`,
      );
    host.fs.write('cidr.yaml', block('10.0.0.0', '10.0.1.0/24'));
    expect(run('kubectl apply -f cidr.yaml').err).toBe(
      'The NetworkPolicy "bad" is invalid: spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)\n',
    );
    host.fs.write('outside.yaml', block('10.0.0.0/16', '192.168.0.0/24'));
    expect(run('kubectl apply -f outside.yaml').err).toBe(
      'The NetworkPolicy "bad" is invalid: spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "192.168.0.0/24": must be a strict subset of `cidr`\n',
    );
    host.fs.write('same.yaml', block('10.0.0.0/16', '10.0.0.0/16'));
    expect(run('kubectl apply -f same.yaml').err).toBe(
      'The NetworkPolicy "bad" is invalid: spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.0.0.0/16": must be a strict subset of `cidr`\n',
    );
    host.fs.write('badexcept.yaml', block('10.0.0.0/16', '10.0.1.0'));
    expect(run('kubectl apply -f badexcept.yaml').err).toBe(
      'The NetworkPolicy "bad" is invalid: spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.0.1.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)\n',
    );
    host.fs.write('ok.yaml', block('10.0.0.0/16', '10.0.3.0/24'));
    expect(run('kubectl apply -f ok.yaml').out).toBe(
      'networkpolicy.networking.k8s.io/bad created\n',
    );
  });
});

describe('NetworkPolicies and the pod network', () => {
  it('are enforced as Calico does: default-deny-all leaves a pod without DNS or connections', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx');
    run('kubectl expose deployment web --port=80');
    run('kubectl run client --image=busybox:1.28 -- sleep 3600');
    const before = run('kubectl exec client -- wget -q -O - -T 2 http://web');
    expect(before.code).toBe(0);
    expect(before.out).toContain('<title>Welcome to nginx!</title>');
    run(`kubectl apply -f ${DOCS}/network-policy-default-deny-all.yaml`);
    expect(run('kubectl exec client -- wget -q -O - -T 2 http://web')).toEqual({
      out: '',
      err: "wget: bad address 'web'\ncommand terminated with exit code 1\n",
      code: 1,
    });
  });
});
