/**
 * The study note's namespace lesson as data: each step is a command to type, a one-line
 * explanation (i18n) and a check on the live lab saying whether the learner has done it.
 * Commands follow the note (따배쿠 4-2): create namespaces by CLI and by YAML
 * (`--dry-run … > green-ns.yaml`, `vim`, `create -f`), run nginx in blue with `-n`, compare
 * `get pods` with and without `-n`, then change the context's namespace.
 */
import type { MessageKey } from '../i18n/index.ts';
import type { LabState } from './session.ts';

/** What a lesson check sees. */
export interface LessonContext {
  state: LabState;
  history: readonly string[];
  readFile(path: string): string | undefined;
}

export interface LessonStep {
  id: string;
  /** The command to type (shown, and offered as a click-to-fill). */
  command: string;
  text: MessageKey;
  /** Whether the learner has done this step. */
  done(ctx: LessonContext): boolean;
}

const hasNamespace = (ctx: LessonContext, name: string): boolean =>
  ctx.state.namespaces.some((n) => n.name === name && n.phase === 'Active');

/** Split into words the way the console would (enough for matching typed commands). */
const words = (line: string): string[] => line.trim().split(/\s+/);

/** Whether some history line, at or after index `from`, is `kubectl get pods` with `pred` on its flags. */
function typedGetPods(
  history: readonly string[],
  pred: (ns: string | undefined) => boolean,
  from = 0,
): boolean {
  for (let i = Math.max(0, from); i < history.length; i++) {
    const w = words(history[i] ?? '');
    if ((w[0] !== 'kubectl' && w[0] !== 'k') || w[1] !== 'get') continue;
    if (!['pods', 'pod', 'po'].includes(w[2] ?? '')) continue;
    let ns: string | undefined;
    for (let j = 3; j < w.length; j++) {
      const a = w[j] ?? '';
      if (a === '-n' || a === '--namespace') ns = w[j + 1];
      else if (a.startsWith('--namespace=')) ns = a.slice('--namespace='.length);
      else if (a.startsWith('-n') && a.length > 2) ns = a.slice(2);
      else if (a === '-A' || a === '--all-namespaces') ns = '*';
    }
    if (pred(ns)) return true;
  }
  return false;
}

/** The last history index where the context's namespace was set to blue, or -1. */
function setContextAt(history: readonly string[]): number {
  for (let i = history.length - 1; i >= 0; i--) {
    const line = history[i] ?? '';
    if (/kubectl\s+config\s+set-context\b.*--namespace[= ]blue\b/.test(line)) return i;
  }
  return -1;
}

export const NAMESPACE_LESSON: readonly LessonStep[] = [
  {
    id: 'create-blue',
    command: 'kubectl create namespace blue',
    text: 'lab.lesson.create-blue',
    done: (ctx) => hasNamespace(ctx, 'blue'),
  },
  {
    id: 'get-namespaces',
    command: 'kubectl get namespaces',
    text: 'lab.lesson.get-namespaces',
    done: (ctx) =>
      ctx.history.some((l) => /^(kubectl|k)\s+get\s+(ns|namespaces?)(\s|$)/.test(l.trim())),
  },
  {
    id: 'create-orange',
    command: 'kubectl create namespace orange',
    text: 'lab.lesson.create-orange',
    done: (ctx) => hasNamespace(ctx, 'orange'),
  },
  {
    id: 'dry-run',
    command: 'kubectl create namespace green --dry-run=client -o yaml > green-ns.yaml',
    text: 'lab.lesson.dry-run',
    done: (ctx) =>
      /kind: Namespace\n[\s\S]*name: green\n/.test(ctx.readFile('green-ns.yaml') ?? ''),
  },
  {
    id: 'open-file',
    command: 'vim green-ns.yaml',
    text: 'lab.lesson.open-file',
    done: (ctx) => ctx.history.some((l) => /^(vi|vim)\s+(\.\/)?green-ns\.yaml\s*$/.test(l.trim())),
  },
  {
    id: 'create-green',
    command: 'kubectl create -f green-ns.yaml',
    text: 'lab.lesson.create-green',
    done: (ctx) => hasNamespace(ctx, 'green'),
  },
  {
    id: 'create-nginx-blue',
    command: 'kubectl create -f nginx.yaml -n blue',
    text: 'lab.lesson.create-nginx-blue',
    done: (ctx) => ctx.state.pods.some((p) => p.namespace === 'blue' && p.name === 'nginx'),
  },
  {
    id: 'get-pods-default',
    command: 'kubectl get pods',
    text: 'lab.lesson.get-pods-default',
    done: (ctx) => typedGetPods(ctx.history, (ns) => ns === undefined || ns === 'default'),
  },
  {
    id: 'get-pods-blue',
    command: 'kubectl get pods -n blue',
    text: 'lab.lesson.get-pods-blue',
    done: (ctx) => typedGetPods(ctx.history, (ns) => ns === 'blue'),
  },
  {
    id: 'set-context',
    command: 'kubectl config set-context --current --namespace=blue',
    text: 'lab.lesson.set-context',
    done: (ctx) => ctx.state.context.namespace === 'blue',
  },
  {
    id: 'get-pods-again',
    command: 'kubectl get pods',
    text: 'lab.lesson.get-pods-again',
    done: (ctx) => {
      const at = setContextAt(ctx.history);
      return (
        at >= 0 &&
        ctx.state.context.namespace === 'blue' &&
        typedGetPods(ctx.history, (ns) => ns === undefined, at + 1)
      );
    },
  },
];

/** The lesson's progress: which steps are done, and the first one that is not. */
export function lessonProgress(
  ctx: LessonContext,
  steps: readonly LessonStep[] = NAMESPACE_LESSON,
): { done: string[]; next: LessonStep | undefined } {
  const done = steps.filter((s) => s.done(ctx)).map((s) => s.id);
  return { done, next: steps.find((s) => !done.includes(s.id)) };
}
