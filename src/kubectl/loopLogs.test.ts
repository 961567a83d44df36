/**
 * Container loops that read files as time goes by: the docs' "Updating configuration via a
 * ConfigMap" Deployment and "Expose Pod Information to Containers Through Files" pod, verbatim.
 * Each round logs the file as it is at that round; a ConfigMap edit reaches a whole-volume mount
 * at the kubelet's next periodic sync of the pod (every 60 s from the pod's start), a label edit
 * at once (the pod update makes the kubelet sync the pod).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const CONFIGMAP_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: configmap-volume
  labels:
    app.kubernetes.io/name: configmap-volume
spec:
  replicas: 3
  selector:
    matchLabels:
      app.kubernetes.io/name: configmap-volume
  template:
    metadata:
      labels:
        app.kubernetes.io/name: configmap-volume
    spec:
      containers:
        - name: alpine
          image: alpine:3
          command:
            - /bin/sh
            - -c
            - while true; do echo "$(date) My preferred sport is $(cat /etc/config/sport)";
              sleep 10; done;
          ports:
            - containerPort: 80
          volumeMounts:
            - name: config-volume
              mountPath: /etc/config
      volumes:
        - name: config-volume
          configMap:
            name: sport
`;

const DAPI_POD = `apiVersion: v1
kind: Pod
metadata:
  name: kubernetes-downwardapi-volume-example
  labels:
    zone: us-est-coast
    cluster: test-cluster1
    rack: rack-22
  annotations:
    build: two
    builder: john-doe
spec:
  containers:
    - name: client-container
      image: registry.k8s.io/busybox:1.27.2
      command: ["sh", "-c"]
      args:
      - while true; do
          if [[ -e /etc/podinfo/labels ]]; then
            echo -en '\\n\\n'; cat /etc/podinfo/labels; fi;
          if [[ -e /etc/podinfo/annotations ]]; then
            echo -en '\\n\\n'; cat /etc/podinfo/annotations; fi;
          sleep 5;
        done;
      volumeMounts:
        - name: podinfo
          mountPath: /etc/podinfo
  volumes:
    - name: podinfo
      downwardAPI:
        items:
          - path: "labels"
            fieldRef:
              fieldPath: metadata.labels
          - path: "annotations"
            fieldRef:
              fieldPath: metadata.annotations
`;

/** `date`'s output at epoch ms `ms` (busybox and alpine, UTC). */
function dateAt(ms: number): string {
  const d = new Date(ms);
  const day = 'Sun Mon Tue Wed Thu Fri Sat'.split(' ')[d.getUTCDay()];
  const month = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')[d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${day} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

describe('a loop that cats a ConfigMap file (docs: Updating configuration via a ConfigMap)', () => {
  it('logs a line every 10 s; the edit shows at the next pod sync, in the log and to exec alike', () => {
    const { run, host } = engineSession(3);
    run('kubectl create configmap sport --from-literal=sport=football');
    host.fs.write('configmap-volume.yaml', CONFIGMAP_DEPLOYMENT);
    expect(run('kubectl apply -f configmap-volume.yaml').out).toBe(
      'deployment.apps/configmap-volume created\n',
    );
    run('sleep 25');
    const pod = run(
      `kubectl get pods -l app.kubernetes.io/name=configmap-volume -o jsonpath='{.items[0].metadata.name}'`,
    ).out;
    const jsonpath = (path: string) => run(`kubectl get pod ${pod} -o jsonpath='{${path}}'`).out;
    const started = Date.parse(jsonpath('.status.containerStatuses[0].state.running.startedAt'));
    const podStart = Date.parse(jsonpath('.status.startTime'));
    const expected = (from: number, to: number, sport: (at: number) => string) => {
      let out = '';
      for (let at = started; at <= to; at += 10_000) {
        if (at >= from) out += `${dateAt(at)} My preferred sport is ${sport(at)}\n`;
      }
      return out;
    };
    // (Each console line lets the cluster settle afterwards: read the clock before.)
    let now = host.nowEpochMs();
    const first = run(`kubectl logs ${pod}`).out;
    expect(first).toBe(expected(started, now, () => 'football'));
    expect(first.split('\n')[0]).toMatch(
      /^Tue Jan {2}6 00:0\d:\d\d UTC 2026 My preferred sport is football$/,
    );

    expect(run(`kubectl patch configmap sport -p '{"data":{"sport":"cricket"}}'`).out).toBe(
      'configmap/sport patched\n',
    );
    const edited = host.nowEpochMs();
    // The kubelet rewrites the volume at its next periodic sync of the pod.
    const synced = podStart + Math.ceil((edited - podStart) / 60_000) * 60_000;
    expect(synced).toBeGreaterThan(edited);
    expect(run(`kubectl exec ${pod} -- cat /etc/config/sport`).out).toBe('football');
    run('sleep 90');
    expect(run(`kubectl exec ${pod} -- cat /etc/config/sport`).out).toBe('cricket');
    const sport = (at: number) => (at >= synced ? 'cricket' : 'football');
    now = host.nowEpochMs();
    const log = run(`kubectl logs ${pod}`).out;
    expect(log).toBe(expected(started, now, sport));
    expect(log).toContain('My preferred sport is football\n');
    expect(log).toContain('My preferred sport is cricket\n');
    // --tail counts the last lines; each Deployment pod logs the same way.
    now = host.nowEpochMs();
    expect(run(`kubectl logs ${pod} --tail=2`).out).toBe(
      expected(started, now, sport).split('\n').slice(-3).join('\n'),
    );
    expect(run('kubectl logs deployments/configmap-volume --tail=1').out).toMatch(
      /^Tue Jan {2}6 00:0\d:\d\d UTC 2026 My preferred sport is cricket\n$/,
    );
    // The environment would keep the old value; the files of the mount follow the syncs.
    expect(run(`kubectl exec ${pod} -- ls /etc/config`).out).toBe('sport\n');
  });

  it('`while true; do cat /etc/hostname; sleep 10; done` logs the pod name every 10 s', () => {
    const { run } = engineSession(3);
    run(
      `kubectl run c1 --image=busybox -- sh -c 'while true; do cat /etc/hostname; sleep 10; done'`,
    );
    run('sleep 20');
    const log = run('kubectl logs c1').out;
    expect(log).toMatch(/^(c1\n){3,}$/);
    expect(run('kubectl logs c1 --tail=1').out).toBe('c1\n');
  });
});

describe('a loop that tests for a file another process writes', () => {
  it('sees a file written by kubectl exec from the round after the write', () => {
    const { run, host } = engineSession(3);
    run(
      `kubectl run r --image=busybox -- sh -c 'while true; do if [ -f /tmp/msg ]; then cat /tmp/msg; else echo "no message"; fi; sleep 10; done'`,
    );
    run('sleep 20');
    expect(run('kubectl logs r').out).toMatch(/^(no message\n){3,}$/);
    const wrote = host.nowEpochMs();
    run(`kubectl exec r -- sh -c 'echo hello > /tmp/msg'`);
    run('sleep 20');
    const log = run('kubectl logs r --timestamps').out.trim().split('\n');
    const at = (line: string) => Date.parse(line.split(' ')[0] ?? '');
    expect(log.filter((l) => at(l) < wrote).every((l) => l.endsWith(' no message'))).toBe(true);
    expect(log.filter((l) => at(l) > wrote).every((l) => l.endsWith(' hello'))).toBe(true);
    expect(log.at(-1)).toMatch(/Z hello$/);
  });
});

describe('a Secret volume', () => {
  it('shows an edit at the next sync of the pod, like a ConfigMap volume', () => {
    const { run, host } = engineSession(3);
    run('kubectl create secret generic s --from-literal=pw=one');
    run(
      `kubectl run sp --image=busybox --overrides='{"spec":{"volumes":[{"name":"s","secret":{"secretName":"s"}}],"containers":[{"name":"sp","image":"busybox","command":["sleep","3600"],"volumeMounts":[{"name":"s","mountPath":"/etc/s"}]}]}}'`,
    );
    const podStart = Date.parse(run(`kubectl get pod sp -o jsonpath='{.status.startTime}'`).out);
    run(`kubectl patch secret s -p '{"stringData":{"pw":"two"}}'`);
    const synced = podStart + Math.ceil((host.nowEpochMs() - podStart) / 60_000) * 60_000;
    expect(run('kubectl exec sp -- cat /etc/s/pw').out).toBe('one');
    run(`sleep ${Math.ceil((synced - host.nowEpochMs()) / 1000) + 1}`);
    expect(run('kubectl exec sp -- cat /etc/s/pw').out).toBe('two');
  });
});

describe('a pod update', () => {
  it('makes the kubelet sync the pod: an annotation brings a ConfigMap edit in at once', () => {
    const { run, host } = engineSession(3);
    run('kubectl create configmap app --from-literal=color=blue');
    run(
      `kubectl run cp --image=busybox --overrides='{"spec":{"volumes":[{"name":"c","configMap":{"name":"app"}}],"containers":[{"name":"cp","image":"busybox","command":["sleep","3600"],"volumeMounts":[{"name":"c","mountPath":"/cfg"}]}]}}'`,
    );
    // Edit the ConfigMap just after a periodic sync: the next is a minute away.
    const podStart = Date.parse(run(`kubectl get pod cp -o jsonpath='{.status.startTime}'`).out);
    const next = podStart + Math.ceil((host.nowEpochMs() - podStart) / 60_000) * 60_000;
    // (Each console line lets the cluster settle for 15 s afterwards.)
    run(`sleep ${(next - host.nowEpochMs()) / 1000 - 14}`);
    expect(host.nowEpochMs() - next).toBeGreaterThan(0);
    expect(host.nowEpochMs() - next).toBeLessThan(5_000);
    run(`kubectl patch configmap app -p '{"data":{"color":"green"}}'`);
    expect(run('kubectl exec cp -- cat /cfg/color').out).toBe('blue');
    run('kubectl annotate pod cp refresh=1');
    // Still before the next periodic sync.
    expect(host.nowEpochMs() - next).toBeLessThan(60_000);
    expect(run('kubectl exec cp -- cat /cfg/color').out).toBe('green');
  });
});

describe('a loop that appends what it reads to a file', () => {
  it('kubectl exec reads the lines its rounds wrote by now', () => {
    const { run } = engineSession(3);
    run('kubectl create configmap app --from-literal=color=blue');
    run(
      `kubectl run a --image=busybox --overrides='{"spec":{"volumes":[{"name":"c","configMap":{"name":"app"}}],"containers":[{"name":"a","image":"busybox","command":["sh","-c","while true; do echo \\"color $(cat /cfg/color)\\" >> /tmp/out.log; sleep 5; done"],"volumeMounts":[{"name":"c","mountPath":"/cfg"}]}]}}'`,
    );
    run('sleep 12');
    expect(run('kubectl exec a -- cat /tmp/out.log').out).toMatch(/^(color blue\n){3,}$/);
    expect(run('kubectl exec a -- tail -n 1 /tmp/out.log').out).toBe('color blue\n');
    expect(run('kubectl logs a').out).toBe('');
  });
});

describe('a loop that stops when told', () => {
  it('break at a file an exec made: the rounds after it log nothing', () => {
    const { run } = engineSession(3);
    run(
      `kubectl run w --image=busybox -- sh -c 'while true; do if [ -e /tmp/stop ]; then echo stopping; break; fi; echo working; sleep 10; done; sleep 3600'`,
    );
    run('sleep 20');
    run('kubectl exec w -- touch /tmp/stop');
    run('sleep 30');
    expect(run('kubectl logs w').out).toMatch(/^(working\n){3,}stopping\n$/);
    expect(run('kubectl logs w --tail=1').out).toBe('stopping\n');
  });
});

describe('the downward API volume pod (docs: Expose Pod Information Through Files)', () => {
  it('logs two blank lines and the labels, two blank lines and the annotations, every 5 s', () => {
    const { run, host } = engineSession(3);
    host.fs.write('dapi-volume.yaml', DAPI_POD);
    expect(run('kubectl apply -f dapi-volume.yaml').out).toBe(
      'pod/kubernetes-downwardapi-volume-example created\n',
    );
    run('sleep 12');
    const name = 'kubernetes-downwardapi-volume-example';
    const labels = run(`kubectl exec ${name} -- cat /etc/podinfo/labels`).out;
    expect(labels).toBe('cluster="test-cluster1"\nrack="rack-22"\nzone="us-est-coast"');
    const annotations = run(`kubectl exec ${name} -- cat /etc/podinfo/annotations`).out;
    expect(annotations).toMatch(
      /^build="two"\nbuilder="john-doe"\nkubectl\.kubernetes\.io\/last-applied-configuration="\{\\"apiVersion\\":\\"v1\\",.*\}\\n"\nkubernetes\.io\/config\.seen="2026-01-06T00:0\d:\d\dZ"\nkubernetes\.io\/config\.source="api"$/,
    );
    const started = Date.parse(
      run(
        `kubectl get pod ${name} -o jsonpath='{.status.containerStatuses[0].state.running.startedAt}'`,
      ).out,
    );
    const rounds = Math.floor((host.nowEpochMs() - started) / 5000) + 1;
    const round = `\n\n${labels}\n\n${annotations}`;
    const all = round.repeat(rounds);
    // The last line has no newline yet: the runtime logs a line once it is complete.
    const log = run(`kubectl logs ${name}`).out;
    expect(log).toBe(all.slice(0, all.lastIndexOf('\n') + 1));
    expect(
      log.startsWith(
        '\n\ncluster="test-cluster1"\nrack="rack-22"\nzone="us-est-coast"\n\nbuild="two"\nbuilder="john-doe"\n',
      ),
    ).toBe(true);

    // A new label reaches the file with the pod update's sync, and the next round logs it.
    run(`kubectl label pod ${name} zone=us-west --overwrite`);
    run('sleep 10');
    expect(run(`kubectl exec ${name} -- cat /etc/podinfo/labels`).out).toBe(
      'cluster="test-cluster1"\nrack="rack-22"\nzone="us-west"',
    );
    const tail = run(`kubectl logs ${name} --tail=7`).out;
    expect(tail).toContain('\nzone="us-west"\n\nbuild="two"\n');
    expect(tail).not.toContain('zone="us-est-coast"');
  });
});
