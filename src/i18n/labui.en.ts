/**
 * English text of the lab's page parts (`src/ui/lab/`): the console, the namespaces panel, the
 * group-by control and the switch between the guided tour and the live cluster. Merged into
 * `en`, so these keys are `MessageKey`s too. The lab's own narration lives in `lab.en.ts`.
 */
export const labuiEn = {
  'labui.title': 'Hands-on lab',
  'labui.intro':
    'Type kubectl commands into a live simulated cluster that starts where the tour ends, and watch each one happen on the diagram.',
  'labui.enter': 'Try it yourself',
  'labui.back': 'Back to the guided tour',
  'labui.bigConsole': 'Bigger console',
  'labui.bigConsole.hint':
    'Give the console most of this column: the narration folds to its title (Read more opens it).',
  'labui.mode.lab': 'Live cluster',
  'labui.mode.guided': 'Guided tour',
  'labui.status.loading': 'Starting the cluster…',
  'labui.status.failed': 'The lab could not start: {error}',
  'labui.retry': 'Try again',
  'labui.start.title': 'Your cluster',
  'labui.start.text':
    'The cluster as the tour left it: web is Running. Type a command below; its messages play here, one step at a time.',
  'labui.console.label': 'kubectl console',
  'labui.console.input': 'Command line',
  'labui.console.placeholder': 'kubectl get pods',
  'labui.console.context': '{context} · namespace: {namespace}',
  'labui.console.contextLabel': 'Current context',
  'labui.console.run': 'Run',
  'labui.console.clear': 'Clear',
  'labui.console.copy': 'Copy output',
  'labui.console.copied': 'Copied',
  'labui.console.copyFailed': 'Could not copy',
  'labui.console.empty': 'Output appears here. Try: kubectl get namespaces',
  'labui.console.hint':
    'Enter runs · ↑ ↓ history · Tab completes (with nothing to complete, it moves on)',
  'labui.console.choices': 'Completions',
  'labui.console.answerInput': 'Your answer to kubectl: {question}',
  'labui.console.answerPlaceholder': 'kubectl is waiting: y, then Enter',
  'labui.console.answerHint':
    'kubectl is waiting for your answer: y and Enter goes on, anything else cancels · Ctrl+C stops it',
  'labui.console.queued': 'Runs when the cluster is ready.',
  'labui.console.edit': 'Opening {path} in the editor.',
  'labui.notice.dismiss': 'Dismiss',
  'labui.toConsole': 'Type a command ↓',
  'labui.skipped': 'Jumped to your latest command: {count} earlier steps were not played yet.',
  'labui.skipped.one': 'Jumped to your latest command: 1 earlier step was not played yet.',
  'labui.skipped.play': 'Play them',
  'labui.skipped.play.one': 'Play it',
  'labui.typedIn':
    'Your command ran in the live lab: the cluster as the tour ends (web is Running), not the tour’s step {step}. “Back to the guided tour” returns to step {step}.',
  'labui.ns.pods': 'pods: {count}',
  'labui.ns.none': 'No namespaces yet.',
  'labui.pod.open': 'Pod {name} in {namespace} on {node}, {status}: show details',
  'labui.pod.openPending': 'Pod {name} in {namespace}, {status}, waiting for a node: show details',
  'labui.node.open': 'Node {node}, {status}: show details',
  'labui.panels.label': 'The live cluster in detail',
  'labui.tab.messages': 'Messages',
  'labui.tab.lesson': 'Lesson',
  'labui.tab.whatif': 'What if…',
  'labui.tab.files': 'Files',
  'labui.tab.scheduler': 'Scheduler',
  'labui.tab.etcd': 'etcd',
  'labui.messages.none': 'This step has no messages: nothing travelled between components.',
  'labui.panels.loading': 'Loading the lab panels…',
} as const;
