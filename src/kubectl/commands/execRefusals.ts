/**
 * Why `kubectl exec` cannot run a command line here, in words that say what the simulation
 * lacks (never that the command would not end when it would).
 */

/**
 * The reason after `this console cannot run "…" inside the container: `; `runsOn` when the
 * simulation knows the command would not end by itself.
 */
export function execRefusal(command: readonly string[], runsOn = false): string {
  const cmd = command[0]?.split('/').pop() ?? '';
  if (cmd === 'kill' || cmd === 'pkill' || cmd === 'killall') {
    // Ending PID 1 ends the container; the kubelet would restart it per its restartPolicy.
    return "signals to the container's processes are not simulated (ending PID 1 would end the container, and the kubelet would restart it as the pod's restartPolicy says)";
  }
  if (cmd === 'ping' && !command.some((a) => a === '-c' || /^-c\d+$/.test(a))) {
    return 'ping without -c runs until interrupted, and this console cannot interrupt it: give a count (ping -c 3 HOST)';
  }
  if (runsOn || cmd === 'top') {
    return 'it runs until interrupted, and this console cannot interrupt it';
  }
  return 'the simulation does not know this program, these options, or what it would find there';
}
