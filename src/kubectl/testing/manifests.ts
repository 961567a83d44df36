/**
 * Manifests the console tests apply, written as a learner would (YAML files for `apply -f`).
 */

/**
 * The `agent` DaemonSet: one busybox pod per schedulable node, sleeping. `strategy` is YAML put
 * before `selector:` in its spec (indented by two spaces, ending in a newline), e.g. an
 * `updateStrategy:` block or `revisionHistoryLimit: 1`.
 */
export function agentDaemonSetYaml(strategy = ''): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
${strategy}  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sleep", "infinity"]
`;
}
