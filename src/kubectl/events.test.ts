/**
 * `kubectl events` on the simulated cluster: `--for` must be TYPE/NAME, `--types` ignores case,
 * the printers kubectl allows (no `wide`), and "No events found" whatever the format.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const session = () => {
  const s = engineSession(3);
  s.run('kubectl run web --image=nginx');
  return s;
};

describe('kubectl events', () => {
  it('--for takes TYPE/NAME only', () => {
    const { run } = session();
    expect(run('kubectl events --for=web')).toEqual({
      out: '',
      err: 'error: --for must be in resource/name form\n',
      code: 1,
    });
    expect(run('kubectl events --for=pod/web/x').err).toBe(
      'error: arguments in resource/name form may not have more than one slash\n',
    );
    expect(run('kubectl events --for=pod/web').out).toMatch(/^LAST SEEN {3}TYPE {5}REASON/);
  });

  it('--types ignores case; other types are refused', () => {
    const { run } = session();
    const normal = run('kubectl events --for=pod/web --types=Normal');
    expect(normal.out).toContain('Normal   Scheduled   Pod/web');
    // The same events (LAST SEEN aside: the clock moves between the two commands).
    const sansAge = (t: string) => t.replace(/^\S+ +/gm, '');
    expect(sansAge(run('kubectl events --for=pod/web --types=normal').out)).toBe(
      sansAge(normal.out),
    );
    expect(run('kubectl events --for=pod/web --types=warning')).toEqual({
      out: '',
      err: 'No events found in default namespace.\n',
      code: 0,
    });
    expect(run('kubectl events --types=bogus').err).toBe(
      'error: valid --types are Normal or Warning\n',
    );
  });

  it('prints with the generic printers only, sorted, and says when there is nothing', () => {
    const { run } = session();
    expect(run('kubectl events -o wide')).toEqual({
      out: '',
      err: 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
      code: 1,
    });
    // The name printer refuses the typed EventList and events.go ignores PrintObj's error: a real
    // kubectl 1.32.5 prints nothing at all, and exits 0.
    expect(run('kubectl events --for=pod/web -o name')).toEqual({ out: '', err: '', code: 0 });
    // Sorted by time: the kubelet's Pulling (lastTimestamp, whole seconds) before the
    // scheduler's Scheduled (eventTime, microseconds) of the same second.
    expect(run('kubectl events --for=pod/web -o jsonpath={.items[0].reason}').out).toBe('Pulling');
    expect(run('kubectl events --for=pod/nope -o yaml')).toEqual({
      out: '',
      err: 'No events found in default namespace.\n',
      code: 0,
    });
  });
});
