/**
 * What a program prints when it is run without the operand it needs: busybox applets call
 * bb_show_usage() (the banner, the applet's usage, exit 1, all on stderr); GNU coreutils say
 * `missing operand` and point to `--help` (exit 1).
 */

/** busybox's banner line, by the version a tag of the busybox image ships (and its build). */
function busyboxBanner(tag: string): string {
  const m = /^1\.(\d+)/.exec(tag);
  const minor = m ? Number(m[1]) : 37;
  if (minor <= 28) return 'BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.';
  if (minor <= 36) return 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.';
  return 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.';
}

/** The usage texts of the applets handled here (busybox's FEATURE_FANCY_SLEEP build). */
const BUSYBOX_USAGE: Readonly<Record<string, string>> = {
  sleep:
    'Usage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n',
};

/**
 * The complaint of `cmd` run with no operand, in an image whose tools are busybox's
 * (`busybox` of the busybox image) or GNU coreutils (`dash`: the Debian-based images). Undefined for a command
 * not handled here.
 */
export function missingOperand(
  repo: string,
  family: 'busybox' | 'dash',
  tag: string,
  cmd: string,
): { exitCode: number; error: string } | undefined {
  if (family === 'busybox') {
    // Alpine's busybox is its own build (another banner): not handled.
    if (repo !== 'busybox') return undefined;
    const usage = BUSYBOX_USAGE[cmd];
    return usage === undefined
      ? undefined
      : { exitCode: 1, error: `${busyboxBanner(tag)}\n\n${usage}` };
  }
  if (cmd !== 'sleep') return undefined;
  return {
    exitCode: 1,
    error: `${cmd}: missing operand\nTry '${cmd} --help' for more information.\n`,
  };
}
