/**
 * bash's arithmetic in the console: `$((…))` with every C operator, `((…))` commands, `let`, and
 * the arithmetic `for ((i=0; i<3; i++))` loop, with bash's error texts.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('arithmetic in the console', () => {
  it('$((…)) knows powers, comparisons, shifts, ?:, bases and assignments', () => {
    const { run } = engineSession(3);
    expect(
      run('echo $((2**10)) $((5>3)) $((3<=2)) $((1<<4)) $((7>>1)) $((6&3)) $((6|3))').out,
    ).toBe('1024 1 0 16 3 2 7\n');
    expect(
      run('echo $((10/3)) $((-7%3)) $((1?5:6)) $((!0)) $((~0)) $((0x10 + 010 + 2#101))').out,
    ).toBe('3 -1 5 1 -1 29\n');
    expect(run('echo $((x=4)) $x $((x++)) $x $((++x)) $((x+=10)) $((x*=2)) $x').out).toBe(
      '4 4 4 5 6 16 32 32\n',
    );
    // && and ?: do not evaluate the side they skip.
    expect(run('y=1; echo $((0 && (y=5))) $((1 ? 2 : (y=9))) $y').out).toBe('0 2 1\n');
    expect(run('echo $(( $(seq 3 | wc -l) + 1 ))').out).toBe('4\n');
    // A variable holding an expression is evaluated.
    expect(run('e="2*3"; echo $((e+1))').out).toBe('7\n');
  });

  it('reads << inside $((…)) as a shift, not a here-document', () => {
    const { run } = engineSession(3);
    expect(run('echo $((1<<4))')).toEqual({ out: '16\n', err: '', code: 0 });
  });

  it("prints bash's errors and stops the line", () => {
    const { run } = engineSession(3);
    expect(run('echo $((1/0)); echo after')).toEqual({
      out: '',
      err: 'bash: 1/0: division by 0 (error token is "0")\n',
      code: 1,
    });
    expect(run('echo $((5 + ))').err).toBe(
      'bash: 5 + : syntax error: operand expected (error token is "+ ")\n',
    );
    expect(run('(( 1/0 ))')).toEqual({
      out: '',
      err: 'bash: ((: 1/0 : division by 0 (error token is "0 ")\n',
      code: 1,
    });
  });

  it('((…)) succeeds when the value is not 0, and sets variables', () => {
    const { run } = engineSession(3);
    expect(run('((n=3)); echo $n; (( n > 2 )) && echo big; ((n == 0)) || echo nonzero').out).toBe(
      '3\nbig\nnonzero\n',
    );
    expect(run('(( 0 )); echo $?').out).toBe('1\n');
    expect(run('i=0; while (( i < 3 )); do echo $i; ((i++)); done').out).toBe('0\n1\n2\n');
  });

  it('let evaluates each argument; its status follows the last value', () => {
    const { run } = engineSession(3);
    expect(run('let x=5+1 y=x*2; echo $x $y').out).toBe('6 12\n');
    expect(run('let 0; echo $?').out).toBe('1\n');
    expect(run('let')).toEqual({ out: '', err: 'bash: let: expression expected\n', code: 1 });
  });

  it('for ((init; cond; step)) loops like C', () => {
    const { run } = engineSession(3);
    expect(run('for ((i=0; i<3; i++)); do echo $i; done')).toEqual({
      out: '0\n1\n2\n',
      err: '',
      code: 0,
    });
    expect(run('for((i=3;i>0;i--)); do echo -n "$i "; done; echo; echo $i').out).toBe(
      '3 2 1 \n0\n',
    );
    expect(run('for ((i=0; i<10; i++)); do [ $i -eq 2 ] && break; echo $i; done').out).toBe(
      '0\n1\n',
    );
    expect(run('for ((i=0; i<2; i++))\ndo\n  echo round $i\ndone').out).toBe('round 0\nround 1\n');
    // An endless one stops at the console's limit.
    expect(run('for ((;;)); do :; done').err).toBe(
      "bash: the loop stopped after 1000 rounds (this console's limit: a terminal would go on until Ctrl-C)\n",
    );
  });
});
