/**
 * What the real docker 28.2.2 client prints without a daemon, for the laptop's `docker` tests:
 * `npx tsx bench/dockerClient.ts [--docker /usr/local/bin/docker] [OUT]` runs each case below
 * and writes `{ args, stdout, stderr, exit }` rows to OUT (default
 * src/cli/testdata/docker-client.json). Only client-side behaviour is captured (help, usage and
 * flag errors, `--version`): nothing here reaches a daemon or the network. HOME is the lab's
 * home directory (the global options' defaults name it) and DOCKER_HOST a socket that does not
 * exist, so no real daemon can answer. Every case runs in HOME, which this script fills with
 * the lab's starter project (Dockerfile, index.html) first: `docker build`'s client checks the
 * context and the Dockerfile there, and names their absolute paths in its errors.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STARTER_FILES } from '../src/engine/registry/starter.ts';

const argv = process.argv.slice(2);
let docker = '/usr/local/bin/docker';
const at = argv.indexOf('--docker');
if (at >= 0) {
  docker = argv[at + 1] ?? docker;
  argv.splice(at, 2);
}
const out = argv[0] ?? 'src/cli/testdata/docker-client.json';

/** Each case is one command line's words after `docker`. */
const CASES: string[][] = [
  [],
  ['--help'],
  ['-h'],
  ['help'],
  ['-D'],
  ['--version'],
  ['-v'],
  ['help', 'help'],
  ['help', 'nope'],
  ['help', 'image', 'nope'],
  ['foo'],
  ['compose', 'up'],
  ['buildx', 'build', '.'],
  ['-D', 'foo'],
  ['--foo'],
  ['--foo', 'push'],
  ['-x'],
  ['-l'],
  ['image'],
  ['image', '--help'],
  ['help', 'image'],
  ['image', 'nope'],
  ['image', 'help'],
  ['image', '--foo'],
  ['image', '-q'],
  ['image', 'lss'],
  ['pul', 'nginx'],
  ['system'],
  ['system', '--help'],
  ['help', 'system'],
  ['system', 'nope'],
  ['system', '-x'],
  // Help of every command the laptop models, through each way of asking.
  ...[
    'build',
    'image build',
    'push',
    'image push',
    'pull',
    'image pull',
    'images',
    'image ls',
    'image list',
    'tag',
    'image tag',
    'login',
    'logout',
    'rmi',
    'image rm',
    'image remove',
    'image prune',
    'inspect',
    'image inspect',
    'history',
    'image history',
    'version',
    'info',
    'system info',
  ].flatMap((c) => {
    const w = c.split(' ');
    return [
      [...w, '--help'],
      [...w, '-h'],
      ['help', ...w],
    ];
  }),
  ['push', '-qh'],
  ['image', '-h'],
  ['-h', 'push'],
  ['--help', 'push'],
  ['-D', '-h'],
  ['images', '-D'],
  // The client's part of what needs the daemon (its error on stderr is not compared).
  ['version'],
  ['info'],
  ['--log-level', 'debug', 'version', '--help'],
  // Argument counts.
  ['push'],
  ['push', 'a', 'b'],
  ['image', 'push'],
  ['pull'],
  ['pull', 'a', 'b'],
  ['image', 'pull'],
  ['tag', 'a'],
  ['image', 'tag', 'a', 'b', 'c'],
  ['images', 'a', 'b'],
  ['image', 'ls', 'a', 'b'],
  ['images', '-q', '-q', 'a', 'b', 'c'],
  ['rmi'],
  ['image', 'rm'],
  ['login', 'a', 'b'],
  ['logout', 'a', 'b'],
  ['version', 'x'],
  ['info', 'x'],
  ['inspect'],
  ['image', 'inspect'],
  ['build'],
  // Flags.
  ['push', '--x'],
  ['push', '--x', '--help'],
  ['push', '--help', '--x'],
  ['push', '-z', 'a'],
  ['pull', '--x', 'a'],
  ['pull', '--platform'],
  ['pull', '--platform=linux/amd64'],
  ['login', '-u'],
  ['login', '--x'],
  ['login', '--password-stdin'],
  ['logout', '--x'],
  ['tag', '--x', 'a', 'b'],
  ['images', '--foo'],
  ['images', '-f', 'foo'],
  ['image', 'ls', '--filter=dangling'],
  ['images', '--format'],
  ['image', 'ls', '-z'],
  ['rmi', '--y', 'a'],
  ['image', 'prune', 'a'],
  ['image', 'prune', '-x'],
  ['version', '--x'],
  ['info', '-z'],
  ['inspect', '--nope', 'a'],
  ['inspect', '-f'],
  ['inspect', '--type', 'x'],
  ['image', 'inspect', '-z', 'a'],
  ['history'],
  ['image', 'history'],
  ['history', 'a', 'b'],
  ['history', '--nope', 'a'],
  ['history', '-x', 'a'],
  ['history', '--format'],
  ['image', 'history', '-q', '-z'],
  // docker build's client: arguments, flags, the context and the Dockerfile (in HOME).
  ['build', 'a', 'b'],
  ['build', '-q'],
  ['image', 'build'],
  ['build', '--foo', '.'],
  ['image', 'build', '--foo', '.'],
  ['build', '-x', '.'],
  ['build', '-t'],
  ['build', '--file'],
  ['build', '--target'],
  ['build', '--help', '--foo'],
  ['build', '--help', 'a', 'b'],
  ['build', '-qh'],
  ['build', '--pull=maybe', '.'],
  ['build', '-t', 'Web', '.'],
  ['build', '-t', 'x:Y:z', '.'],
  ['build', './nope'],
  ['build', '-f', 'nope', '.'],
  ['build', 'index.html'],
  ['build', '-', '-f', '-'],
  // Needs the daemon (not compared: the real client could only send the context).
  ['build', '.'],
  // Client-side reference checks (before any daemon is asked).
  ['pull', 'Nope'],
  ['pull', 'nginx@sha256:abc'],
  ['tag', 'a', 'B'],
];

const home = '/home/learner';
mkdirSync(home, { recursive: true });
for (const [file, text] of STARTER_FILES) writeFileSync(join(home, file), text);

const rows = CASES.map((args) => {
  const res = spawnSync(docker, args, {
    cwd: home,
    input: '',
    encoding: 'utf8',
    env: {
      PATH: '/usr/bin:/bin',
      HOME: '/home/learner',
      DOCKER_HOST: 'unix:///nonexistent/docker.sock',
    },
  });
  return { args, stdout: res.stdout, stderr: res.stderr, exit: res.status ?? -1 };
});
writeFileSync(out, `${JSON.stringify(rows, null, 2)}\n`);
console.log(`${rows.length} cases from ${docker} → ${out}`);
