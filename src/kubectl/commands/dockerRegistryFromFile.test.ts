/**
 * `create secret docker-registry --from-file`: a source without a key name is keyed
 * `.dockerconfigjson` (so two unnamed files clash and a directory is refused); a named one keeps
 * its name. Outputs as kubectl 1.32.5 prints them.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

const line = (flags: string) =>
  `kubectl create secret docker-registry r ${flags} --dry-run=client -o jsonpath='{.data}'`;

describe('create secret docker-registry --from-file', () => {
  it('keys an unnamed file .dockerconfigjson and a named one by its name', () => {
    const { run, host } = engineSession(3);
    host.fs.write('cfg.json', '{"auths":{}}');
    expect(run(line('--from-file=cfg.json')).out).toBe('{".dockerconfigjson":"eyJhdXRocyI6e319"}');
    expect(run(line('--from-file=k=cfg.json')).out).toBe('{"k":"eyJhdXRocyI6e319"}');
  });

  it('refuses two unnamed files and a directory', () => {
    const { run, host } = engineSession(3);
    host.fs.write('dd/a.json', '{"auths":{}}');
    host.fs.write('dd/b', 'x');
    const clash = {
      out: '',
      err: 'error: cannot add key .dockerconfigjson, another key by that name already exists\n',
      code: 1,
    };
    expect(run(line('--from-file=dd/a.json --from-file=dd/b'))).toEqual(clash);
    expect(run(line('--from-file=dd/a.json,dd/b'))).toEqual(clash);
    expect(run(line('--from-file=dd'))).toEqual({
      out: '',
      err: 'error: cannot give a key name for a directory path\n',
      code: 1,
    });
  });
});
