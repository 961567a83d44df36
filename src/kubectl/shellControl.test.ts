/**
 * `kubectl exec … -- sh -c '…'` with the shell's compound commands and tests: if/elif/else/fi,
 * while/until loops that end, `test`, `[ ]`, busybox ash's `[[ ]]` (dash has none), `!`.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('if, test and loops in exec scripts', () => {
  const { run } = engineSession(2);
  run('kubectl run bb --image=busybox -- sleep 3600');
  run('kubectl run web --image=nginx');
  const sh = (pod: string, script: string) => run(`kubectl exec ${pod} -- sh -c '${script}'`);

  it('if/elif/else/fi picks the first branch whose test succeeds', () => {
    expect(sh('bb', 'if [ -e /etc/hostname ]; then echo yes; else echo no; fi').out).toBe('yes\n');
    expect(
      sh(
        'bb',
        'if [ -f /nope ]; then echo file; elif [ -d /tmp ]; then echo tmp is a directory; else echo neither; fi',
      ).out,
    ).toBe('tmp is a directory\n');
    expect(sh('bb', 'if [[ -e /nope ]]; then echo yes; else echo no; fi').out).toBe('no\n');
    expect(sh('bb', 'if true; then if false; then echo x; else echo nested; fi; fi').out).toBe(
      'nested\n',
    );
    // No branch taken: the status of `if` is 0.
    expect(sh('bb', 'if ! test -s /etc/hostname; then echo empty; fi; echo status=$?').out).toBe(
      'status=0\n',
    );
  });

  it('string, integer and file tests; ! negates', () => {
    expect(
      sh('bb', 'test -z "" && echo empty; test -n "$HOSTNAME" && echo "host $HOSTNAME"').out,
    ).toBe('empty\nhost bb\n');
    expect(sh('bb', '[ 3 -gt 2 ] && [ 2 -le 2 ] && [ 1 -ne 2 ] && echo ok || echo bad').out).toBe(
      'ok\n',
    );
    expect(sh('bb', '[ "$HOSTNAME" = bb ] && echo same; [ a != a ] || echo equal').out).toBe(
      'same\nequal\n',
    );
    expect(sh('bb', '! [ -e /nope ] && echo absent').out).toBe('absent\n');
    expect(sh('bb', '[ -e /etc/hostname -a ! -d /etc/hostname ] && echo plain file').out).toBe(
      'plain file\n',
    );
    const r = sh('bb', '[ -f /nope ]');
    expect([r.out, r.err, r.code]).toEqual(['', 'command terminated with exit code 1\n', 1]);
  });

  it('a [ without its ] is an error (exit 2), in busybox ash and in dash', () => {
    const bb = sh('bb', '[ -e /nope');
    expect([bb.out, bb.err]).toEqual(['', 'sh: missing ]\ncommand terminated with exit code 2\n']);
    const web = sh('web', '[ -e /x');
    expect([web.out, web.err]).toEqual([
      '',
      'sh: 1: [: missing ]\ncommand terminated with exit code 2\n',
    ]);
  });

  it('[[ ]] is a builtin of busybox ash, not of dash (the nginx image)', () => {
    expect(sh('bb', '[[ -e /etc/hostname ]] && echo yes').out).toBe('yes\n');
    const r = sh('web', '[[ -e /etc/hostname ]] && echo yes');
    expect([r.out, r.err, r.code]).toEqual([
      '',
      'sh: 1: [[: not found\ncommand terminated with exit code 127\n',
      127,
    ]);
    expect(sh('web', 'if [ -d /usr/share/nginx/html ]; then echo html; fi').out).toBe('html\n');
  });

  it('while and until loops that end run to their end', () => {
    expect(
      sh('bb', 'i=0; while [ $i -lt 3 ]; do echo "round $i"; i=$((i+1)); done; echo end').out,
    ).toBe('round 0\nround 1\nround 2\nend\n');
    expect(
      sh('bb', 'until [ -e /tmp/ready ]; do touch /tmp/ready; echo waiting; done; ls /tmp').out,
    ).toBe('waiting\nready\n');
    expect(
      sh('bb', 'for f in a b; do if [ $f = a ]; then echo "A"; else echo "not a: $f"; fi; done')
        .out,
    ).toBe('A\nnot a: b\n');
  });

  it('break and continue leave the round, or the loop', () => {
    expect(
      sh(
        'bb',
        'i=0; while true; do i=$((i+1)); if [ $i -ge 3 ]; then break; fi; echo $i; done; echo after',
      ).out,
    ).toBe('1\n2\nafter\n');
    expect(sh('bb', 'for x in a b c; do [ $x = b ] && continue; echo $x; done').out).toBe('a\nc\n');
    expect(
      sh(
        'bb',
        'i=0; until false; do i=$((i+1)); [ $i -lt 3 ] && continue; echo "i=$i"; break; done',
      ).out,
    ).toBe('i=3\n');
  });

  it('an endless loop is not something exec can run to its end', () => {
    const r = sh('bb', 'while true; do echo hi; sleep 1; done');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: this console cannot run "sh -c while true;/);
  });
});
