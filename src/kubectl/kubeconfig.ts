/**
 * kubeconfig contexts as a kubeadm cluster sets them up: one cluster `kubernetes`, one user
 * `kubernetes-admin`, context `kubernetes-admin@kubernetes` selected, no namespace (so
 * `default`). Stored in arrays, never as objects keyed by user input.
 */

export interface KubeContext {
  name: string;
  cluster: string;
  user: string;
  namespace: string;
}

export interface KubeCluster {
  name: string;
  server: string;
}

export interface Kubeconfig {
  currentContext: string;
  contexts: KubeContext[];
  clusters: KubeCluster[];
  users: string[];
  /** Shown by `config delete-context`. */
  path: string;
}

export function createKubeconfig(server = 'https://172.18.0.2:6443'): Kubeconfig {
  return {
    currentContext: 'kubernetes-admin@kubernetes',
    contexts: [
      {
        name: 'kubernetes-admin@kubernetes',
        cluster: 'kubernetes',
        user: 'kubernetes-admin',
        namespace: '',
      },
    ],
    clusters: [{ name: 'kubernetes', server }],
    users: ['kubernetes-admin'],
    path: '/home/learner/.kube/config',
  };
}

export function currentContext(cfg: Kubeconfig): KubeContext | undefined {
  return cfg.contexts.find((c) => c.name === cfg.currentContext);
}

/** The namespace every command defaults to: the current context's, else `default`. */
export function defaultNamespace(cfg: Kubeconfig): string {
  return currentContext(cfg)?.namespace || 'default';
}

/** `kubectl config view` as an object (go-yaml sorts the keys when printed). */
export function kubeconfigView(cfg: Kubeconfig, minify = false): Record<string, unknown> {
  const cur = currentContext(cfg);
  const contexts = minify && cur ? [cur] : cfg.contexts;
  const clusterNames = new Set(contexts.map((c) => c.cluster));
  const userNames = new Set(contexts.map((c) => c.user));
  const clusters = minify ? cfg.clusters.filter((c) => clusterNames.has(c.name)) : cfg.clusters;
  const users = minify ? cfg.users.filter((u) => userNames.has(u)) : cfg.users;
  return {
    apiVersion: 'v1',
    clusters: [...clusters]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((c) => ({
        cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: c.server },
        name: c.name,
      })),
    contexts: [...contexts]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((c) => ({
        context: {
          cluster: c.cluster,
          ...(c.namespace ? { namespace: c.namespace } : {}),
          user: c.user,
        },
        name: c.name,
      })),
    'current-context': cfg.currentContext,
    kind: 'Config',
    preferences: {},
    users: [...users].sort().map((u) => ({
      name: u,
      user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' },
    })),
  };
}
