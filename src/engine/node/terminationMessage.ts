/**
 * A terminated container's `message`, as kuberuntime's toKubeContainerStatus fills it: the
 * content of the file at `terminationMessagePath` (its last 4096 bytes, tail.ReadAtMost), or,
 * with `terminationMessagePolicy: FallbackToLogsOnError`, when that file is empty and the
 * container failed (exit code not 0), the end of its log (readLastStringFromContainerLogs: the
 * last 80 lines, at most 2048 bytes of them).
 */
import type { FileEvent } from './program.ts';

/** `kubecontainer.MaxContainerTerminationMessageLength`. */
export const MAX_TERMINATION_MESSAGE_BYTES = 4 * 1024;
/** `MaxContainerTerminationMessageLogLines`. */
export const MAX_TERMINATION_LOG_LINES = 80;
/** `MaxContainerTerminationMessageLogLength`. */
export const MAX_TERMINATION_LOG_BYTES = 2 * 1024;

/** What one run of a container leaves for its termination message. */
export interface TerminationSource {
  /** `terminationMessagePath` (the kubelet creates the file empty before the start). */
  path: string;
  /** `terminationMessagePolicy: FallbackToLogsOnError`. */
  fallbackToLogs: boolean;
  /** The files its process wrote, with when (ms into the run). */
  files: readonly FileEvent[] | undefined;
  /** What it printed (its log), kept only for FallbackToLogsOnError. */
  output: string;
}

/**
 * The source of a run's termination message, or undefined when there can be none (the common
 * case: the process writes no file and the policy is File): nothing is kept then.
 */
export function terminationSource(
  spec: { terminationMessagePath?: string; terminationMessagePolicy?: string } | undefined,
  files: readonly FileEvent[] | undefined,
  output: string,
): TerminationSource | undefined {
  const path = spec?.terminationMessagePath ?? '/dev/termination-log';
  const fallbackToLogs = spec?.terminationMessagePolicy === 'FallbackToLogsOnError';
  if (!fallbackToLogs && !files?.some((f) => f.path === path)) return undefined;
  return { path, fallbackToLogs, files, output: fallbackToLogs ? output : '' };
}

/** Byte length of a string as UTF-8. */
function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** The last `max` bytes of `s` (as UTF-8). */
function lastBytes(s: string, max: number): string {
  const bytes = new TextEncoder().encode(s);
  return bytes.length <= max ? s : new TextDecoder().decode(bytes.slice(bytes.length - max));
}

/** The first `max` bytes of `s` (as UTF-8). */
function firstBytes(s: string, max: number): string {
  const bytes = new TextEncoder().encode(s);
  return bytes.length <= max ? s : new TextDecoder().decode(bytes.slice(0, max));
}

/**
 * The message of a run that ended with `exitCode` after `runMs`: undefined when it is empty
 * (the status then has no message).
 */
export function terminationMessage(
  src: TerminationSource,
  exitCode: number,
  runMs: number,
): string | undefined {
  let content = '';
  for (const f of src.files ?? []) {
    if (f.path === src.path && f.atMs <= runMs) content = f.content ?? '';
  }
  if (content !== '') return lastBytes(content, MAX_TERMINATION_MESSAGE_BYTES);
  if (!src.fallbackToLogs || exitCode === 0) return undefined;
  const lines = src.output.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const tail = lines.slice(-MAX_TERMINATION_LOG_LINES).join('');
  const text =
    utf8Length(tail) > MAX_TERMINATION_LOG_BYTES
      ? firstBytes(tail, MAX_TERMINATION_LOG_BYTES)
      : tail;
  return text === '' ? undefined : text;
}
