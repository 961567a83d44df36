/**
 * kustomize's transformers where kubectl 1.32 (kustomize v5.5) was found to differ from this
 * console: image matching, the replicas field, binding subjects after namespace and prefix,
 * template labels. Files and expected outputs are a real kubectl 1.32.5's.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

function session(files: Record<string, string>) {
  const s = engineSession(3);
  for (const [path, text] of Object.entries(files)) s.host.fs.write(path, text);
  return s;
}

describe('kustomize transformers (kubectl 1.32)', () => {
  it('matches an images entry as a pattern for the whole image, tag or digest after it (busybox:1.36 matches itself, nginx not nginx-exporter)', () => {
    const { run } = session({
      'd.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: init
    image: busybox:1.36
  containers:
  - name: a
    image: nginx:latest
  - name: b
    image: redis@sha256:aaaa
  - name: c
    image: nginx-exporter:0.11
`,
      'kustomization.yaml': `resources:
- d.yaml
images:
- name: busybox:1.36
  newTag: "1.37"
- name: nginx
  newName: my.registry/nginx
- name: redis
  newTag: "7"
`,
    });
    expect(run('kubectl kustomize')).toEqual({
      out: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - image: my.registry/nginx:latest
    name: a
  - image: redis:7
    name: b
  - image: nginx-exporter:0.11
    name: c
  initContainers:
  - image: busybox:1.37
    name: init
`,
      err: '',
      code: 0,
    });
  });

  it('refuses a replicas entry that names no workload, and reads a missing count as 0', () => {
    const { run } = session({
      'a/kustomization.yaml': `resources:
- d.yaml
`,
      'missing/kustomization.yaml': `resources:
- ../a
replicas:
- name: apii
  count: 3
`,
      'nocount/kustomization.yaml': `resources:
- ../a
replicas:
- name: api
`,
      'a/d.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: nginx
`,
    });
    expect(run('kubectl kustomize missing')).toEqual({
      out: '',
      err: 'error: resource with name apii does not match a config with the following GVK [Deployment.[noVer].[noGrp] StatefulSet.[noVer].[noGrp] ReplicaSet.[noVer].[noGrp] ReplicationController.[noVer].[noGrp]]\n',
      code: 1,
    });
    expect(run('kubectl kustomize nocount')).toEqual({
      out: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 0
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - image: nginx
        name: api
`,
      err: '',
      code: 0,
    });
  });

  it('points ServiceAccount subjects at the renamed account and its namespace; subjects named default take the namespace', () => {
    const { run } = session({
      'base/rb.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: rb
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: r
subjects:
- kind: ServiceAccount
  name: sa
- kind: ServiceAccount
  name: default
- kind: ServiceAccount
  name: x
  namespace: other
- kind: ServiceAccount
  name: sa
  namespace: elsewhere
- kind: User
  name: bob
  apiGroup: rbac.authorization.k8s.io
- kind: ServiceAccount
  name: notdefined
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: crb
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cr
subjects:
- kind: ServiceAccount
  name: sa
- kind: ServiceAccount
  name: default
  namespace: kube-system
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: sa
`,
      'base/kustomization.yaml': `resources:
- rb.yaml
`,
      'ns/kustomization.yaml': `resources:
- ../base
namespace: prod
`,
      'pre/kustomization.yaml': `resources:
- ../base
namePrefix: p-
`,
      'both/kustomization.yaml': `resources:
- ../base
namePrefix: p-
namespace: prod
`,
    });
    expect(run('kubectl kustomize both')).toEqual({
      out: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: p-sa
  namespace: prod
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: p-rb
  namespace: prod
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: r
subjects:
- kind: ServiceAccount
  name: p-sa
  namespace: prod
- kind: ServiceAccount
  name: default
  namespace: prod
- kind: ServiceAccount
  name: x
  namespace: other
- kind: ServiceAccount
  name: sa
  namespace: elsewhere
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: bob
- kind: ServiceAccount
  name: notdefined
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: p-crb
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cr
subjects:
- kind: ServiceAccount
  name: p-sa
  namespace: prod
- kind: ServiceAccount
  name: default
  namespace: prod
`,
      err: '',
      code: 0,
    });
  });

  it("labels a CronJob's job template and a StatefulSet's claim templates with includeTemplates, selectors untouched", () => {
    const { run } = session({
      'tmpl/all.yaml': `apiVersion: batch/v1
kind: CronJob
metadata:
  name: cj
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: c
            image: busybox
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: postgres
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ds
spec:
  selector:
    matchLabels:
      app: ds
  template:
    metadata:
      labels:
        app: ds
    spec:
      containers:
      - name: c
        image: busybox
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: np
spec:
  podSelector:
    matchLabels:
      app: db
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: api
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: pdb
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: db
`,
      'tmpl/kustomization.yaml': `resources:
- all.yaml
labels:
- pairs:
    env: x
  includeTemplates: true
`,
    });
    expect(run('kubectl kustomize tmpl')).toEqual({
      out: `apiVersion: v1
kind: Service
metadata:
  labels:
    env: x
  name: db
spec:
  clusterIP: None
  selector:
    app: db
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  labels:
    env: x
  name: db
spec:
  selector:
    matchLabels:
      app: db
  serviceName: db
  template:
    metadata:
      labels:
        app: db
        env: x
    spec:
      containers:
      - image: postgres
        name: db
  volumeClaimTemplates:
  - metadata:
      labels:
        env: x
      name: data
    spec:
      accessModes:
      - ReadWriteOnce
      resources:
        requests:
          storage: 1Gi
---
apiVersion: batch/v1
kind: CronJob
metadata:
  labels:
    env: x
  name: cj
spec:
  jobTemplate:
    metadata:
      labels:
        env: x
    spec:
      template:
        metadata:
          labels:
            env: x
        spec:
          containers:
          - image: busybox
            name: c
          restartPolicy: OnFailure
  schedule: '* * * * *'
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  labels:
    env: x
  name: pdb
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: db
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  labels:
    env: x
  name: ds
spec:
  selector:
    matchLabels:
      app: ds
  template:
    metadata:
      labels:
        app: ds
        env: x
    spec:
      containers:
      - image: busybox
        name: c
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  labels:
    env: x
  name: np
spec:
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: api
  podSelector:
    matchLabels:
      app: db
`,
      err: '',
      code: 0,
    });
  });
  it('takes a subject in namespace default for the account without one, and moves it with the account', () => {
    const { run } = session({
      'base/app.yaml': `apiVersion: v1
kind: ServiceAccount
metadata:
  name: app
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: reader
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: reader
subjects:
- kind: ServiceAccount
  name: app
  namespace: default
`,
      'base/kustomization.yaml': `resources:
- app.yaml
`,
      'dev/kustomization.yaml': `resources:
- ../base
namespace: dev
namePrefix: dev-
`,
    });
    expect(run('kubectl kustomize dev')).toEqual({
      out: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: dev-app
  namespace: dev
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: dev-reader
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: reader
subjects:
- kind: ServiceAccount
  name: dev-app
  namespace: dev
`,
      err: '',
      code: 0,
    });
  });
  it('leaves cluster-scoped kinds the cluster does not serve (a ValidatingWebhookConfiguration) without namespace, orders kinds legacy-style', () => {
    const { run } = session({
      'all.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: j
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: busybox
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec:
  size: 1
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
provisioner: x
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv
spec:
  capacity:
    storage: 1Gi
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /tmp
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: rq
spec:
  hard:
    pods: "10"
---
apiVersion: v1
kind: LimitRange
metadata:
  name: lr
spec:
  limits:
  - type: Container
    default:
      cpu: 100m
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: vwc
webhooks: []
---
apiVersion: v1
kind: Namespace
metadata:
  name: zeta
`,
      'kustomization.yaml': `resources:
- all.yaml
commonLabels:
  team: t
namePrefix: x-
namespace: space
`,
    });
    expect(run('kubectl kustomize')).toEqual({
      out: `apiVersion: v1
kind: Namespace
metadata:
  labels:
    team: t
  name: space
---
apiVersion: v1
kind: ResourceQuota
metadata:
  labels:
    team: t
  name: x-rq
  namespace: space
spec:
  hard:
    pods: "10"
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  labels:
    team: t
  name: x-fast
provisioner: x
---
apiVersion: v1
kind: LimitRange
metadata:
  labels:
    team: t
  name: x-lr
  namespace: space
spec:
  limits:
  - default:
      cpu: 100m
    type: Container
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  labels:
    team: t
  name: x-high
value: 1000
---
apiVersion: v1
kind: PersistentVolume
metadata:
  labels:
    team: t
  name: x-pv
spec:
  accessModes:
  - ReadWriteOnce
  capacity:
    storage: 1Gi
  hostPath:
    path: /tmp
---
apiVersion: batch/v1
kind: Job
metadata:
  labels:
    team: t
  name: x-j
  namespace: space
spec:
  template:
    metadata:
      labels:
        team: t
    spec:
      containers:
      - image: busybox
        name: c
      restartPolicy: Never
---
apiVersion: example.com/v1
kind: Widget
metadata:
  labels:
    team: t
  name: x-w
  namespace: space
spec:
  size: 1
---
apiVersion: v1
kind: Pod
metadata:
  labels:
    team: t
  name: x-p
  namespace: space
spec:
  containers:
  - image: busybox
    name: c
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  labels:
    team: t
  name: x-vwc
webhooks: []
`,
      err: "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n",
      code: 0,
    });
  });
  it('refuses two objects that namespace: makes one, and an id repeated in one file, as kustomize words them', () => {
    const { run } = session({
      'all.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  namespace: n1
data:
  k: v
---
apiVersion: v1
kind: ConfigMap
metadata:
  namespace: n2
  name: a
`,
      'kustomization.yaml': `resources:
- all.yaml
namespace: x
`,
      'd/all.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: a
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
`,
      'd/kustomization.yaml': `resources:
- all.yaml
`,
    });
    expect(run('kubectl kustomize')).toEqual({
      out: '',
      err: 'error: namespace transformation produces ID conflict: [{"apiVersion":"v1","data":{"k":"v"},"kind":"ConfigMap","metadata":{"annotations":{"internal.config.kubernetes.io/previousKinds":"ConfigMap","internal.config.kubernetes.io/previousNames":"a","internal.config.kubernetes.io/previousNamespaces":"n1"},"name":"a","namespace":"x"}} {"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{"internal.config.kubernetes.io/previousKinds":"ConfigMap","internal.config.kubernetes.io/previousNames":"a","internal.config.kubernetes.io/previousNamespaces":"n2"},"name":"a","namespace":"x"}}]\n',
      code: 1,
    });
    expect(run('kubectl kustomize d')).toEqual({
      out: '',
      err: "error: accumulating resources: accumulation err='accumulating resources from 'all.yaml': may not add resource with an already registered id: ConfigMap.v1.[noGrp]/a.[noNs]': must build at directory: '/home/learner/d/all.yaml': file is not directory\n",
      code: 1,
    });
  });
});
