/**
 * `kubectl get -w` streams a line per watch event after the list, through one tabwriter that
 * remembers its column widths (a wider STATUS widens the column from that line on), the header
 * printed once — with the first row when the list was empty (get.go `watch`, cli-runtime's
 * HumanReadablePrinter.printedHeaders, liggitt/tabwriter RememberWidths).
 */
import { describe, expect, it } from 'vitest';
import { watchStoppedNote } from './commands/getWatch.ts';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl get -w', () => {
  it('prints a new pod going Pending → ContainerCreating → Running, header once, widths kept', () => {
    const { run } = engineSession(3);
    run('kubectl create namespace blue');
    const r = run('kubectl run web --image=nginx -n blue; kubectl get pods -n blue -w');
    expect(r.code).toBe(0);
    expect(r.err).toBe(watchStoppedNote());
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('pod/web created');
    expect(lines[1]).toBe('NAME   READY   STATUS    RESTARTS   AGE');
    // Bound to a node: the second Pending. Then the kubelet's statuses, in a wider column.
    expect(lines.slice(2, 4)).toEqual([
      'web    0/1     Pending   0          0s',
      'web    0/1     Pending   0          0s',
    ]);
    expect(lines).toContain('web    0/1     ContainerCreating   0          0s');
    expect(lines[lines.length - 2]).toMatch(/^web {4}1\/1 {5}Running {13}0 {10}\ds$/);
    expect(lines.filter((l) => l.startsWith('NAME'))).toHaveLength(1);
  });

  it('keeps printing rows after the current list: a scaled-down pod terminates and goes', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx --replicas=2');
    const pods = run('kubectl get pods -o name').out.trim().split('\n');
    const r = run(`kubectl delete ${pods[0]} --wait=false; kubectl get pods -w --no-headers`);
    const name = (pods[0] as string).slice('pod/'.length);
    const rows = r.out.split('\n').filter((l) => l.startsWith(name));
    // The list shows it Terminating. The watch then prints, after the replacement pod's
    // ContainerCreating widened the STATUS column (widths are remembered), the kubelet's last
    // status (nginx quit on SIGQUIT with 0: phase Succeeded, which kubectl shows as the
    // container's reason), the status manager's delete with grace 0 and the DELETED event.
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/^\S+ {3}1\/1 {3}Terminating {3}0 {5}\d+s$/);
    for (const row of rows.slice(1))
      expect(row).toMatch(/^\S+ {3}0\/1 {3}Completed {11}0 {5}\d+s$/);
    expect(r.out).toContain(' ContainerCreating   0 ');
    expect(run('kubectl get pods').out).not.toContain(name);
  });

  it('waits out the grace period of a pod being deleted for its DELETED event', () => {
    const { run } = engineSession(3);
    run('kubectl run s --image=busybox -- sleep 3600');
    const r = run('kubectl delete pod s --wait=false; kubectl get pods -w');
    // sleep ignores SIGTERM: killed after its 30 s grace (137, Error), the pod Failed, and the
    // watch prints that status, the delete with grace 0 and the DELETED event.
    expect(r.out).toMatch(
      /^pod "s" deleted\nNAME {3}READY {3}STATUS {8}RESTARTS {3}AGE\ns {6}1\/1 {5}Terminating {3}0 {10}(\d+)s\n(s {6}0\/1 {5}Error {9}0 {10}(\d+)s\n){3}$/,
    );
    const [, before, after] = /(\d+)s\n.*?(\d+)s\n$/s.exec(r.out) ?? [];
    expect(Number(after) - Number(before)).toBeGreaterThanOrEqual(30);
  });

  it('watches one named object; --watch-only leaves out the state now', () => {
    const { run } = engineSession(3);
    run('kubectl run a --image=nginx');
    const one = run('kubectl run b --image=nginx; kubectl get pod a -w');
    expect(one.out).toBe(
      'pod/b created\nNAME   READY   STATUS    RESTARTS   AGE\na      1/1     Running   0          25s\n',
    );
    const only = run('kubectl run c --image=nginx; kubectl get pods --watch-only -o name');
    expect(only.out.startsWith('pod/c created\npod/c\n')).toBe(true);
    expect(only.out).not.toContain('pod/a');
  });

  it('--request-timeout ends the watch quietly; a bad value is refused first', () => {
    const { run, host } = engineSession(3);
    run('kubectl run a --image=nginx');
    const before = host.nowEpochMs();
    expect(run('kubectl get pods -w --request-timeout=5s')).toEqual({
      out: 'NAME   READY   STATUS    RESTARTS   AGE\na      1/1     Running   0          25s\n',
      err: '',
      code: 0,
    });
    expect(host.nowEpochMs() - before).toBeGreaterThanOrEqual(5000);
    expect(run('kubectl get pods -w --request-timeout=abc')).toEqual({
      out: '',
      err: 'error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n',
      code: 1,
    });
  });

  it('refuses several types or several names, as get.go watch does', () => {
    const { run } = engineSession(3);
    run('kubectl run a --image=nginx');
    run('kubectl run b --image=nginx');
    expect(run('kubectl get pods,deployments -w')).toEqual({
      out: '',
      err: 'error: you may only specify a single resource type\n',
      code: 1,
    });
    expect(run('kubectl get pods a b -w')).toEqual({
      out: '',
      err: 'error: watch is only supported on individual resources and resource collections, but 2 resources were found\n',
      code: 1,
    });
    expect(run('kubectl get pod nope -w')).toEqual({
      out: '',
      err: 'Error from server (NotFound): pods "nope" not found\n',
      code: 1,
    });
  });

  it('-o yaml prints the list and each event as documents of their own, no List', () => {
    const { run } = engineSession(3);
    run('kubectl run a --image=nginx');
    const r = run('kubectl run b --image=nginx; kubectl get pods -w -o yaml');
    expect(r.out).not.toContain('kind: List');
    const docs = r.out.slice('pod/b created\n'.length).split('---\n');
    expect(docs[0]).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n/);
    expect(docs[0]).toContain('\n  name: a\n');
    // b in the list, then b once per change the watch sees (bound, container creating, running).
    expect(docs.filter((d) => d.includes('\n  name: b\n')).length).toBeGreaterThanOrEqual(4);
  });

  it('--output-watch-events adds an EVENT column, or prints {type, object} on one JSON line', () => {
    const { run } = engineSession(3);
    run('kubectl run a --image=nginx');
    const r = run('kubectl run b --image=nginx; kubectl get pods -w --output-watch-events');
    const lines = r.out.split('\n');
    expect(lines.slice(1, 4)).toEqual([
      'EVENT   NAME   READY   STATUS    RESTARTS   AGE',
      'ADDED   a      1/1     Running   0          25s',
      'ADDED   b      0/1     Pending   0          0s',
    ]);
    expect(lines[4]).toBe('MODIFIED   b      0/1     Pending   0          0s');
    const j = run('kubectl get pod a -w --output-watch-events -o json --request-timeout=1s');
    expect(j.out).toMatch(
      /^\{"type":"ADDED","object":\{"apiVersion":"v1","kind":"Pod","metadata":\{/,
    );
    expect(j.out.split('\n')).toHaveLength(2);
  });

  it('kubectl events -w prints the events there are, then each new one, header once', () => {
    const { run } = engineSession(3);
    expect(run('kubectl events -w')).toEqual({
      out: '',
      err: watchStoppedNote('kubectl events'),
      code: 0,
    });
    const r = run('kubectl run a --image=nginx; kubectl events -w --types=Normal');
    const lines = r.out.split('\n');
    expect(lines[1]).toBe('LAST SEEN   TYPE     REASON      OBJECT   MESSAGE');
    expect(lines.filter((l) => l.startsWith('LAST SEEN'))).toHaveLength(1);
    expect(lines).toContain('0s          Normal   Created     Pod/a    Created container a');
    expect(run('kubectl events -w -o yaml').err).toBe(
      'error: watch (-w) with -o is not supported in this console\n',
    );
  });
});
