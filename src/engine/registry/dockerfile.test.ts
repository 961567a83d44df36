import { describe, expect, it } from 'vitest';
import { expand, keyValues, parseDockerfile } from './dockerfile.ts';

const names = (source: string) => {
  const r = parseDockerfile(source);
  if (!r.ok) throw new Error(r.message);
  return r.instructions;
};

describe('parseDockerfile (BuildKit parser rules)', () => {
  it('skips comments and blank lines, takes instructions in any case, keeps their text', () => {
    const ins = names('# a comment\n\nfrom nginx\n  Run echo hi   \nCOPY ["a b.html", "/x/"]\n');
    expect(ins.map((i) => [i.name, i.original, i.line])).toEqual([
      ['FROM', 'from nginx', 3],
      ['RUN', 'Run echo hi', 4],
      ['COPY', 'COPY ["a b.html", "/x/"]', 5],
    ]);
    // JSON (exec) form: the array's strings; shell form: the words.
    expect(ins[2]?.args).toEqual(['a b.html', '/x/']);
    expect(ins[2]?.json).toBe(true);
    expect(ins[1]?.json).toBe(false);
  });

  it('joins continuation lines as written (escape removed), dropping comments inside them', () => {
    const [run] = names('RUN apt-get update && \\\n# a note\n    apt-get install -y curl\n');
    expect(run?.original).toBe('RUN apt-get update &&     apt-get install -y curl');
    expect(run?.line).toBe(1);
  });

  it('reads the escape directive and ignores the syntax directive', () => {
    const [, run] = names(
      '# syntax=docker/dockerfile:1\n# escape=`\nFROM nginx\nRUN echo a `\n  b\n',
    );
    expect(run?.original).toBe('RUN echo a   b');
    // After the first instruction a directive is only a comment.
    expect(names('FROM nginx\n# escape=`\nRUN echo \\\n x\n')[1]?.original).toBe('RUN echo  x');
  });

  it('takes leading --flags and refuses unknown ones', () => {
    const [, copy] = names('FROM nginx\nCOPY --from=build --chown=1:1 /out /srv\n');
    expect(copy?.flags).toEqual({ from: 'build', chown: '1:1' });
    expect(copy?.args).toEqual(['/out', '/srv']);
    expect(parseDockerfile('FROM nginx\nCOPY --form=build /out /srv\n')).toEqual({
      ok: false,
      message: 'dockerfile parse error on line 2: unknown flag: form',
    });
  });

  it('suggests the instruction meant, in the case it was typed (BuildKit suggest)', () => {
    const msg = (s: string) => {
      const r = parseDockerfile(s);
      return r.ok ? '' : r.message;
    };
    expect(msg('FORM nginx')).toBe(
      'dockerfile parse error on line 1: unknown instruction: FORM (did you mean FROM?)',
    );
    expect(msg('form nginx')).toBe(
      'dockerfile parse error on line 1: unknown instruction: form (did you mean from?)',
    );
    expect(msg('FROM x\nEXPOSES 80')).toBe(
      'dockerfile parse error on line 2: unknown instruction: EXPOSES (did you mean EXPOSE?)',
    );
    expect(msg('FROM x\nBANANA 80')).toBe(
      'dockerfile parse error on line 2: unknown instruction: BANANA',
    );
  });

  it('checks argument counts with BuildKit’s words', () => {
    const msg = (s: string) => {
      const r = parseDockerfile(s);
      return r.ok ? '' : r.message;
    };
    expect(msg('FROM a b')).toBe(
      'dockerfile parse error on line 1: FROM requires either one or three arguments',
    );
    expect(msg('FROM a AS 1x')).toBe(
      'dockerfile parse error on line 1: invalid name for build stage: "1x", name can\'t start with a number or contain symbols',
    );
    expect(msg('FROM a\nWORKDIR')).toBe(
      'dockerfile parse error on line 2: WORKDIR requires exactly one argument',
    );
    expect(msg('FROM a\nENV')).toBe(
      'dockerfile parse error on line 2: ENV requires at least one argument',
    );
    expect(msg('FROM a\nSHELL /bin/bash -c')).toBe(
      'dockerfile parse error on line 2: SHELL requires the arguments to be in JSON form',
    );
  });
});

describe('ENV/LABEL pairs and variable expansion', () => {
  it('reads KEY=value pairs with quotes, and the legacy KEY value form', () => {
    expect(keyValues('A=1 B="two words" C=\'x y\'')).toEqual([
      ['A', '1'],
      ['B', 'two words'],
      ['C', 'x y'],
    ]);
    expect(keyValues('GREETING hello world')).toEqual([['GREETING', 'hello world']]);
  });

  it('expands $X and the braced forms (plain, :- default, :+ alternative); an escaped dollar stays', () => {
    const vars = new Map([['V', '1.27']]);
    expect(expand('nginx:$V', vars)).toBe('nginx:1.27');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variables
    expect(expand('${V}-${W:-x}-${V:+set}-${W:+no}-\\$V', vars)).toBe('1.27-x-set--$V');
  });
});
