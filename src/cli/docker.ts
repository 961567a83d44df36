/**
 * The developer's `docker` command on the laptop: its subcommands and errors. `docker build`
 * is in dockerBuild.ts, `docker images` and `docker tag` in dockerLocal.ts; `docker push`
 * goes through the engine's registry (cluster.docker).
 */
import type { Cluster } from '../engine/index.ts';
import type { RunResult } from '../kubectl/index.ts';
import type { Workspace } from '../kubectl/workspace.ts';
import { dockerBuild } from './dockerBuild.ts';
import { dockerImages, dockerTag } from './dockerLocal.ts';

/**
 * Where a docker command runs: the laptop's files and working directory (the console's), and
 * what is piped to it. Absent for the guided story and scenarios, which have no workspace.
 */
export interface DockerEnv {
  fs?: Workspace;
  /** Absolute working directory (the console's `cd`); the home directory when absent. */
  cwd?: string;
  stdin?: string;
}

const ok = (stdout = ''): RunResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): RunResult => ({ stdout: '', stderr, exitCode });

export function runDocker(cluster: Cluster, args: string[], env: DockerEnv = {}): RunResult {
  const [sub, ...rest] = args;
  if (sub === 'build') return dockerBuild(cluster, rest, env);
  if (sub === 'push') {
    if (rest.length !== 1) {
      return fail(
        `"docker push" requires exactly 1 argument.\nSee 'docker push --help'.\n\nUsage:  docker push [OPTIONS] NAME[:TAG]\n\nUpload an image to a registry\n`,
      );
    }
    const res = cluster.docker.push(rest[0] as string);
    const text = `${res.lines.join('\n')}\n`;
    return res.ok ? ok(text) : fail(text);
  }
  if (sub === 'images') return dockerImages(cluster, rest, 'docker images');
  if (sub === 'image' && (rest[0] === 'ls' || rest[0] === 'list'))
    return dockerImages(cluster, rest.slice(1), `docker image ${rest[0]}`);
  if (sub === 'tag') return dockerTag(cluster, rest, 'docker tag');
  if (sub === 'image' && rest[0] === 'tag')
    return dockerTag(cluster, rest.slice(1), 'docker image tag');
  return fail(
    `docker: '${sub ?? ''}' is not a docker command in this simulation (try: docker build -t NAME . / docker push NAME / docker images / docker tag SOURCE TARGET).\n`,
  );
}
