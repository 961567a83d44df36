/**
 * `kubectl apply -f https://k8s.io/examples/…`: the manifests of the Kubernetes documentation,
 * shipped with the console. The page makes no network request: a URL that names one of the
 * documentation's example files answers with the copy in `docsExamples.ts`; any other path on
 * the documentation's hosts answers as the website does, 404; any other host cannot be reached.
 */
import { DOCS_EXAMPLES } from './docsExamples.ts';

/** What reading a `-f` URL gives. */
export type UrlRead =
  | { kind: 'ok'; text: string }
  /** The documentation host answers 404 for a path it does not serve. */
  | { kind: 'notFound' }
  /** A host this console cannot reach (no network from the page). */
  | { kind: 'unreachable' };

/**
 * Hosts (and path prefixes) that serve `content/en/examples/` of kubernetes/website:
 * `k8s.io/examples/` redirects to `kubernetes.io/examples/`, and GitHub serves the raw files.
 */
const PREFIXES = [
  'k8s.io/examples/',
  'kubernetes.io/examples/',
  'raw.githubusercontent.com/kubernetes/website/main/content/en/examples/',
];

/** Whether a `-f` argument is a URL: kubectl's builder checks exactly these two prefixes. */
export function isUrl(arg: string): boolean {
  return arg.startsWith('http://') || arg.startsWith('https://');
}

/** The documentation example path a URL names (`controllers/job.yaml`), if it is one. */
export function examplePath(url: string): string | undefined {
  const rest = url.replace(/^https?:\/\//, '').replace(/[?#].*$/, '');
  for (const prefix of PREFIXES) {
    if (rest.startsWith(prefix)) return rest.slice(prefix.length);
  }
  return undefined;
}

/** Reads a `-f` URL from the shipped copies (see the module comment). */
export function readUrl(url: string): UrlRead {
  const path = examplePath(url);
  if (path === undefined) return { kind: 'unreachable' };
  const text = DOCS_EXAMPLES[path];
  return text === undefined ? { kind: 'notFound' } : { kind: 'ok', text };
}

/** The example paths shipped (sorted), for completion and the README's list. */
export function examplePaths(): string[] {
  return Object.keys(DOCS_EXAMPLES).sort();
}
