/**
 * The AppArmor profiles a node's kernel has loaded: the Ubuntu 24.04 node's own (containerd's
 * `cri-containerd.apparmor.d`, which RuntimeDefault runs, and the distribution's), and the ones
 * loaded on it since with `apparmor_parser` (storage scope `apparmor:<node>`: a file per profile
 * name holding the policy text it was loaded from; null when it was removed). containerd
 * refuses a container whose Localhost profile the node has not loaded (appArmor.ts), and the
 * kernel refuses the writes a loaded profile's `deny … w` rules name.
 */
import { LOADED_PROFILES } from '../apiserver/appArmor.ts';

/** The storage scope of the profiles loaded on `node` since it booted. */
export function appArmorScope(node: string): string {
  return `apparmor:${node}`;
}

/** What a stored-files reader gives (Cluster.storedFiles). */
export type StoredReader = (
  scope: string,
) => readonly { path: string; content: string | null; at: number }[];

/** A profile as the kernel has it. */
export interface LoadedProfile {
  name: string;
  mode: 'enforce' | 'complain' | 'kill' | 'unconfined';
  /** The policy text it was loaded from (none for the node's own). */
  text?: string;
}

/**
 * The node's own profiles, in enforce mode (Ubuntu 24.04's server profiles that apply here, and
 * containerd's default): stand-ins for the distribution's list, not all of it.
 */
export const NODE_PROFILES: readonly string[] = [
  '/usr/bin/man',
  '/usr/lib/NetworkManager/nm-dhcp-client.action',
  '/usr/lib/NetworkManager/nm-dhcp-helper',
  '/usr/lib/connman/scripts/dhclient-script',
  '/{,usr/}sbin/dhclient',
  ...[...LOADED_PROFILES],
  'nvidia_modprobe//kmod',
  'rsyslogd',
  'tcpdump',
  'ubuntu_pro_apt_news',
  'ubuntu_pro_esm_cache',
];

/** A profile parsed from policy text: its name and the mode its flags give. */
export interface ParsedProfile {
  name: string;
  mode: LoadedProfile['mode'];
}

/**
 * The profiles a policy text defines: each `profile NAME [flags=(…)] {` line (or `/path
 * [flags=(…)] {`, a profile named by the program it attaches to), its mode from its flags
 * (`complain`, `kill`, `unconfined`; enforce without). Children (`^hat`) and comments are not
 * profiles of their own here.
 */
export function parseProfiles(text: string): ParsedProfile[] {
  const out: ParsedProfile[] = [];
  let depth = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const m =
      /^profile\s+("[^"]+"|[^\s{]+)(?:\s+(?!flags)[^\s{]+)?(?:\s+flags\s*=\s*\(([^)]*)\))?\s*\{/.exec(
        line,
      ) ?? /^(\/[^\s{]*)(?:\s+flags\s*=\s*\(([^)]*)\))?\s*\{/.exec(line);
    if (m && depth === 0) {
      const flags = (m[2] ?? '').split(/[\s,]+/);
      const mode = flags.includes('complain')
        ? 'complain'
        : flags.includes('kill')
          ? 'kill'
          : flags.includes('unconfined')
            ? 'unconfined'
            : 'enforce';
      out.push({ name: (m[1] ?? '').replace(/^"|"$/g, ''), mode });
    }
    for (const ch of line) {
      if (ch === '{') depth++;
      else if (ch === '}') depth = Math.max(0, depth - 1);
    }
  }
  return out;
}

/** Every profile loaded on `node`, by name (the node's own, then what was loaded since). */
export function loadedProfiles(
  stored: StoredReader | undefined,
  node: string,
): Map<string, LoadedProfile> {
  const out = new Map<string, LoadedProfile>();
  for (const name of NODE_PROFILES) out.set(name, { name, mode: 'enforce' });
  for (const f of stored?.(appArmorScope(node)) ?? []) {
    if (f.content === null) {
      out.delete(f.path);
      continue;
    }
    const parsed = parseProfiles(f.content).find((p) => p.name === f.path);
    out.set(f.path, { name: f.path, mode: parsed?.mode ?? 'enforce', text: f.content });
  }
  return out;
}

/** Whether `node` has profile `name` loaded (what containerd checks before it creates). */
export function profileLoaded(
  stored: StoredReader | undefined,
  node: string,
  name: string,
): boolean {
  if (LOADED_PROFILES.has(name)) return true;
  let loaded = false;
  for (const f of stored?.(appArmorScope(node)) ?? []) {
    if (f.path === name) loaded = f.content !== null;
  }
  return loaded;
}

/** An AppArmor path glob as a RegExp: `**` any path, `*` and `?` within a name, `{a,b}`. */
function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '{') re += '(?:';
    else if (ch === '}') re += ')';
    else if (ch === ',') re += '|';
    else re += ch.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * The paths a profile's `deny PATH PERMS,` rules (with `audit`, `owner` qualifiers too) refuse
 * writes to (`w` or `a`), as a test of an absolute path; undefined when it denies none. What
 * it allows otherwise is not checked (the tutorial's profiles allow every `file`).
 */
export function deniedWrites(text: string): ((path: string) => boolean) | undefined {
  const globs: RegExp[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    const m = /^(?:audit\s+)?deny\s+(?:owner\s+)?(\/\S*)\s+([a-zA-Z]+)\s*,/.exec(line);
    if (m && /[wa]/.test(m[2] ?? '')) globs.push(globRegExp(m[1] ?? ''));
  }
  if (globs.length === 0) return undefined;
  return (path) => globs.some((g) => g.test(path));
}
