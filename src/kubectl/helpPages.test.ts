/** `--help` starts with kubectl's Long text and shows its Examples (run, logs, events). */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('help pages', () => {
  it('run, logs and events open with their Long text', () => {
    const { run } = engineSession(3);
    const help = run('kubectl run --help');
    expect(help.out).toMatch(
      /^Create and run a particular image in a pod\.\n\nExamples:\n {2}# Start a nginx pod\n {2}kubectl run nginx --image=nginx\n {2}\n {2}# Start a hazelcast pod and let the container expose port 5701\n/,
    );
    expect(help.out).toContain(
      '  # Start the nginx pod using a different command and custom arguments\n  kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>\n\nOptions:\n',
    );
    expect(run('kubectl logs -h').out).toMatch(
      /^Print the logs for a container in a pod or specified resource\. If the pod has only one container, the container name is optional\.\n\n/,
    );
    expect(run('kubectl events --help').out).toMatch(
      /^Display events\.\n\n Prints a table of the most important information about events\. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource\.\n\nExamples:\n {2}# List recent events in the default namespace\n {2}kubectl events\n/,
    );
  });
});
