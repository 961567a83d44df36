/**
 * `kubectl events` as a real kubectl 1.32.5 prints a pod's events (bench/kubectlOracle.ts, same
 * cluster): the typed *v1.EventList events.go builds (kind EventList, empty list metadata, each
 * Event in Go struct order for -o json), nothing for -o name, arguments ignored, and an unknown
 * --for type as CheckErr prints a NoResourceMatchError (no `error: `).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function session() {
  const s = engineSession(1);
  s.run('kubectl run once --image=busybox --restart=Never -- echo hello world');
  s.run('sleep 30');
  return s;
}

describe('kubectl events output', () => {
  it('-o json: an EventList, events sorted by time, fields in struct order', () => {
    const { run } = session();
    const r = run('kubectl events --for pod/once -o json');
    expect(r.code).toBe(0);
    expect(
      r.out.startsWith(`{
    "kind": "EventList",
    "apiVersion": "v1",
    "metadata": {},
    "items": [
        {
            "kind": "Event",
            "apiVersion": "v1",
            "metadata": {
                "name": "once.1887fb3b45ce4fc0",
                "namespace": "default",
                "uid": "1df8cf87-37f9-48c6-9225-69dc232935e8",
                "resourceVersion": "257",
                "creationTimestamp": "2026-01-06T00:00:10Z"
            },
            "involvedObject": {
                "kind": "Pod",
                "namespace": "default",
                "name": "once",
                "uid": "14b154c6-7e9a-4c50-ac9f-a453f81e4d6d",
                "apiVersion": "v1",
                "resourceVersion": "256",
                "fieldPath": "spec.containers{once}"
            },
            "reason": "Pulling",
            "message": "Pulling image \\"busybox\\"",
            "source": {
                "component": "kubelet",
                "host": "node3"
            },
            "firstTimestamp": "2026-01-06T00:00:10Z",
            "lastTimestamp": "2026-01-06T00:00:10Z",
            "count": 1,
            "type": "Normal",
            "eventTime": null,
            "reportingComponent": "kubelet",
            "reportingInstance": "node3"
        },
        {
            "kind": "Event",
            "apiVersion": "v1",
            "metadata": {
                "name": "once.1887fb3b1947ff00",
                "namespace": "default",
                "uid": "1a894b2b-ea84-4abe-a4bb-68bd89e40e3f",
                "resourceVersion": "255",
                "creationTimestamp": "2026-01-06T00:00:10Z"
            },
            "involvedObject": {
                "kind": "Pod",
                "namespace": "default",
                "name": "once",
                "uid": "14b154c6-7e9a-4c50-ac9f-a453f81e4d6d",
                "apiVersion": "v1",
                "resourceVersion": "253"
            },
            "reason": "Scheduled",
            "message": "Successfully assigned default/once to node3",
            "source": {},
            "firstTimestamp": null,
            "lastTimestamp": null,
            "type": "Normal",
            "eventTime": "2026-01-06T00:00:10.012000Z",
            "action": "Binding",
            "reportingComponent": "default-scheduler",
            "reportingInstance": "default-scheduler-control-plane"
        },
`),
    ).toBe(true);
    expect(r.out.endsWith('        }\n    ]\n}\n')).toBe(true);
    expect(r.out.match(/"reason": "(\w+)"/g)).toEqual([
      '"reason": "Pulling"',
      '"reason": "Scheduled"',
      '"reason": "Pulled"',
      '"reason": "Created"',
      '"reason": "Started"',
    ]);
  });

  it('-o yaml ends with the typed list: kind EventList, metadata {}', () => {
    const { run } = session();
    expect(
      run('kubectl events --for pod/once -o yaml').out.endsWith(
        '  type: Normal\nkind: EventList\nmetadata: {}\n',
      ),
    ).toBe(true);
    expect(run(`kubectl events --for pod/once -o jsonpath='{.kind} {.metadata}'`).out).toBe(
      'EventList {}',
    );
  });

  it('-o name prints nothing (the name printer refuses a typed list; events.go ignores it)', () => {
    const { run } = session();
    expect(run('kubectl events --for pod/once -o name')).toEqual({ out: '', err: '', code: 0 });
  });

  it('arguments are ignored', () => {
    const { run } = session();
    expect(
      run(`kubectl events a b --for pod/once -o jsonpath='{.kind} {.items[*].reason}'`),
    ).toEqual({ out: 'EventList Pulling Scheduled Pulled Created Started', err: '', code: 0 });
  });

  it('an unknown --for type is the bare NoResourceMatchError text', () => {
    const { run } = session();
    expect(run('kubectl events --for nosuch/x')).toEqual({
      out: '',
      err: 'the server doesn\'t have a resource type "nosuch"\n',
      code: 1,
    });
  });
});
