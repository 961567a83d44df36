/**
 * AppArmor on a node's root shell (apparmor 4.0, Ubuntu 24.04):
 * - `apparmor_parser [-a|-r|-R] [-q…] [FILE…]` (stdin without a file) loads, replaces or
 *   removes the profiles a policy file defines (`profile NAME flags=(…) {`): the kernel keeps
 *   them until the node reboots; the node's containerd then creates containers that ask for
 *   them (`appArmorProfile: {type: Localhost, localhostProfile: NAME}`);
 * - `aa-status` / `apparmor_status`: the loaded profiles by mode and the confined processes
 *   (the node's containers: containerd's default profile, or their Localhost one);
 * - `aa-enabled`; `/sys/kernel/security/apparmor/profiles` lists `NAME (MODE)`.
 */
import {
  appArmorScope,
  type LoadedProfile,
  loadedProfiles,
  parseProfiles,
} from '../../engine/node/appArmorProfiles.ts';
import type { KubectlHost, RunResult } from '../host.ts';
import type { NodeFs } from './nodeFs.ts';
import type { Process } from './ps.ts';

const ok = (stdout = ''): RunResult => ({ stdout, stderr: '', exitCode: 0 });

/** The profiles loaded on `node`, sorted as the kernel's list is read (by name). */
function loaded(host: KubectlHost, node: string): LoadedProfile[] {
  return [...loadedProfiles(host.storedFiles, node).values()].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
}

/** `/sys/kernel/security/apparmor/profiles`: `NAME (MODE)` a line. */
export function profilesFile(host: KubectlHost, node: string): string {
  return loaded(host, node)
    .map((p) => `${p.name} (${p.mode})\n`)
    .join('');
}

/** The parser's flags that take no value and change nothing here (quiet, cache, warnings…). */
const QUIET_FLAGS = /^-(?:[qWTKv]+|-quiet|-skip-cache|-skip-read-cache|-write-cache|-verbose)$/;

/** `apparmor_parser`: its action from its flags, then each file (or stdin). */
export function apparmorParser(
  host: KubectlHost,
  fs: NodeFs,
  node: string,
  args: string[],
  stdin: string | undefined,
): RunResult {
  let action: 'add' | 'replace' | 'remove' = 'add';
  const files: string[] = [];
  for (const a of args) {
    if (a === '-a' || a === '--add') action = 'add';
    else if (a === '-r' || a === '--replace') action = 'replace';
    else if (a === '-R' || a === '--remove') action = 'remove';
    else if (/^-[qWTKv]*[arR][qWTKv]*$/.test(a)) {
      action = a.includes('R') ? 'remove' : a.includes('r') ? 'replace' : 'add';
    } else if (QUIET_FLAGS.test(a) || a.startsWith('--')) continue;
    else files.push(a);
  }
  const texts: { name: string; text: string }[] = [];
  let stderr = '';
  let exitCode = 0;
  if (files.length === 0) texts.push({ name: 'stdin', text: stdin ?? '' });
  for (const f of files) {
    const text = fs.read(f);
    if (text === undefined) {
      stderr += `File ${f} not found, skipping...\n`;
      exitCode = 2;
    } else texts.push({ name: f, text });
  }
  const have = loadedProfiles(host.storedFiles, node);
  const writes: { path: string; content: string | null; at: number }[] = [];
  const at = host.nowEpochMs();
  for (const { text } of texts) {
    for (const p of parseProfiles(text)) {
      const exists = have.has(p.name) || writes.some((w) => w.path === p.name && w.content);
      if (action === 'add' && exists) {
        stderr += `apparmor_parser: Unable to add "${p.name}".  Profile already exists\n`;
        exitCode = 1;
        continue;
      }
      if (action === 'remove' && !exists) {
        stderr += `apparmor_parser: Unable to remove "${p.name}".  Profile doesn't exist\n`;
        exitCode = 1;
        continue;
      }
      writes.push({ path: p.name, content: action === 'remove' ? null : text, at });
    }
  }
  if (writes.length > 0) host.writeFiles?.(appArmorScope(node), writes);
  return { stdout: '', stderr, exitCode };
}

/** The program a process runs (what /proc/PID/exe names), from its command line. */
function exeOf(command: string): string {
  if (command.startsWith('nginx:')) return '/usr/sbin/nginx';
  return command.split(' ')[0] ?? command;
}

/** The modes aa-status counts, in its order (apparmor 4.0 adds prompt). */
const PROFILE_MODES = ['enforce', 'complain', 'prompt', 'kill', 'unconfined'] as const;

/** `aa-status` (`apparmor_status`): profiles by mode, then the confined processes. */
export function aaStatus(host: KubectlHost, node: string, procs: readonly Process[]): RunResult {
  const profiles = loaded(host, node);
  let out = `apparmor module is loaded.\n${profiles.length} profiles are loaded.\n`;
  for (const mode of PROFILE_MODES) {
    const names = profiles.filter((p) => p.mode === mode).map((p) => p.name);
    out += `${names.length} profiles are in ${mode} mode.\n`;
    for (const n of names) out += `   ${n}\n`;
  }
  const confined = procs.flatMap((p) => {
    const m = p.label ? /^(.*) \((\w+)\)$/.exec(p.label) : null;
    return m ? [{ pid: p.pid, exe: exeOf(p.command), profile: m[1] ?? '', mode: m[2] ?? '' }] : [];
  });
  out += `${confined.length} processes have profiles defined.\n`;
  for (const mode of ['enforce', 'complain', 'prompt', 'kill']) {
    const list = confined.filter((p) => p.mode === mode);
    out += `${list.length} processes are in ${mode} mode.\n`;
    for (const p of list) {
      out +=
        p.exe === p.profile ? `   ${p.exe} (${p.pid}) \n` : `   ${p.exe} (${p.pid}) ${p.profile}\n`;
    }
  }
  out += '0 processes are unconfined but have a profile defined.\n';
  out += '0 processes are in mixed mode.\n';
  return ok(out);
}
