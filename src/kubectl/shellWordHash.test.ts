/**
 * bash starts a comment only at the beginning of a word: a `#` inside a word is a character
 * (`--sort-by=.metadata#name`, `sed 's#a#b#'`). shell-quote alone took it for a comment.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('# inside a word', () => {
  it('is a character; at the start of a word it begins a comment, as in bash', () => {
    const { run } = engineSession(1);
    expect(run('echo a#b c #d').out).toBe('a#b c\n');
    expect(run('echo x#y;echo z').out).toBe('x#y\nz\n');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell line, not a template
    expect(run('x=hello; echo ${x#he} ${#x} $# a#').out).toBe('llo 5 0 a#\n');
    expect(run(`echo "a#b" a\\#b #c`).out).toBe('a#b a#b\n');
    expect(run(`echo abc | sed 's#b#X#'`).out).toBe('aXc\n');
    run('kubectl create deployment web --image=nginx');
    // kubectl gets the whole path, as a real shell passes it.
    expect(run('kubectl get pods --sort-by=.metadata#name -o name')).toEqual({
      out: '',
      err: 'error: couldn\'t find any field with path "{.metadata#name}" in the list of objects\n',
      code: 1,
    });
  });
});
