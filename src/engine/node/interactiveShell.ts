/**
 * A container whose process reads its standard input (`stdin: true`: kubectl run -i, kubectl
 * debug -i) and is a shell or a REPL waits for input: it runs until its input is closed, which
 * no attach in this simulation does. Without stdin the same process reads end-of-input at once
 * and exits (the default of busybox, alpine, ubuntu…).
 */
import { repository } from './program.ts';

/** The images whose default command is a shell or an interpreter reading its input. */
const INTERACTIVE_IMAGES = new Set([
  'busybox',
  'alpine',
  'ubuntu',
  'debian',
  'centos',
  'fedora',
  'rockylinux',
  'amazonlinux',
  'bash',
  'python',
  'node',
  'netshoot',
]);

const SHELLS = new Set(['sh', 'bash', 'ash', 'zsh', 'dash']);

/**
 * Whether the process of `image` run with `command`/`args` reads its input: the image's own
 * default shell or interpreter, or a shell given no script (`sh`, `/bin/bash -l`, not `sh -c`).
 */
export function readsInput(
  image: string,
  command: readonly string[] | undefined,
  args: readonly string[] | undefined,
): boolean {
  const argv = [...(command ?? []), ...(args ?? [])];
  if (argv.length === 0) return INTERACTIVE_IMAGES.has(repository(image));
  const shell = argv[0]?.split('/').pop() ?? '';
  if (!SHELLS.has(shell)) return false;
  return !argv.slice(1).some((a) => a === '-c' || !a.startsWith('-'));
}
