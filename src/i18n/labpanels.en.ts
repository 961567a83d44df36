/**
 * English text of the lab's panels (`src/ui/lab/panels/`): the YAML editor, the describe
 * inspector, the scheduler and etcd panels, the what-if buttons and the lesson list. Merged
 * into `en`, so these keys are `MessageKey`s too.
 */
export const labPanelsEn = {
  'labPanel.editor.title': 'Files',
  'labPanel.editor.files': 'Workspace files',
  'labPanel.editor.noFiles': 'The workspace is empty.',
  'labPanel.editor.empty': 'No file is open. Pick one above, or type vim FILE in the console.',
  'labPanel.editor.loadFailed':
    'The editor could not be loaded (offline?). Your files are safe: cat FILE in the console shows them.',
  'labPanel.editor.retry': 'Try again',
  'labPanel.editor.loading': 'Loading the editor…',
  'labPanel.editor.new': 'New file',
  'labPanel.editor.newName': 'Name of the new file',
  'labPanel.editor.create': 'Create',
  'labPanel.editor.cancel': 'Cancel',
  'labPanel.editor.newNameInvalid':
    'Use a name like app.yaml: letters, digits, “.”, “-”, “_” and “/”.',
  'labPanel.editor.newNameExists': '{file} already exists.',
  'labPanel.editor.save': 'Save',
  'labPanel.editor.saved': 'Saved',
  'labPanel.editor.unsaved': 'unsaved',
  'labPanel.editor.unsavedChanges': 'Unsaved changes',
  'labPanel.editor.delete': 'Delete',
  'labPanel.editor.deleteFile': 'Delete {file}',
  'labPanel.editor.confirmDelete': 'Delete {file}? This cannot be undone.',
  'labPanel.editor.textarea': 'Contents of {file}',
  'labPanel.editor.help':
    'Tab inserts two spaces. To leave the editor with the keyboard, press Esc, then Tab. Ctrl+S (⌘S) saves.',
  'labPanel.editor.cursor': 'Line {line}, column {col}',
  'labPanel.editor.size': '{size} of {max} KB',
  'labPanel.editor.tooLarge':
    '{file} is {size} KB; the editor opens files up to {max} KB. Read it with cat {file} in the console.',
  'labPanel.editor.draftTooLarge':
    'Too large to save: {size} KB, the editor keeps at most {max} KB. Nothing is lost; shorten the text to save it.',
  'labPanel.editor.saveFailed': 'Could not save: {error}',
  'labPanel.editor.changedOutside':
    '{file} was changed in the workspace (by a console command) while you were editing it.',
  'labPanel.editor.loadNew': 'Discard my changes and load it',
  'labPanel.editor.problems.none': 'No problems found.',
  'labPanel.editor.problems.one': '1 problem',
  'labPanel.editor.problems.many': '{count} problems',
  'labPanel.editor.problem.at': 'Line {line}, column {col}',
  'labPanel.editor.check.syntax': 'YAML: {message}',
  'labPanel.editor.check.duplicateKey':
    'This key is already set in the same map: kubectl keeps the last value and drops the first.',
  'labPanel.editor.check.apiVersion':
    'apiVersion not set: kubectl needs it to know which API to send this to (v1 for a Pod or Namespace, apps/v1 for a Deployment).',
  'labPanel.editor.check.kind':
    'kind not set: kubectl needs to know what this is (Pod, Namespace, Deployment …).',
  'labPanel.editor.check.name':
    'metadata.name not set: kubectl or the API server refuses it (metadata.name: Required value: name or generateName is required).',
  'labPanel.editor.check.badName':
    'metadata.name “{name}” is not a valid name: lowercase letters, digits, “-” and “.”, starting and ending with a letter or digit.',
  'labPanel.editor.check.notMap':
    'This document is not a mapping: kubectl expects keys such as apiVersion:, kind: and metadata: at the top.',
  'labPanel.editor.check.control': 'Control character {char} is not allowed in a manifest.',
  'labPanel.editor.check.tooDeep': 'Nested too deeply to be a manifest.',

  'labPanel.inspector.pod': 'Pod {name}',
  'labPanel.inspector.node': 'Node {name}',
  'labPanel.inspector.command': 'What {command} prints:',
  'labPanel.inspector.close': 'Close',
  'labPanel.inspector.loading': 'Asking the API server…',

  'labPanel.scheduler.title': 'Scheduler: the latest decision',
  'labPanel.scheduler.none':
    'No scheduling decision yet. Create a pod and watch the scheduler filter and score the nodes for it.',
  'labPanel.scheduler.bound': 'The scheduler bound {pod} to {node}.',
  'labPanel.scheduler.pending':
    'No node fits {pod}, so it stays Pending. The scheduler records a FailedScheduling event with this message and tries again when the cluster changes:',

  'labPanel.etcd.title': 'etcd',
  'labPanel.etcd.revision': 'revision {revision}',
  'labPanel.etcd.shown': 'The {shown} most recently written of {total} keys, by resource.',
  'labPanel.etcd.hint':
    'Only the API server reads and writes etcd. Every write raises the global revision; each key keeps the revision of its last write, which is the object’s resourceVersion.',
  'labPanel.etcd.written.none': 'No keys written in the latest step.',
  'labPanel.etcd.written.one': '1 key written.',
  'labPanel.etcd.written.many': '{count} keys written.',
  'labPanel.etcd.writtenBadge': 'written',
  'labPanel.etcd.keyCount': '{count} keys',
  'labPanel.etcd.key': 'Key',
  'labPanel.etcd.modRevision': 'Mod revision',
  'labPanel.etcd.empty': 'No keys yet.',

  'labPanel.whatif.title': 'What if…',
  'labPanel.whatif.intro':
    'Each button types real commands into the console: read them, then try them yourself.',
  'labPanel.whatif.nodes': 'Nodes',
  'labPanel.whatif.workloads': 'Workloads',
  'labPanel.whatif.namespaces': 'Namespaces',
  'labPanel.whatif.time': 'Time',
  'labPanel.whatif.node': 'Node',
  'labPanel.whatif.namespace': 'Namespace',
  'labPanel.whatif.deployment': 'Deployment',
  'labPanel.whatif.replicas': 'Replicas',
  'labPanel.whatif.seconds': 'How long',
  'labPanel.whatif.runs': 'Runs:',
  'labPanel.whatif.running': 'Running {command} … the buttons wait until it is done.',
  'labPanel.whatif.idle': 'Ready.',
  'labPanel.whatif.noNodes': 'No worker nodes.',
  'labPanel.whatif.noNamespace': 'Create a namespace of your own first, for example blue.',
  'labPanel.whatif.noDeployment': 'No deployment to scale in this namespace.',
  'labPanel.whatif.hint.stop-node':
    'The node goes silent. After 50 s the control plane marks it NotReady; 5 minutes later its pods are evicted (DaemonSet pods stay). Deployment pods come back on other nodes; a StatefulSet’s pod only after the node returns or is deleted.',
  'labPanel.whatif.hint.start-node': 'The kubelet comes back, reports Ready and syncs its pods.',
  'labPanel.whatif.hint.fast-forward': 'Lets virtual time pass, so slow timeouts can be watched.',
  'labPanel.whatif.hint.cordon':
    'Marks the node unschedulable: new pods go elsewhere, running pods stay.',
  'labPanel.whatif.hint.uncordon': 'Lets the scheduler use the node again.',
  'labPanel.whatif.hint.drain':
    'Cordons the node and evicts its pods. DaemonSet pods stay; pods no controller owns are deleted for good (--force); the rest come back on other nodes.',
  'labPanel.whatif.hint.bad-image':
    'The pull fails: ErrImagePull, then ImagePullBackOff with growing waits.',
  'labPanel.whatif.hint.crash-loop':
    'busybox has nothing to run: its shell exits at once. The kubelet restarts it, waiting longer each time: Completed, then CrashLoopBackOff.',
  'labPanel.whatif.hint.huge-cpu':
    'Writes huge-cpu.yaml (a pod asking for twice the largest node’s CPU) first. The pod stays Pending; the scheduler panel shows why.',
  'labPanel.whatif.hint.delete-namespace':
    'The namespace turns Terminating, everything in it is deleted, then it disappears.',
  'labPanel.whatif.hint.scale':
    'The ReplicaSet controller creates or deletes pods until the count matches.',

  'labPanel.lesson.progress': '{done} of {total} done',
  'labPanel.lesson.done': 'done',
  'labPanel.lesson.next': 'next',
  'labPanel.lesson.todo': 'to do',
  'labPanel.kubectlEdit.waiting':
    'kubectl edit is waiting for its editor to close ({file}). Change the object below, then apply it, or cancel.',
  'labPanel.kubectlEdit.apply': 'Save and apply',
  'labPanel.kubectlEdit.cancel': 'Cancel edit',
  'labPanel.kubectlEdit.open': 'Open the file kubectl edit is waiting for',
  'labPanel.lesson.type': 'Type it for me',
  'labPanel.lesson.typeLabel': 'Run {command} in the console',
  'labPanel.lesson.complete':
    'Lesson complete: namespaces divide the objects, while every pod still shares the same nodes.',
} as const;
