import type { Result, Status } from '../engine/api/types.ts';
import { ExitError, renderStatus, renderStatuses } from './errors.ts';
import type { ParsedFlags } from './flags.ts';
import { type KubectlHost, type OutputChunk, orderedOutput, pushChunk } from './host.ts';
import { defaultNamespace } from './kubeconfig.ts';
import type { RequestLog } from './verboseLog.ts';

/** One running kubectl command: its host, parsed flags and collected output. */
export class Ctx {
  stdout = '';
  stderr = '';
  exitCode = 0;
  /** Both streams in print order. */
  readonly chunks: OutputChunk[] = [];
  /** `kubectl get`, `kubectl create deployment`: used in usage errors. */
  readonly commandPath: string;
  /** The command's `--help` text (set by the dispatcher; cobra's `c.Help()`). */
  helpText: () => string = () => '';
  /** klog's lines at `-v=4` and above (verboseLog.ts); undefined below. */
  requestLog: RequestLog | undefined;

  constructor(
    readonly host: KubectlHost,
    readonly flags: ParsedFlags,
    path: string[],
  ) {
    this.commandPath = ['kubectl', ...path].join(' ');
  }

  out(s: string): void {
    this.requestLog?.beforeOutput(s, false);
    this.stdout += s;
    pushChunk(this.chunks, false, s);
  }

  err(s: string): void {
    this.requestLog?.beforeOutput(s, true);
    this.stderr += s;
    pushChunk(this.chunks, true, s);
  }

  /** What the command printed, with the order of the streams when it matters. */
  result(exitCode: number): {
    stdout: string;
    stderr: string;
    exitCode: number;
    output?: OutputChunk[];
  } {
    this.requestLog?.started();
    const output = orderedOutput(this.chunks);
    return { stdout: this.stdout, stderr: this.stderr, exitCode, ...(output ? { output } : {}) };
  }

  /** `error: <msg>` and exit 1. */
  fail(msg: string): never {
    this.err(`error: ${msg}\n`);
    throw new ExitError(1);
  }

  /** `error: <msg>` + `See 'kubectl x -h' for help and examples`, exit 1. */
  usageError(msg: string): never {
    this.err(`error: ${msg}\nSee '${this.commandPath} -h' for help and examples\n`);
    throw new ExitError(1);
  }

  /** Prints a server error without exiting (kubectl continues with other objects). */
  reportStatus(status: Status, dumped = false): void {
    if (!dumped) this.requestLog?.statusDump(status);
    this.err(renderStatus(status));
    this.exitCode = 1;
  }

  /** Prints server errors as CheckErr does (one alone as itself, several each on its line). */
  errStatuses(statuses: Status[]): void {
    for (const status of statuses) this.requestLog?.statusDump(status);
    this.err(renderStatuses(statuses));
  }

  /** Prints one server error's text (exit code left to the caller). */
  errStatus(status: Status, dumped = false): void {
    if (!dumped) this.requestLog?.statusDump(status);
    this.err(renderStatus(status));
  }

  /**
   * `-v=4`: CheckErr builds the whole message of an aggregate before it prints it, so every
   * error's Status dump comes before the first error's text. Call before printing `statuses`
   * one by one with `dumped`.
   */
  dumpStatuses(statuses: readonly Status[]): void {
    for (const status of statuses) this.requestLog?.statusDump(status);
  }

  /** Prints a server error and exits. */
  failStatus(status: Status): never {
    this.requestLog?.statusDump(status);
    this.err(renderStatus(status));
    throw new ExitError(1);
  }

  /** The value of a result, or exit with the server's error. */
  must<T>(r: Result<T>): T {
    if (!r.ok) this.failStatus(r.status);
    return r.value;
  }

  str(name: string): string {
    const v = this.flags.values.get(name);
    return typeof v === 'string' ? v : '';
  }

  bool(name: string): boolean {
    return this.flags.values.get(name) === true;
  }

  num(name: string, dflt: number): number {
    const v = this.flags.values.get(name);
    return typeof v === 'number' ? v : dflt;
  }

  list(name: string): string[] {
    const v = this.flags.values.get(name);
    return Array.isArray(v) ? v : [];
  }

  changed(name: string): boolean {
    return this.flags.changed.has(name);
  }

  /** `-n`, else the current context's namespace, else `default`. */
  get namespace(): string {
    const ns = this.str('namespace');
    if (ns) return ns;
    const name = this.str('context');
    if (name)
      return this.host.kubeconfig.contexts.find((c) => c.name === name)?.namespace || 'default';
    return defaultNamespace(this.host.kubeconfig);
  }

  /** Whether `-n` was given (kubectl's EnforceNamespace). */
  get explicitNamespace(): boolean {
    return this.str('namespace') !== '';
  }

  /** A klog line as kubectl writes warnings and fatal errors: `E1125 21:50:44.000000    4242 run.go:72] …`. */
  klog(level: 'F' | 'E' | 'W' | 'I', where: string, msg: string): void {
    const d = new Date(this.now());
    const p2 = (n: number): string => String(n).padStart(2, '0');
    const micros = String(d.getUTCMilliseconds() * 1000).padStart(6, '0');
    const stamp = `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${micros}`;
    this.err(`${level}${stamp}    4242 ${where}] ${msg}\n`);
  }

  /**
   * With `--record`, the command line as record_flags.go parseCommandArguments writes it into
   * `kubernetes.io/change-cause`: `kubectl`, the words, then every flag as ` --name=value` in the
   * order given (`-f x` → `--filename=x`, `--record` → `--record=true`); else undefined.
   */
  changeCause(): string | undefined {
    if (!this.bool('record')) return undefined;
    const words = [this.commandPath, ...this.flags.positional].join(' ');
    return words + this.flags.sequence.map((f) => ` --${f.name}=${f.value}`).join('');
  }

  /** `obj` with the change-cause annotation when `--record` asks for it (Recorder.Record). */
  recorded<T extends { metadata?: object }>(obj: T): T {
    const cause = this.changeCause();
    if (cause === undefined) return obj;
    const meta = (obj.metadata ?? {}) as { annotations?: Record<string, string> };
    return {
      ...obj,
      metadata: {
        ...meta,
        annotations: { ...(meta.annotations ?? {}), 'kubernetes.io/change-cause': cause },
      },
    };
  }

  now(): number {
    return this.host.nowEpochMs();
  }
}
