/**
 * `kubectl replace --force` and its delete flags, as kubectl 1.32.5 checks and prints them:
 * ReplaceOptions.Validate wants --force for --grace-period and --timeout and refuses it with a dry
 * run; the delete is printed by DeleteOptions.PrintObj, whose Output is replace's -o (only
 * `-o name`, exactly, turns `configmap "x" deleted` into `configmap/x`).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n';

describe('kubectl replace --force', () => {
  it('prints the delete as -o name asks', () => {
    const { run, host } = engineSession();
    host.fs.write('x.yaml', CM);
    run('kubectl create -f x.yaml');
    expect(run('kubectl replace --force -f x.yaml -o name')).toEqual({
      out: 'configmap/x\nconfigmap/x\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl replace --force -f x.yaml -o NAME')).toEqual({
      out: 'configmap "x" deleted\nconfigmap/x\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl replace --force -f x.yaml').out).toBe(
      'configmap "x" deleted\nconfigmap/x replaced\n',
    );
  });

  it('checks the delete flags against --force and --dry-run', () => {
    const { run, host } = engineSession();
    host.fs.write('x.yaml', CM);
    const fail = (err: string) => ({ out: '', err: `error: ${err}\n`, code: 1 });
    expect(run('kubectl replace --grace-period=1 -f x.yaml')).toEqual(
      fail('--grace-period must have --force specified'),
    );
    expect(run('kubectl replace --timeout=1s -f x.yaml')).toEqual(
      fail('--timeout must have --force specified'),
    );
    expect(run('kubectl replace --force --dry-run=client -f x.yaml')).toEqual(
      fail('--dry-run can not be used when --force is set'),
    );
    expect(run('kubectl replace --dry-run=server --force --grace-period=3 -f x.yaml')).toEqual(
      fail('--dry-run can not be used when --force is set'),
    );
    // The files are asked for first, and the printer and dry-run value before these checks.
    expect(run('kubectl replace --force --dry-run=client')).toEqual(
      fail('must specify one of -f and -k'),
    );
    expect(run('kubectl replace --dry-run=bad --force -f x.yaml')).toEqual(
      fail('Invalid dry-run value (bad). Must be "none", "server", or "client".'),
    );
  });
});
