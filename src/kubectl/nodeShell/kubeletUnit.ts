/**
 * The kubelet's systemd unit as systemd 255 reads it: the unit file the pkgs.k8s.io kubelet
 * package installs (/usr/lib/systemd/system/kubelet.service, `ExecStart=/usr/bin/kubelet`), the
 * drop-ins of `kubelet.service.d` (kubeadm's 10-kubeadm.conf, which resets ExecStart and adds
 * the kubeconfig and config flags), and what a start makes of them: the environment
 * (`Environment=`, `EnvironmentFile=` read at start) and the command line with `$VAR` and
 * `${VAR}` expanded. A unit file in /etc/systemd/system overrides the package's, a drop-in
 * there overrides the one of the same name under /usr/lib; drop-ins apply in file-name order.
 */
import type { Workspace } from '../workspace.ts';

/** What reading the unit needs of a file system. */
export type UnitFiles = Pick<Workspace, 'read' | 'isDirectory' | 'entries'>;

/** The unit file of the kubelet package (kubernetes/release, deb and rpm). */
export const KUBELET_UNIT = `[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=https://kubernetes.io/docs/
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
`;

/** `systemctl enable kubelet`'s symlink (its presence is what "enabled" means). */
export { KUBELET_WANTS } from '../../engine/node/staticPodFiles.ts';

/** Where systemd looks for the unit file, first found wins. */
const UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/usr/lib/systemd/system'];

/** The unit as systemd loaded it (or would load it now). */
export interface LoadedUnit {
  /** The unit file's path (`Loaded: loaded (PATH; …)`); undefined: no unit file. */
  fragment: string | undefined;
  /** The drop-ins' paths, in the order systemd applies them (by file name). */
  dropIns: string[];
  /** `Environment=` assignments, in order. */
  environment: [string, string][];
  /** `EnvironmentFile=` paths; a leading `-` makes a missing file no error. */
  environmentFiles: { path: string; optional: boolean }[];
  /** The one `ExecStart=` left after resets; undefined when there is none. */
  execStart: string | undefined;
  /** Every file read and its text: what a later `daemon-reload` compares with. */
  signature: string;
}

/** systemd's word splitting of a setting's value (double and single quotes group). */
function splitQuoted(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  let any = false;
  for (const ch of value) {
    if (quote) {
      if (ch === quote) quote = '';
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      any = true;
    } else if (ch === ' ' || ch === '\t') {
      if (any || cur) out.push(cur);
      cur = '';
      any = false;
    } else cur += ch;
  }
  if (any || cur) out.push(cur);
  return out;
}

/** Applies one unit file's or drop-in's `[Service]` settings to `unit`. */
function applyService(unit: LoadedUnit, text: string): void {
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const sec = /^\[(.+)\]$/.exec(line);
    if (sec) {
      section = sec[1] as string;
      continue;
    }
    if (section !== 'Service') continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key === 'ExecStart') unit.execStart = value === '' ? undefined : value;
    else if (key === 'Environment') {
      if (value === '') unit.environment = [];
      for (const word of splitQuoted(value)) {
        const i = word.indexOf('=');
        if (i > 0) unit.environment.push([word.slice(0, i), word.slice(i + 1)]);
      }
    } else if (key === 'EnvironmentFile') {
      if (value === '') unit.environmentFiles = [];
      else
        unit.environmentFiles.push(
          value.startsWith('-')
            ? { path: value.slice(1), optional: true }
            : { path: value, optional: false },
        );
    }
  }
}

/** The kubelet unit as it stands on `fs` (what `daemon-reload` would load). */
export function readKubeletUnit(fs: UnitFiles): LoadedUnit {
  const unit: LoadedUnit = {
    fragment: undefined,
    dropIns: [],
    environment: [],
    environmentFiles: [],
    execStart: undefined,
    signature: '',
  };
  const parts: string[] = [];
  for (const dir of UNIT_DIRS) {
    const path = `${dir}/kubelet.service`;
    const text = fs.read(path);
    if (text === undefined) continue;
    unit.fragment = path;
    parts.push(path, text);
    applyService(unit, text);
    break;
  }
  const byName = new Map<string, string>();
  for (const dir of UNIT_DIRS) {
    const d = `${dir}/kubelet.service.d`;
    if (!fs.isDirectory(d)) continue;
    for (const e of fs.entries(d)) {
      if (e.dir || !e.name.endsWith('.conf') || byName.has(e.name)) continue;
      byName.set(e.name, `${d}/${e.name}`);
    }
  }
  for (const name of [...byName.keys()].sort()) {
    const path = byName.get(name) as string;
    const text = fs.read(path) ?? '';
    unit.dropIns.push(path);
    parts.push(path, text);
    applyService(unit, text);
  }
  unit.signature = JSON.stringify(parts);
  return unit;
}

/** An environment file's `KEY=value` lines (quotes removed, comments skipped). */
function readEnvFile(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2] as string;
    if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.endsWith(v[0] as string))
      v = v.slice(1, -1);
    out.push([m[1] as string, v]);
  }
  return out;
}

/**
 * The command a start of `unit` runs, as words: `$VAR` splits into words, `${VAR}` stays one
 * word, an unset variable is empty. Environment files are read now (a missing one is skipped).
 * Undefined when the unit has no ExecStart.
 */
export function kubeletCommand(fs: UnitFiles, unit: LoadedUnit): string[] | undefined {
  if (unit.execStart === undefined) return undefined;
  const env = new Map<string, string>(unit.environment);
  for (const f of unit.environmentFiles) {
    const text = fs.read(f.path);
    if (text === undefined) continue;
    for (const [k, v] of readEnvFile(text)) env.set(k, v);
  }
  // Prefixes `-`, `@`, `+`, `!`, `:` change how systemd runs it, not what.
  const exec = unit.execStart.replace(/^[-@+!:]+/, '');
  const words: string[] = [];
  for (const word of splitQuoted(exec)) {
    const whole = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(word);
    if (whole) {
      words.push(...splitQuoted(env.get(whole[1] as string) ?? ''));
      continue;
    }
    words.push(word.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, k: string) => env.get(k) ?? ''));
  }
  return words;
}

/** A kubelet flag's value in `words` (`--flag=value` or `--flag value`). */
export function kubeletFlag(words: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w.startsWith(`--${flag}=`)) return w.slice(flag.length + 3);
    if (w === `--${flag}`) return words[i + 1] ?? '';
  }
  return undefined;
}

/**
 * `Drop-In:` lines of `systemctl status`: each directory once, its files after `└─`, joined
 * by `, ` (systemd 255's print_status_info).
 */
export function dropInLines(dropIns: readonly string[]): string {
  let out = '';
  let dir: string | undefined;
  for (const p of dropIns) {
    const d = p.slice(0, p.lastIndexOf('/'));
    const name = p.slice(p.lastIndexOf('/') + 1);
    if (d !== dir) {
      out += `${dir === undefined ? '    Drop-In: ' : '\n             '}${d}\n             └─${name}`;
      dir = d;
    } else out += `, ${name}`;
  }
  return out === '' ? '' : `${out}\n`;
}
