/**
 * Background jobs in the console, as an interactive bash keeps them: `CMD &` prints
 * `[1] PID` and the prompt comes back; `jobs` lists them (`[1]+  Running  …  sleep 5 &`),
 * `wait` waits for them, `fg` brings one back, `kill %N` ends one, and when one has finished bash
 * says `[1]+  Done  …` after the line that was running. The simulation runs a job's commands at
 * once (their output appears with the `[1] PID` line); only the time its `sleep`s take goes on
 * in the background, on the virtual clock.
 */
import type { RunResult } from './host.ts';

/** One background job. */
export interface Job {
  id: number;
  pid: number;
  /** The command as written (without the `&`). */
  text: string;
  /** When its `sleep`s are over (virtual epoch ms); undefined: it runs until stopped. */
  endsAt: number | undefined;
  status: number;
  /** `kill` ended it: bash reports it Terminated. */
  killed?: true;
}

/** A console's jobs, and the process ids it hands out. */
export interface JobTable {
  jobs: Job[];
  nextPid: number;
  /** `$!`: the process id of the last job started. */
  lastPid?: number;
}

export function newJobTable(): JobTable {
  return { jobs: [], nextPid: 2418 };
}

/** Commands that run until stopped (a port-forward, a proxy, a watch or a followed log). */
const RUNS_ON =
  /^\s*(?:kubectl|k)\s+(?:port-forward|proxy)\b|^\s*(?:kubectl|k)\s.*\s(?:-w|--watch|-f|--follow)(?:\s|=|$)|^\s*(?:tail\s+-f|watch)\b/;

/** Records a job that was started; `sleptMs` is how long its sleeps take. */
export function startJob(
  table: JobTable,
  text: string,
  now: number,
  sleptMs: number,
  status: number,
): Job {
  const id = (table.jobs.at(-1)?.id ?? 0) + 1;
  const pid = table.nextPid++;
  table.lastPid = pid;
  const job: Job = {
    id,
    pid,
    text: text.trim(),
    // A port-forward that failed at once (no such pod) has ended.
    endsAt: RUNS_ON.test(text) && status === 0 ? undefined : now + sleptMs,
    status,
  };
  table.jobs.push(job);
  return job;
}

function running(job: Job, now: number): boolean {
  return !job.killed && (job.endsAt === undefined || job.endsAt > now);
}

/** `+` for the current job (the last one), `-` for the one before, else a space. */
function mark(table: JobTable, job: Job): string {
  const i = table.jobs.indexOf(job);
  const n = table.jobs.length;
  return i === n - 1 ? '+' : i === n - 2 ? '-' : ' ';
}

/** bash's line for a job: `[1]+  Running                 sleep 5 &`. */
function jobLine(table: JobTable, job: Job, now: number): string {
  const state = job.killed
    ? 'Terminated'
    : running(job, now)
      ? 'Running'
      : job.status === 0
        ? 'Done'
        : `Exit ${job.status}`;
  return `[${job.id}]${mark(table, job)}  ${state.padEnd(24)}${job.text}${running(job, now) ? ' &' : ''}\n`;
}

/** The notices of the jobs that finished (or were killed), which leave the table. */
export function finishedJobs(table: JobTable, now: number): string {
  const done = table.jobs.filter((j) => !running(j, now));
  if (done.length === 0) return '';
  const text = done.map((j) => jobLine(table, j, now)).join('');
  table.jobs = table.jobs.filter((j) => running(j, now));
  return text;
}

/** `jobs`: every job, finished ones for the last time. */
export function jobsBuiltin(table: JobTable, now: number): RunResult {
  const stdout = table.jobs.map((j) => jobLine(table, j, now)).join('');
  table.jobs = table.jobs.filter((j) => running(j, now));
  return { stdout, stderr: '', exitCode: 0 };
}

/** The job `spec` names (`%1`, `%%`, `%+`, `%-`, a PID, or the current one), or bash's error. */
function findJob(table: JobTable, spec: string | undefined, who: string): Job | RunResult {
  const jobs = table.jobs;
  const job =
    spec === undefined || spec === '%%' || spec === '%+' || spec === '%'
      ? jobs.at(-1)
      : spec === '%-'
        ? jobs.at(-2)
        : spec.startsWith('%')
          ? jobs.find((j) => String(j.id) === spec.slice(1))
          : jobs.find((j) => String(j.pid) === spec);
  if (job) return job;
  if (spec === undefined)
    return { stdout: '', stderr: `bash: ${who}: current: no such job\n`, exitCode: 1 };
  if (!spec.startsWith('%') && /^\d+$/.test(spec))
    return {
      stdout: '',
      stderr: `bash: ${who}: pid ${spec} is not a child of this shell\n`,
      exitCode: 127,
    };
  return { stdout: '', stderr: `bash: ${who}: ${spec}: no such job\n`, exitCode: 127 };
}

const FOREVER = (job: Job, who: string): RunResult => ({
  stdout: '',
  stderr: `bash: ${who}: [${job.id}] ${job.text} runs until it is stopped: a terminal would wait until Ctrl-C; this console does not (kill %${job.id} ends it)\n`,
  exitCode: 130,
});

/**
 * `wait [ID…]`: the clock moves on to when the jobs are done (`advance`); they leave the table
 * without a notice. Its status is the last one's.
 */
export function waitBuiltin(
  table: JobTable,
  args: readonly string[],
  now: number,
  advance: ((ms: number) => void) | undefined,
): RunResult {
  const picked: Job[] = [];
  for (const a of args.length > 0 ? args : table.jobs.map((j) => `%${j.id}`)) {
    const j = findJob(table, a, 'wait');
    if ('exitCode' in j) return j;
    picked.push(j);
  }
  const forever = picked.find((j) => running(j, now) && j.endsAt === undefined);
  if (forever) return FOREVER(forever, 'wait');
  const until = Math.max(now, ...picked.map((j) => (j.killed ? now : (j.endsAt ?? now))));
  if (until > now && advance) advance(until - now);
  table.jobs = table.jobs.filter((j) => !picked.includes(j));
  const last = picked.at(-1);
  return { stdout: '', stderr: '', exitCode: last ? (last.killed ? 143 : last.status) : 0 };
}

/** `fg [ID]`: the job's command, then the wait for it. */
export function fgBuiltin(
  table: JobTable,
  args: readonly string[],
  now: number,
  advance: ((ms: number) => void) | undefined,
): RunResult {
  const j = findJob(table, args[0], 'fg');
  if ('exitCode' in j) return j;
  if (j.endsAt === undefined) return { ...FOREVER(j, 'fg'), stdout: `${j.text}\n` };
  const r = waitBuiltin(table, [`%${j.id}`], now, advance);
  return { ...r, stdout: `${j.text}\n` };
}

/** `kill [-SIGNAL] %N|PID…`: the job ends; bash reports it Terminated after the line. */
export function killBuiltin(table: JobTable, args: readonly string[]): RunResult {
  const targets = args.filter((a) => !/^-/.test(a));
  if (targets.length === 0) {
    return {
      stdout: '',
      stderr:
        'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n',
      exitCode: 2,
    };
  }
  let stderr = '';
  for (const t of targets) {
    const j = findJob(table, t, 'kill');
    if ('exitCode' in j) {
      stderr += /^\d+$/.test(t)
        ? `bash: kill: (${t}) - No such process\n`
        : j.stderr.replace('bash: kill: ', 'bash: kill: ');
      continue;
    }
    j.killed = true;
  }
  return { stdout: '', stderr, exitCode: stderr === '' ? 0 : 1 };
}
