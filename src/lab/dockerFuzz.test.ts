/**
 * Robustness of the laptop's docker: random Dockerfiles (real instructions, misspelt ones,
 * hostile names such as `__proto__`) built with random flags, and random docker command lines
 * (pull, rmi, tag, images --format/--filter, history, inspect -f, login, logout, prune, push -a …), never make the
 * session throw; output is text, the exit code an integer, and the cluster records no error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLabSession } from './session.ts';

const INSTRUCTIONS = [
  'FROM nginx',
  'FROM nginx:1.27 AS base',
  'FROM base',
  'FROM scratch',
  'FROM nope/never:1',
  'FROM ${BASE}',
  'ARG BASE=redis',
  'ARG __proto__=x',
  'ARG constructor',
  'ENV __proto__=polluted',
  'ENV toString 1',
  'ENV A=1 B="two words"',
  'LABEL "a b"=c',
  'RUN echo hi',
  'RUN ["echo", "json"]',
  'RUN exit 3',
  'RUN false',
  'COPY index.html /usr/share/nginx/html/',
  'COPY --from=base /etc/nginx /etc/nginx',
  'COPY missing.txt /x',
  'ADD . /app',
  'WORKDIR /app',
  'WORKDIR',
  'EXPOSE 80/tcp 443',
  'EXPOSE notaport',
  'CMD ["nginx", "-g", "daemon off;"]',
  'CMD [broken json',
  'ENTRYPOINT echo',
  'USER nobody',
  'VOLUME ["/data"]',
  'HEALTHCHECK CMD curl -f http://localhost/ || exit 1',
  'HEALTHCHECK NONE',
  'STOPSIGNAL SIGTERM',
  'SHELL ["/bin/sh", "-c"]',
  'ONBUILD RUN echo later',
  'MAINTAINER someone',
  'FORM nginx',
  '# a comment',
  '# escape=`',
  '\\',
  'RUN echo a \\',
  '',
];

const DOCKER_WORDS = [
  'docker',
  'build',
  'push',
  'pull',
  'images',
  'image',
  'ls',
  'rm',
  'rmi',
  'prune',
  'tag',
  'history',
  'inspect',
  '--no-trunc',
  '-H=false',
  '--type',
  '{{json .Config}}',
  '{{.Config.Cmd}}',
  'login',
  'logout',
  'version',
  'info',
  'system',
  'help',
  'run',
  'nginx',
  'nginx:1.27',
  'redis',
  'learner/web',
  'learner/web:1',
  'statssy/web',
  'Web',
  'nope:latest',
  'sha256:',
  '.',
  '-',
  '-t',
  '-f',
  '-q',
  '-a',
  '-h',
  '--help',
  '--no-cache',
  '--pull',
  '--target',
  'base',
  '--build-arg',
  'BASE=busybox',
  '__proto__=1',
  '--filter',
  'dangling=true',
  'reference=learner/*',
  'bogus=1',
  '--format',
  '{{.Repository}}',
  '{{json .}}',
  '{{.Nope}}',
  '{{',
  'table {{.ID}}\t{{.Size}}',
  '-u',
  'learner',
  '-p',
  'x',
  '--password-stdin',
  '--all-tags',
  '-x',
  '|',
  '&&',
  ';',
  '>',
  'out.txt',
  '2>&1',
];

const dockerfile = fc
  .array(
    fc.oneof(
      // Mostly instructions, so a build gets past its first lines; sometimes noise.
      { arbitrary: fc.constantFrom(...INSTRUCTIONS), weight: 6 },
      { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
    ),
    { maxLength: 8 },
  )
  .map((lines) => lines.join('\n'));

const dockerLine = fc
  .array(fc.constantFrom(...DOCKER_WORDS), { minLength: 1, maxLength: 7 })
  .map((w) => (w[0] === 'docker' ? w : ['docker', ...w]).join(' '));

describe('docker fuzz', () => {
  it('random Dockerfiles and docker lines never throw; output is text; the cluster stays sound', () => {
    const lab = createLabSession();
    fc.assert(
      fc.property(dockerfile, fc.array(dockerLine, { minLength: 1, maxLength: 4 }), (df, lines) => {
        expect(lab.writeFile('Dockerfile', df).ok).toBe(true);
        for (const l of ['docker build -t learner/fuzz .', ...lines]) {
          const before = lab.cluster.messages.length;
          const r = lab.run(l);
          expect(typeof r.stdout).toBe('string');
          expect(typeof r.stderr).toBe('string');
          expect(Number.isInteger(r.exitCode)).toBe(true);
          expect(`${r.stdout}${r.stderr}`).not.toMatch(
            /internal error|TypeError|undefined is not|\[object Object\]|NaN/i,
          );
          expect(lab.cluster.messages.length).toBeGreaterThanOrEqual(before);
          expect(lab.cluster.errors).toEqual([]);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
    // Nothing leaked into the prototypes the Dockerfiles named.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString.call([])).toBe('[object Array]');
    expect(() => lab.state()).not.toThrow();
  });
});
