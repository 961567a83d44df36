/**
 * The lab's own commands in the page's language: `sim …` is the app's command, not kubectl's or
 * bash's, so what it prints follows the page (kubectl, docker and bash keep the words a real
 * terminal prints). Also what `sim advance` did (the clock moved) and the lab's `help`.
 *
 * `src/cli/actions.ts` (shared with the headless transcript runner) prints the English texts;
 * this maps each of its outcomes to a key whose English text is the same words.
 */
import { type Lang, type MessageKey, translate } from '../i18n/index.ts';
import type { RunResult } from '../kubectl/index.ts';

/** `1h 2m 3s`, `45s`, `250ms`: a virtual duration as the lab prints it. */
export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [h > 0 ? `${h}h` : '', m > 0 ? `${m}m` : '', s > 0 ? `${s}s` : ''];
  return parts.filter(Boolean).join(' ') || '0s';
}

/** An outcome of `src/cli/actions.ts`'s `sim` and the key that says it in the page's language. */
const OUTCOMES: readonly { re: RegExp; key: MessageKey; stream: 'stdout' | 'stderr' }[] = [
  {
    re: /^node "([^"]+)" stopped: .*the API server no longer answers\n$/,
    key: 'sim.stoppedControlPlane',
    stream: 'stdout',
  },
  { re: /^node "([^"]+)" stopped: /, key: 'sim.stopped', stream: 'stdout' },
  {
    re: /^node "([^"]+)" started: .*the API server answers again\n$/,
    key: 'sim.startedControlPlane',
    stream: 'stdout',
  },
  { re: /^node "([^"]+)" started: /, key: 'sim.started', stream: 'stdout' },
  {
    re: /^sim stop-node: node "([^"]+)" is already stopped/,
    key: 'sim.alreadyStopped',
    stream: 'stderr',
  },
  {
    re: /^sim start-node: node "([^"]+)" is already running/,
    key: 'sim.alreadyRunning',
    stream: 'stderr',
  },
  { re: /^sim (\S+): no node named "([^"]*)"/, key: 'sim.noNode', stream: 'stderr' },
  { re: /^sim (\S+): expected a node name/, key: 'sim.expectNode', stream: 'stderr' },
  { re: /^sim advance: expected one duration/, key: 'sim.expectDuration', stream: 'stderr' },
  { re: /^sim advance: invalid time interval '(.*)'/, key: 'sim.badDuration', stream: 'stderr' },
  { re: /^sim advance: at most 30m of virtual time/, key: 'sim.tooLong', stream: 'stderr' },
  { re: /^sim: unknown action/, key: 'sim.unknown', stream: 'stderr' },
];

/** The parameters each key takes, from the regular expression's groups. */
const PARAMS: Partial<Record<MessageKey, readonly string[]>> = {
  'sim.stoppedControlPlane': ['node'],
  'sim.stopped': ['node'],
  'sim.startedControlPlane': ['node'],
  'sim.started': ['node'],
  'sim.alreadyStopped': ['node'],
  'sim.alreadyRunning': ['node'],
  'sim.noNode': ['action', 'node'],
  'sim.expectNode': ['action'],
  'sim.badDuration': ['value'],
};

/**
 * What a `sim …` line printed, in `lang`. `advanced` is the virtual time a successful
 * `sim advance` let pass and `clock` the lab's clock after it (ms since the lab started).
 */
export function localizeSim(
  res: RunResult,
  lang: Lang,
  advanced?: { ms: number; clock: number },
): RunResult {
  if (advanced && res.exitCode === 0) {
    const stdout = translate(lang, 'sim.advanced', {
      duration: durationText(advanced.ms),
      clock: durationText(advanced.clock),
    });
    return { ...res, stdout: `${stdout}\n` };
  }
  for (const { re, key, stream } of OUTCOMES) {
    const m = re.exec(res[stream]);
    if (!m) continue;
    const params: Record<string, string> = {};
    (PARAMS[key] ?? []).forEach((name, i) => {
      params[name] = m[i + 1] ?? '';
    });
    return { ...res, [stream]: `${translate(lang, key, params)}\n` };
  }
  return res;
}

/** The lab's `help`: what the console understands, in `lang`. */
export function labHelp(lang: Lang, nodes: readonly string[]): RunResult {
  return {
    stdout: `${translate(lang, 'sim.help', { nodes: nodes.join(', ') })}\n`,
    stderr: '',
    exitCode: 0,
  };
}
