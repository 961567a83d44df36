/**
 * `docker build` on the developer's laptop: the image is made by the engine's registry
 * (cluster.docker.build), as the legacy builder reports it.
 */
import type { Cluster } from '../engine/index.ts';
import type { RunResult } from '../kubectl/index.ts';
import type { DockerEnv } from './docker.ts';

const ok = (stdout = ''): RunResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): RunResult => ({ stdout: '', stderr, exitCode });

/** `docker build [OPTIONS] PATH` (`rest`: the words after `build`). */
export function dockerBuild(cluster: Cluster, rest: string[], _env: DockerEnv = {}): RunResult {
  let tag: string | undefined;
  let context: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a === '-t' || a === '--tag') tag = rest[++i];
    else if (a.startsWith('--tag=')) tag = a.slice('--tag='.length);
    else if (a.startsWith('-t') && a.length > 2) tag = a.slice(2);
    else if (!a.startsWith('-')) context = a;
    else return fail(`unknown flag: ${a}\nSee 'docker build --help'.\n`, 125);
  }
  if (context === undefined) {
    return fail(
      `"docker build" requires exactly 1 argument.\nSee 'docker build --help'.\n\nUsage:  docker build [OPTIONS] PATH | URL | -\n\nBuild an image from a Dockerfile\n`,
    );
  }
  if (!tag)
    return fail('error: this simulation needs a name for the image: docker build -t NAME .\n');
  const img = cluster.docker.build(tag);
  if (!img) {
    return fail(`ERROR: invalid tag "${tag}": repository name must be lowercase\n`);
  }
  return ok(
    // The legacy builder's lines; the tag in its familiar form (docker.io/[library/] left out).
    `Successfully built ${img.id}\nSuccessfully tagged ${img.ref.replace(/^docker\.io\/(library\/)?/, '')}\n`,
  );
}
