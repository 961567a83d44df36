/**
 * Example manifests of the Kubernetes documentation, as https://kubernetes.io/examples/<path>
 * serves them (the files of content/en/examples/ in github.com/kubernetes/website), keyed by
 * <path>. Kubernetes website content © The Kubernetes Authors, licensed CC BY 4.0
 * (https://creativecommons.org/licenses/by/4.0/); see README.md beside this file.
 *
 * Generated data: one entry per file, text unchanged.
 */
export const DOCS_EXAMPLES: Readonly<Record<string, string>> = {
  'admin/dns/busybox.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: busybox
  namespace: default
spec:
  containers:
  - name: busybox
    image: busybox:1.28
    command:
      - sleep
      - "3600"
    imagePullPolicy: IfNotPresent
  restartPolicy: Always
`,
  'admin/dns/dnsutils.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: dnsutils
  namespace: default
spec:
  containers:
  - name: dnsutils
    image: registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3
    command:
      - sleep
      - "infinity"
    imagePullPolicy: IfNotPresent
  restartPolicy: Always
`,
  'admin/logging/two-files-counter-pod-streaming-sidecar.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: counter
spec:
  containers:
  - name: count
    image: busybox:1.28
    args:
    - /bin/sh
    - -c
    - >
      i=0;
      while true;
      do
        echo "$i: $(date)" >> /var/log/1.log;
        echo "$(date) INFO $i" >> /var/log/2.log;
        i=$((i+1));
        sleep 1;
      done
    volumeMounts:
    - name: varlog
      mountPath: /var/log
  - name: count-log-1
    image: busybox:1.28
    args: [/bin/sh, -c, 'tail -n+1 -f /var/log/1.log']
    volumeMounts:
    - name: varlog
      mountPath: /var/log
  - name: count-log-2
    image: busybox:1.28
    args: [/bin/sh, -c, 'tail -n+1 -f /var/log/2.log']
    volumeMounts:
    - name: varlog
      mountPath: /var/log
  volumes:
  - name: varlog
    emptyDir: {}
`,
  'admin/logging/two-files-counter-pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: counter
spec:
  containers:
  - name: count
    image: busybox:1.28
    args:
    - /bin/sh
    - -c
    - >
      i=0;
      while true;
      do
        echo "$i: $(date)" >> /var/log/1.log;
        echo "$(date) INFO $i" >> /var/log/2.log;
        i=$((i+1));
        sleep 1;
      done
    volumeMounts:
    - name: varlog
      mountPath: /var/log
  volumes:
  - name: varlog
    emptyDir: {}
`,
  'admin/namespace-dev.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: development
  labels:
    name: development
`,
  'admin/namespace-prod.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: production
  labels:
    name: production
`,
  'admin/resource/cpu-constraints-pod-2.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "constraints-cpu-demo-2",
  },
  spec: {
    containers: [{
      name: "constraints-cpu-demo-2-ctr",
      image: "nginx",
      resources: {
        limits: {
          cpu: "1.5",
        },
        requests: {
          cpu: "500m",
        },
      },
    }],
  },
}
`,
  'admin/resource/cpu-constraints-pod-3.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "constraints-cpu-demo-3",
  },
  spec: {
    containers: [{
      name: "constraints-cpu-demo-3-ctr",
      image: "nginx",
      resources: {
        limits: {
          cpu: "800m",
        },
        requests: {
          cpu: "100m",
        },
      },
    }],
  },
}
`,
  'admin/resource/cpu-constraints-pod-4.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: constraints-cpu-demo-4
spec:
  containers:
  - name: constraints-cpu-demo-4-ctr
    image: vish/stress
`,
  'admin/resource/cpu-constraints-pod.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "constraints-cpu-demo",
  },
  spec: {
    containers: [{
      name: "constraints-cpu-demo-ctr",
      image: "nginx",
      resources: {
        limits: {
          cpu: "800m",
        },
        requests: {
          cpu: "500m",
        },
      },
    }],
  },
}
`,
  'admin/resource/cpu-constraints.yaml': `---
{
  apiVersion: "v1",
  kind: "LimitRange",
  metadata: {
    name: "cpu-min-max-demo-lr",
  },
  spec: {
    limits: [{
      max: {
        cpu: "800m",
      },
      min: {
        cpu: "200m",
      },
      type: "Container",
    }],
  },
}
`,
  'admin/resource/cpu-defaults-pod-2.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "default-cpu-demo-2",
  },
  spec: {
    containers: [{
      name: "default-cpu-demo-2-ctr",
      image: "nginx",
      resources: {
        limits: {
          cpu: "1",
        },
      },
    }],
  },
}
`,
  'admin/resource/cpu-defaults-pod-3.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "default-cpu-demo-3",
  },
  spec: {
    containers: [{
      name: "default-cpu-demo-3-ctr",
      image: "nginx",
      resources: {
        requests: {
          cpu: "0.75",
        },
      },
    }],
  },
}
`,
  'admin/resource/cpu-defaults-pod.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "default-cpu-demo",
  },
  spec: {
    containers: [{
      name: "default-cpu-demo-ctr",
      image: "nginx",
    }],
  },
}
`,
  'admin/resource/cpu-defaults.yaml': `---
{
  apiVersion: "v1",
  kind: "LimitRange",
  metadata: {
    name: "cpu-limit-range",
  },
  spec: {
    limits: [{
      default: {
        cpu: 1,
      },
      defaultRequest: {
        cpu: 0.5,
      },
      type: "Container",
    }],
  },
}
`,
  'admin/resource/limit-mem-cpu-container.yaml': `---
{
  apiVersion: "v1",
  kind: "LimitRange",
  metadata: {
    name: "limit-mem-cpu-per-container",
  },
  spec: {
    limits: [{
      max: {
        cpu: "800m",
        memory: "1Gi",
      },
      min: {
        cpu: "100m",
        memory: "99Mi",
      },
      default: {
        cpu: "700m",
        memory: "900Mi",
      },
      defaultRequest: {
        cpu: "110m",
        memory: "111Mi",
      },
      type: "Container",
    }],
  },
}
`,
  'admin/resource/limit-mem-cpu-pod.yaml': `---
{
  apiVersion: "v1",
  kind: "LimitRange",
  metadata: {
    name: "limit-mem-cpu-per-pod",
  },
  spec: {
    limits: [{
      max: {
        cpu: "2",
        memory: "2Gi",
      },
      type: "Pod",
    }],
  },
}
`,
  'admin/resource/limit-memory-ratio-pod.yaml': `---
{
  apiVersion: "v1",
  kind: "LimitRange",
  metadata: {
    name: "limit-memory-ratio-pod",
  },
  spec: {
    limits: [{
      maxLimitRequestRatio: {
        memory: 2,
      },
      type: "Pod",
    }],
  },
}
`,
  'admin/resource/limit-range-pod-1.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "busybox1",
  },
  spec: {
    containers: [{
      name: "busybox-cnt01",
      image: "busybox:1.28",
      command: [
        "/bin/sh",
      ],
      args: [
        "-c",
        "while true; do echo hello from cnt01; sleep 10;done",
      ],
      resources: {
        requests: {
          memory: "100Mi",
          cpu: "100m",
        },
        limits: {
          memory: "200Mi",
          cpu: "500m",
        },
      },
    }, {
      name: "busybox-cnt02",
      image: "busybox:1.28",
      command: [
        "/bin/sh",
      ],
      args: [
        "-c",
        "while true; do echo hello from cnt02; sleep 10;done",
      ],
      resources: {
        requests: {
          memory: "100Mi",
          cpu: "100m",
        },
      },
    }, {
      name: "busybox-cnt03",
      image: "busybox:1.28",
      command: [
        "/bin/sh",
      ],
      args: [
        "-c",
        "while true; do echo hello from cnt03; sleep 10;done",
      ],
      resources: {
        limits: {
          memory: "200Mi",
          cpu: "500m",
        },
      },
    }, {
      name: "busybox-cnt04",
      image: "busybox:1.28",
      command: [
        "/bin/sh",
      ],
      args: [
        "-c",
        "while true; do echo hello from cnt04; sleep 10;done",
      ],
    }],
  },
}
`,
  'admin/resource/limit-range-pod-2.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "busybox2",
  },
  spec: {
    containers: [{
      name: "busybox-cnt01",
      image: "busybox:1.28",
      command: [
        "/bin/sh",
      ],
      args: [
        "-c",
        "while true; do echo hello from cnt01; sleep 10;done",
      ],
      resources: {
        requests: {
          memory: "100Mi",
          cpu: "100m",
        },
        limits: {
          memory: "200Mi",
          cpu: "500m",
        },
      },
    }, {
      name: "busybox-cnt02",
      image: "busybox:1.28",
      command: [
        "/bin/sh",
      ],
      args: [
        "-c",
        "while true; do echo hello from cnt02; sleep 10;done",
      ],
      resources: {
        requests: {
          memory: "100Mi",
          cpu: "100m",
        },
      },
    }, {
      name: "busybox-cnt03",
      image: "busybox:1.28",
      command: [
        "/bin/sh",
      ],
      args: [
        "-c",
        "while true; do echo hello from cnt03; sleep 10;done",
      ],
      resources: {
        limits: {
          memory: "200Mi",
          cpu: "500m",
        },
      },
    }, {
      name: "busybox-cnt04",
      image: "busybox:1.28",
      command: [
        "/bin/sh",
      ],
      args: [
        "-c",
        "while true; do echo hello from cnt04; sleep 10;done",
      ],
    }],
  },
}
`,
  'admin/resource/limit-range-pod-3.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "busybox3",
  },
  spec: {
    containers: [{
      name: "busybox-cnt01",
      image: "busybox:1.28",
      command: [
        "sleep",
        "3600",
      ],
      resources: {
        limits: {
          memory: "300Mi",
        },
        requests: {
          memory: "100Mi",
        },
      },
    }],
  },
}
`,
  'admin/resource/memory-constraints-pod-2.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "constraints-mem-demo-2",
  },
  spec: {
    containers: [{
      name: "constraints-mem-demo-2-ctr",
      image: "nginx",
      resources: {
        limits: {
          memory: "1.5Gi",
        },
        requests: {
          memory: "800Mi",
        },
      },
    }],
  },
}
`,
  'admin/resource/memory-constraints-pod-3.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "constraints-mem-demo-3",
  },
  spec: {
    containers: [{
      name: "constraints-mem-demo-3-ctr",
      image: "nginx",
      resources: {
        limits: {
          memory: "800Mi",
        },
        requests: {
          memory: "100Mi",
        },
      },
    }],
  },
}
`,
  'admin/resource/memory-constraints-pod-4.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "constraints-mem-demo-4",
  },
  spec: {
    containers: [{
      name: "constraints-mem-demo-4-ctr",
      image: "nginx",
    }],
  },
}
`,
  'admin/resource/memory-constraints-pod.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "constraints-mem-demo",
  },
  spec: {
    containers: [{
      name: "constraints-mem-demo-ctr",
      image: "nginx",
      resources: {
        limits: {
          memory: "800Mi",
        },
        requests: {
          memory: "600Mi",
        },
      },
    }],
  },
}
`,
  'admin/resource/memory-constraints.yaml': `---
{
  apiVersion: "v1",
  kind: "LimitRange",
  metadata: {
    name: "mem-min-max-demo-lr",
  },
  spec: {
    limits: [{
      max: {
        memory: "1Gi",
      },
      min: {
        memory: "500Mi",
      },
      type: "Container",
    }],
  },
}
`,
  'admin/resource/memory-defaults-pod-2.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "default-mem-demo-2",
  },
  spec: {
    containers: [{
      name: "default-mem-demo-2-ctr",
      image: "nginx",
      resources: {
        limits: {
          memory: "1Gi",
        },
      },
    }],
  },
}
`,
  'admin/resource/memory-defaults-pod-3.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "default-mem-demo-3",
  },
  spec: {
    containers: [{
      name: "default-mem-demo-3-ctr",
      image: "nginx",
      resources: {
        requests: {
          memory: "128Mi",
        },
      },
    }],
  },
}
`,
  'admin/resource/memory-defaults-pod.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "default-mem-demo",
  },
  spec: {
    containers: [{
      name: "default-mem-demo-ctr",
      image: "nginx",
    }],
  },
}
`,
  'admin/resource/memory-defaults.yaml': `---
{
  apiVersion: "v1",
  kind: "LimitRange",
  metadata: {
    name: "mem-limit-range",
  },
  spec: {
    limits: [{
      default: {
        memory: "512Mi",
      },
      defaultRequest: {
        memory: "256Mi",
      },
      type: "Container",
    }],
  },
}
`,
  'admin/resource/pvc-limit-greater.yaml': `kind: PersistentVolumeClaim
apiVersion: v1
metadata:
  name: pvc-limit-greater
spec:
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 5Gi
`,
  'admin/resource/pvc-limit-lower.yaml': `kind: PersistentVolumeClaim
apiVersion: v1
metadata:
  name: pvc-limit-lower
spec:
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 500Mi
`,
  'admin/resource/quota-mem-cpu-pod-2.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "quota-mem-cpu-demo-2",
  },
  spec: {
    containers: [{
      name: "quota-mem-cpu-demo-2-ctr",
      image: "redis",
      resources: {
        limits: {
          memory: "1Gi",
          cpu: "800m",
        },
        requests: {
          memory: "700Mi",
          cpu: "400m",
        },
      },
    }],
  },
}
`,
  'admin/resource/quota-mem-cpu-pod.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "quota-mem-cpu-demo",
  },
  spec: {
    containers: [{
      name: "quota-mem-cpu-demo-ctr",
      image: "nginx",
      resources: {
        limits: {
          memory: "800Mi",
          cpu: "800m",
        },
        requests: {
          memory: "600Mi",
          cpu: "400m",
        },
      },
    }],
  },
}
`,
  'admin/resource/quota-mem-cpu.yaml': `---
{
  apiVersion: "v1",
  kind: "ResourceQuota",
  metadata: {
    name: "mem-cpu-demo",
  },
  spec: {
    hard: {
      requests.cpu: "1",
      requests.memory: "1Gi",
      limits.cpu: "2",
      limits.memory: "2Gi",
    },
  },
}
`,
  'admin/resource/quota-objects-pvc-2.yaml': `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: pvc-quota-demo-2
spec:
  storageClassName: manual
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 4Gi
`,
  'admin/resource/quota-objects-pvc.yaml': `kind: PersistentVolumeClaim
apiVersion: v1
metadata:
  name: pvc-quota-demo
spec:
  storageClassName: manual
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 3Gi
`,
  'admin/resource/quota-objects.yaml': `---
{
  apiVersion: "v1",
  kind: "ResourceQuota",
  metadata: {
    name: "object-quota-demo",
  },
  spec: {
    hard: {
      persistentvolumeclaims: "1",
      services.loadbalancers: "2",
      services.nodeports: "0",
    },
  },
}
`,
  'admin/resource/quota-pod-deployment.yaml': `---
{
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "pod-quota-demo",
  },
  spec: {
    selector: {
      matchLabels: {
        purpose: "quota-demo",
      },
    },
    replicas: 3,
    template: {
      metadata: {
        labels: {
          purpose: "quota-demo",
        },
      },
      spec: {
        containers: [{
          name: "pod-quota-demo",
          image: "nginx",
        }],
      },
    },
  },
}
`,
  'admin/resource/quota-pod.yaml': `---
{
  apiVersion: "v1",
  kind: "ResourceQuota",
  metadata: {
    name: "pod-demo",
  },
  spec: {
    hard: {
      pods: "2",
    },
  },
}
`,
  'admin/resource/storagelimits.yaml': `---
{
  apiVersion: "v1",
  kind: "LimitRange",
  metadata: {
    name: "storagelimits",
  },
  spec: {
    limits: [{
      type: "PersistentVolumeClaim",
      max: {
        storage: "2Gi",
      },
      min: {
        storage: "1Gi",
      },
    }],
  },
}
`,
  'application/deployment-patch.yaml': `---
{
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "patch-demo",
  },
  spec: {
    replicas: 2,
    selector: {
      matchLabels: {
        app: "nginx",
      },
    },
    template: {
      metadata: {
        labels: {
          app: "nginx",
        },
      },
      spec: {
        containers: [{
          name: "patch-demo-ctr",
          image: "nginx",
        }],
        tolerations: [{
          effect: "NoSchedule",
          key: "dedicated",
          value: "test-team",
        }],
      },
    },
  },
}
`,
  'application/deployment-scale.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
spec:
  selector:
    matchLabels:
      app: nginx
  replicas: 4 # Update the replicas from 2 to 4
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.16.1
        ports:
        - containerPort: 80
`,
  'application/deployment-update.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
spec:
  selector:
    matchLabels:
      app: nginx
  replicas: 2 # tells deployment to run 2 pods matching the template
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.16.1 # Update the version of nginx from 1.14.2 to 1.16.1
        ports:
        - containerPort: 80
`,
  'application/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
spec:
  selector:
    matchLabels:
      app: nginx
  replicas: 2 # tells deployment to run 2 pods matching the template
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`,
  'application/guestbook/frontend-deployment.yaml': `# SOURCE: https://cloud.google.com/kubernetes-engine/docs/tutorials/guestbook
apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
spec:
  replicas: 3
  selector:
    matchLabels:
        app: guestbook
        tier: frontend
  template:
    metadata:
      labels:
        app: guestbook
        tier: frontend
    spec:
      containers:
      - name: php-redis
        image: us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5
        env:
        - name: GET_HOSTS_FROM
          value: "dns"
        resources:
          requests:
            cpu: 100m
            memory: 100Mi
        ports:
        - containerPort: 80
`,
  'application/guestbook/frontend-service.yaml': `# SOURCE: https://cloud.google.com/kubernetes-engine/docs/tutorials/guestbook
apiVersion: v1
kind: Service
metadata:
  name: frontend
  labels:
    app: guestbook
    tier: frontend
spec:
  # if your cluster supports it, uncomment the following to automatically create
  # an external load-balanced IP for the frontend service.
  # type: LoadBalancer
  #type: LoadBalancer
  ports:
    # the port that this service should serve on
  - port: 80
  selector:
    app: guestbook
    tier: frontend
`,
  'application/guestbook/redis-follower-deployment.yaml': `# SOURCE: https://cloud.google.com/kubernetes-engine/docs/tutorials/guestbook
apiVersion: apps/v1
kind: Deployment
metadata:
  name: redis-follower
  labels:
    app: redis
    role: follower
    tier: backend
spec:
  replicas: 2
  selector:
    matchLabels:
      app: redis
  template:
    metadata:
      labels:
        app: redis
        role: follower
        tier: backend
    spec:
      containers:
      - name: follower
        image: us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower:v2
        resources:
          requests:
            cpu: 100m
            memory: 100Mi
        ports:
        - containerPort: 6379
`,
  'application/guestbook/redis-follower-service.yaml': `# SOURCE: https://cloud.google.com/kubernetes-engine/docs/tutorials/guestbook
apiVersion: v1
kind: Service
metadata:
  name: redis-follower
  labels:
    app: redis
    role: follower
    tier: backend
spec:
  ports:
    # the port that this service should serve on
  - port: 6379
  selector:
    app: redis
    role: follower
    tier: backend
`,
  'application/guestbook/redis-leader-deployment.yaml': `# SOURCE: https://cloud.google.com/kubernetes-engine/docs/tutorials/guestbook
apiVersion: apps/v1
kind: Deployment
metadata:
  name: redis-leader
  labels:
    app: redis
    role: leader
    tier: backend
spec:
  replicas: 1
  selector:
    matchLabels:
      app: redis
  template:
    metadata:
      labels:
        app: redis
        role: leader
        tier: backend
    spec:
      containers:
      - name: leader
        image: "docker.io/redis:6.0.5"
        resources:
          requests:
            cpu: 100m
            memory: 100Mi
        ports:
        - containerPort: 6379
`,
  'application/guestbook/redis-leader-service.yaml': `# SOURCE: https://cloud.google.com/kubernetes-engine/docs/tutorials/guestbook
apiVersion: v1
kind: Service
metadata:
  name: redis-leader
  labels:
    app: redis
    role: leader
    tier: backend
spec:
  ports:
  - port: 6379
    targetPort: 6379
  selector:
    app: redis
    role: leader
    tier: backend
`,
  'application/hpa/php-apache.yaml': `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: php-apache
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: php-apache
  minReplicas: 1
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 50
`,
  'application/job/cronjob.yaml': `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
          restartPolicy: OnFailure
`,
  'application/mysql/mysql-configmap.yaml': `---
{
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: {
    name: "mysql",
    labels: {
      app: "mysql",
      app.kubernetes.io/name: "mysql",
    },
  },
  data: {
    primary.cnf: "\\
       # Apply this config only on the primary.\\n\\
       [mysqld]\\n\\
       log-bin\\n\\
      ",
    replica.cnf: "\\
       # Apply this config only on replicas.\\n\\
       [mysqld]\\n\\
       super-read-only\\n\\
      ",
  },
}
`,
  'application/mysql/mysql-deployment.yaml': `---
{
  apiVersion: "v1",
  kind: "Service",
  metadata: {
    name: "mysql",
  },
  spec: {
    ports: [{
      port: 3306,
    }],
    selector: {
      app: "mysql",
    },
    clusterIP: "None",
  },
}
---
{
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "mysql",
  },
  spec: {
    selector: {
      matchLabels: {
        app: "mysql",
      },
    },
    strategy: {
      type: "Recreate",
    },
    template: {
      metadata: {
        labels: {
          app: "mysql",
        },
      },
      spec: {
        containers: [{
          image: "mysql:9",
          name: "mysql",
          env: [
            # Use secret in real usage
            {
              name: "MYSQL_ROOT_PASSWORD",
              value: "password",
            },
          ],
          ports: [{
            containerPort: 3306,
            name: "mysql",
          }],
          volumeMounts: [{
            name: "mysql-persistent-storage",
            mountPath: "/var/lib/mysql",
          }],
        }],
        volumes: [{
          name: "mysql-persistent-storage",
          persistentVolumeClaim: {
            claimName: "mysql-pv-claim",
          },
        }],
      },
    },
  },
}
`,
  'application/mysql/mysql-pv.yaml': `---
{
  apiVersion: "v1",
  kind: "PersistentVolume",
  metadata: {
    name: "mysql-pv-volume",
    labels: {
      type: "local",
    },
  },
  spec: {
    storageClassName: "manual",
    capacity: {
      storage: "20Gi",
    },
    accessModes: [
      "ReadWriteOnce",
    ],
    hostPath: {
      path: "/mnt/data",
    },
  },
}
---
{
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: {
    name: "mysql-pv-claim",
  },
  spec: {
    storageClassName: "manual",
    accessModes: [
      "ReadWriteOnce",
    ],
    resources: {
      requests: {
        storage: "20Gi",
      },
    },
  },
}
`,
  'application/mysql/mysql-services.yaml': `# Headless service for stable DNS entries of StatefulSet members.
apiVersion: v1
kind: Service
metadata:
  name: mysql
  labels:
    app: mysql
    app.kubernetes.io/name: mysql
spec:
  ports:
  - name: mysql
    port: 3306
  clusterIP: None
  selector:
    app: mysql
---
# Client service for connecting to any MySQL instance for reads.
# For writes, you must instead connect to the primary: mysql-0.mysql.
apiVersion: v1
kind: Service
metadata:
  name: mysql-read
  labels:
    app: mysql
    app.kubernetes.io/name: mysql
    readonly: "true"
spec:
  ports:
  - name: mysql
    port: 3306
  selector:
    app: mysql
`,
  'application/mysql/mysql-statefulset.yaml': `---
{
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: {
    name: "mysql",
  },
  spec: {
    selector: {
      matchLabels: {
        app: "mysql",
        app.kubernetes.io/name: "mysql",
      },
    },
    serviceName: "mysql",
    replicas: 3,
    template: {
      metadata: {
        labels: {
          app: "mysql",
          app.kubernetes.io/name: "mysql",
        },
      },
      spec: {
        initContainers: [{
          name: "init-mysql",
          image: "mysql:5.7",
          command: [
            "bash",
            "-c",
            "\\
               set -ex\\n\\
               # Generate mysql server-id from pod ordinal index.\\n\\
               [[ $HOSTNAME =~ -([0-9]+)$ ]] || exit 1\\n\\
               ordinal=\${BASH_REMATCH[1]}\\n\\
               echo [mysqld] > /mnt/conf.d/server-id.cnf\\n\\
               # Add an offset to avoid reserved server-id=0 value.\\n\\
               echo server-id=$((100 + $ordinal)) >> /mnt/conf.d/server-id.cnf\\n\\
               # Copy appropriate conf.d files from config-map to emptyDir.\\n\\
               if [[ $ordinal -eq 0 ]]; then\\n\\
              \\  cp /mnt/config-map/primary.cnf /mnt/conf.d/\\n\\
               else\\n\\
              \\  cp /mnt/config-map/replica.cnf /mnt/conf.d/\\n\\
               fi\\n\\
              ",
          ],
          volumeMounts: [{
            name: "conf",
            mountPath: "/mnt/conf.d",
          }, {
            name: "config-map",
            mountPath: "/mnt/config-map",
          }],
        }, {
          name: "clone-mysql",
          image: "gcr.io/google-samples/xtrabackup:1.0",
          command: [
            "bash",
            "-c",
            "\\
               set -ex\\n\\
               # Skip the clone if data already exists.\\n\\
               [[ -d /var/lib/mysql/mysql ]] && exit 0\\n\\
               # Skip the clone on primary (ordinal index 0).\\n\\
               [[ \`hostname\` =~ -([0-9]+)$ ]] || exit 1\\n\\
               ordinal=\${BASH_REMATCH[1]}\\n\\
               [[ $ordinal -eq 0 ]] && exit 0\\n\\
               # Clone data from previous peer.\\n\\
               ncat --recv-only mysql-$(($ordinal-1)).mysql 3307 | xbstream -x -C /var/lib/mysql\\n\\
               # Prepare the backup.\\n\\
               xtrabackup --prepare --target-dir=/var/lib/mysql\\n\\
              ",
          ],
          volumeMounts: [{
            name: "data",
            mountPath: "/var/lib/mysql",
            subPath: "mysql",
          }, {
            name: "conf",
            mountPath: "/etc/mysql/conf.d",
          }],
        }],
        containers: [{
          name: "mysql",
          image: "mysql:5.7",
          env: [{
            name: "MYSQL_ALLOW_EMPTY_PASSWORD",
            value: "1",
          }],
          ports: [{
            name: "mysql",
            containerPort: 3306,
          }],
          volumeMounts: [{
            name: "data",
            mountPath: "/var/lib/mysql",
            subPath: "mysql",
          }, {
            name: "conf",
            mountPath: "/etc/mysql/conf.d",
          }],
          resources: {
            requests: {
              cpu: "500m",
              memory: "1Gi",
            },
          },
          livenessProbe: {
            exec: {
              command: [
                "mysqladmin",
                "ping",
              ],
            },
            initialDelaySeconds: 30,
            periodSeconds: 10,
            timeoutSeconds: 5,
          },
          readinessProbe: {
            exec: {
              # Check we can execute queries over TCP (skip-networking is off).
              command: [
                "mysql",
                "-h",
                "127.0.0.1",
                "-e",
                "SELECT 1",
              ],
            },
            initialDelaySeconds: 5,
            periodSeconds: 2,
            timeoutSeconds: 1,
          },
        }, {
          name: "xtrabackup",
          image: "gcr.io/google-samples/xtrabackup:1.0",
          ports: [{
            name: "xtrabackup",
            containerPort: 3307,
          }],
          command: [
            "bash",
            "-c",
            "\\
               set -ex\\n\\
               cd /var/lib/mysql\\n\\
               \\n\\
               # Determine binlog position of cloned data, if any.\\n\\
               if [[ -f xtrabackup_slave_info && \\"x$(<xtrabackup_slave_info)\\" != \\"x\\" ]]; then\\n\\
              \\  # XtraBackup already generated a partial \\"CHANGE MASTER TO\\" query\\n\\
              \\  # because we're cloning from an existing replica. (Need to remove the tailing semicolon!)\\n\\
              \\  cat xtrabackup_slave_info | sed -E 's/;$//g' > change_master_to.sql.in\\n\\
              \\  # Ignore xtrabackup_binlog_info in this case (it's useless).\\n\\
              \\  rm -f xtrabackup_slave_info xtrabackup_binlog_info\\n\\
               elif [[ -f xtrabackup_binlog_info ]]; then\\n\\
              \\  # We're cloning directly from primary. Parse binlog position.\\n\\
              \\  [[ \`cat xtrabackup_binlog_info\` =~ ^(.*?)[[:space:]]+(.*?)$ ]] || exit 1\\n\\
              \\  rm -f xtrabackup_binlog_info xtrabackup_slave_info\\n\\
              \\  echo \\"CHANGE MASTER TO MASTER_LOG_FILE='\${BASH_REMATCH[1]}',\\\\\\n\\
              \\        MASTER_LOG_POS=\${BASH_REMATCH[2]}\\" > change_master_to.sql.in\\n\\
               fi\\n\\
               \\n\\
               # Check if we need to complete a clone by starting replication.\\n\\
               if [[ -f change_master_to.sql.in ]]; then\\n\\
              \\  echo \\"Waiting for mysqld to be ready (accepting connections)\\"\\n\\
              \\  until mysql -h 127.0.0.1 -e \\"SELECT 1\\"; do sleep 1; done\\n\\
               \\n\\
              \\  echo \\"Initializing replication from clone position\\"\\n\\
              \\  mysql -h 127.0.0.1 \\\\\\n\\
              \\        -e \\"$(<change_master_to.sql.in), \\\\\\n\\
              \\                MASTER_HOST='mysql-0.mysql', \\\\\\n\\
              \\                MASTER_USER='root', \\\\\\n\\
              \\                MASTER_PASSWORD='', \\\\\\n\\
              \\                MASTER_CONNECT_RETRY=10; \\\\\\n\\
              \\              START SLAVE;\\" || exit 1\\n\\
              \\  # In case of container restart, attempt this at-most-once.\\n\\
              \\  mv change_master_to.sql.in change_master_to.sql.orig\\n\\
               fi\\n\\
               \\n\\
               # Start a server to send backups when requested by peers.\\n\\
               exec ncat --listen --keep-open --send-only --max-conns=1 3307 -c \\\\\\n\\
              \\  \\"xtrabackup --backup --slave-info --stream=xbstream --host=127.0.0.1 --user=root\\"\\n\\
              ",
          ],
          volumeMounts: [{
            name: "data",
            mountPath: "/var/lib/mysql",
            subPath: "mysql",
          }, {
            name: "conf",
            mountPath: "/etc/mysql/conf.d",
          }],
          resources: {
            requests: {
              cpu: "100m",
              memory: "100Mi",
            },
          },
        }],
        volumes: [{
          name: "conf",
          emptyDir: {},
        }, {
          name: "config-map",
          configMap: {
            name: "mysql",
          },
        }],
      },
    },
    volumeClaimTemplates: [{
      metadata: {
        name: "data",
      },
      spec: {
        accessModes: [
          "ReadWriteOnce",
        ],
        resources: {
          requests: {
            storage: "10Gi",
          },
        },
      },
    }],
  },
}
`,
  'application/nginx-app.yaml': `apiVersion: v1
kind: Service
metadata:
  name: my-nginx-svc
  labels:
    app: nginx
spec:
  type: LoadBalancer
  ports:
  - port: 80
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-nginx
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`,
  'application/nginx-with-request.yaml': `---
{
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "nginx-deployment",
  },
  spec: {
    selector: {
      matchLabels: {
        app: "nginx",
      },
    },
    replicas: 2,
    template: {
      metadata: {
        labels: {
          app: "nginx",
        },
      },
      spec: {
        containers: [{
          name: "nginx",
          image: "nginx",
          resources: {
            limits: {
              memory: "128Mi",
              cpu: "500m",
            },
          },
          ports: [{
            containerPort: 80,
          }],
        }],
      },
    },
  },
}
`,
  'application/php-apache.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  selector:
    matchLabels:
      run: php-apache
  template:
    metadata:
      labels:
        run: php-apache
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
          requests:
            cpu: 200m
---
apiVersion: v1
kind: Service
metadata:
  name: php-apache
  labels:
    run: php-apache
spec:
  ports:
  - port: 80
  selector:
    run: php-apache
`,
  'application/shell-demo.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: shell-demo
spec:
  volumes:
  - name: shared-data
    emptyDir: {}
  containers:
  - name: nginx
    image: nginx
    volumeMounts:
    - name: shared-data
      mountPath: /usr/share/nginx/html
  hostNetwork: true
  dnsPolicy: Default
`,
  'application/simple_deployment.yaml': `---
{
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "nginx-deployment",
  },
  spec: {
    selector: {
      matchLabels: {
        app: "nginx",
      },
    },
    minReadySeconds: 5,
    template: {
      metadata: {
        labels: {
          app: "nginx",
        },
      },
      spec: {
        containers: [{
          name: "nginx",
          image: "nginx:1.14.2",
          ports: [{
            containerPort: 80,
          }],
        }],
      },
    },
  },
}
`,
  'application/web/web.yaml': `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
`,
  'application/zookeeper/zookeeper.yaml': `apiVersion: v1
kind: Service
metadata:
  name: zk-hs
  labels:
    app.kubernetes.io/name: zk
spec:
  ports:
  - port: 2888
    name: server
  - port: 3888
    name: leader-election
  clusterIP: None
  selector:
    app.kubernetes.io/name: zk
---
apiVersion: v1
kind: Service
metadata:
  name: zk-cs
  labels:
    app.kubernetes.io/name: zk
spec:
  ports:
  - port: 2181
    name: client
  selector:
    app.kubernetes.io/name: zk
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: zk-pdb
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: zk
  maxUnavailable: 1
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: zk
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: zk
  serviceName: zk-hs
  replicas: 3
  updateStrategy:
    type: RollingUpdate
  podManagementPolicy: OrderedReady
  template:
    metadata:
      labels:
        app.kubernetes.io/name: zk
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector:
                matchExpressions:
                  - key: "app"
                    operator: In
                    values:
                    - zk
              topologyKey: "kubernetes.io/hostname"
      containers:
      - name: kubernetes-zookeeper
        imagePullPolicy: Always
        image: "registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10"
        resources:
          requests:
            memory: "1Gi"
            cpu: "0.5"
        ports:
        - containerPort: 2181
          name: client
        - containerPort: 2888
          name: server
        - containerPort: 3888
          name: leader-election
        command:
        - sh
        - -c
        - "start-zookeeper \\
          --servers=3 \\
          --data_dir=/var/lib/zookeeper/data \\
          --data_log_dir=/var/lib/zookeeper/data/log \\
          --conf_dir=/opt/zookeeper/conf \\
          --client_port=2181 \\
          --election_port=3888 \\
          --server_port=2888 \\
          --tick_time=2000 \\
          --init_limit=10 \\
          --sync_limit=5 \\
          --heap=512M \\
          --max_client_cnxns=60 \\
          --snap_retain_count=3 \\
          --purge_interval=12 \\
          --max_session_timeout=40000 \\
          --min_session_timeout=4000 \\
          --log_level=INFO"
        readinessProbe:
          exec:
            command:
            - sh
            - -c
            - "zookeeper-ready 2181"
          initialDelaySeconds: 10
          timeoutSeconds: 5
        livenessProbe:
          exec:
            command:
            - sh
            - -c
            - "zookeeper-ready 2181"
          initialDelaySeconds: 10
          timeoutSeconds: 5
        volumeMounts:
        - name: datadir
          mountPath: /var/lib/zookeeper
      securityContext:
        runAsUser: 1000
        fsGroup: 1000
  volumeClaimTemplates:
  - metadata:
      name: datadir
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 10Gi
`,
  'configmap/configmap-multikeys.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: special-config
  namespace: default
data:
  SPECIAL_LEVEL: very
  SPECIAL_TYPE: charm
`,
  'configmap/configmaps.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: special-config
  namespace: default
data:
  special.how: very
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: env-config
  namespace: default
data:
  log_level: INFO
`,
  'controllers/daemonset.yaml': `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd-elasticsearch
  namespace: kube-system
  labels:
    k8s-app: fluentd-logging
spec:
  selector:
    matchLabels:
      name: fluentd-elasticsearch
  template:
    metadata:
      labels:
        name: fluentd-elasticsearch
    spec:
      tolerations:
      # these tolerations are to have the daemonset runnable on control plane nodes
      # remove them if your control plane nodes should not run pods
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      - key: node-role.kubernetes.io/master
        operator: Exists
        effect: NoSchedule
      containers:
      - name: fluentd-elasticsearch
        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
        resources:
          limits:
            memory: 200Mi
          requests:
            cpu: 100m
            memory: 200Mi
        volumeMounts:
        - name: varlog
          mountPath: /var/log
      # it may be desirable to set a high priority class to ensure that a DaemonSet Pod
      # preempts running Pods
      # priorityClassName: important
      terminationGracePeriodSeconds: 30
      volumes:
      - name: varlog
        hostPath:
          path: /var/log
`,
  'controllers/frontend.yaml': `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: frontend
  labels:
    app: guestbook
    tier: frontend
spec:
  # modify replicas according to your case
  replicas: 3
  selector:
    matchLabels:
      tier: frontend
  template:
    metadata:
      labels:
        tier: frontend
    spec:
      containers:
      - name: php-redis
        image: us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5
`,
  'controllers/job.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4

`,
  'controllers/nginx-deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`,
  'controllers/replication.yaml': `apiVersion: v1
kind: ReplicationController
metadata:
  name: nginx
spec:
  replicas: 3
  selector:
    app: nginx
  template:
    metadata:
      name: nginx
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
`,
  'debug/counter-pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: counter
spec:
  containers:
  - name: count
    image: busybox:1.28
    args: [/bin/sh, -c,
            'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done']
`,
  'pods/commands.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: command-demo
  labels:
    purpose: demonstrate-command
spec:
  containers:
  - name: command-demo-container
    image: debian
    command: ["printenv"]
    args: ["HOSTNAME", "KUBERNETES_PORT"]
  restartPolicy: OnFailure
`,
  'pods/config/example-redis-config.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: example-redis-config
data:
  redis-config: ""
`,
  'pods/config/redis-pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: redis
spec:
  containers:
  - name: redis
    image: redis:5.0.4
    command:
      - redis-server
      - "/redis-master/redis.conf"
    env:
    - name: MASTER
      value: "true"
    ports:
    - containerPort: 6379
    resources:
      limits:
        cpu: "0.1"
    volumeMounts:
    - mountPath: /redis-master-data
      name: data
    - mountPath: /redis-master
      name: config
  volumes:
    - name: data
      emptyDir: {}
    - name: config
      configMap:
        name: example-redis-config
        items:
        - key: redis-config
          path: redis.conf
`,
  'pods/init-containers.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: init-demo
spec:
  containers:
  - name: nginx
    image: nginx
    ports:
    - containerPort: 80
    volumeMounts:
    - name: workdir
      mountPath: /usr/share/nginx/html
  # These containers are run during pod initialization
  initContainers:
  - name: install
    image: busybox:1.28
    command:
    - wget
    - "-O"
    - "/work-dir/index.html"
    - http://info.cern.ch
    volumeMounts:
    - name: workdir
      mountPath: "/work-dir"
  dnsPolicy: Default
  volumes:
  - name: workdir
    emptyDir: {}
`,
  'pods/inject/dapi-envars-container.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: dapi-envars-resourcefieldref
spec:
  containers:
    - name: test-container
      image: registry.k8s.io/busybox:1.27.2
      command: [ "sh", "-c"]
      args:
      - while true; do
          echo -en '\\n';
          printenv MY_CPU_REQUEST MY_CPU_LIMIT;
          printenv MY_MEM_REQUEST MY_MEM_LIMIT;
          sleep 10;
        done;
      resources:
        requests:
          memory: "32Mi"
          cpu: "125m"
        limits:
          memory: "64Mi"
          cpu: "250m"
      env:
        - name: MY_CPU_REQUEST
          valueFrom:
            resourceFieldRef:
              containerName: test-container
              resource: requests.cpu
        - name: MY_CPU_LIMIT
          valueFrom:
            resourceFieldRef:
              containerName: test-container
              resource: limits.cpu
        - name: MY_MEM_REQUEST
          valueFrom:
            resourceFieldRef:
              containerName: test-container
              resource: requests.memory
        - name: MY_MEM_LIMIT
          valueFrom:
            resourceFieldRef:
              containerName: test-container
              resource: limits.memory
  restartPolicy: Never
`,
  'pods/inject/dapi-envars-pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: dapi-envars-fieldref
spec:
  containers:
    - name: test-container
      image: registry.k8s.io/busybox:1.27.2
      command: [ "sh", "-c"]
      args:
      - while true; do
          echo -en '\\n';
          printenv MY_NODE_NAME MY_POD_NAME MY_POD_NAMESPACE;
          printenv MY_POD_IP MY_POD_SERVICE_ACCOUNT;
          sleep 10;
        done;
      env:
        - name: MY_NODE_NAME
          valueFrom:
            fieldRef:
              fieldPath: spec.nodeName
        - name: MY_POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        - name: MY_POD_NAMESPACE
          valueFrom:
            fieldRef:
              fieldPath: metadata.namespace
        - name: MY_POD_IP
          valueFrom:
            fieldRef:
              fieldPath: status.podIP
        - name: MY_POD_SERVICE_ACCOUNT
          valueFrom:
            fieldRef:
              fieldPath: spec.serviceAccountName
  restartPolicy: Never
`,
  'pods/inject/dapi-volume.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: kubernetes-downwardapi-volume-example
  labels:
    zone: us-est-coast
    cluster: test-cluster1
    rack: rack-22
  annotations:
    build: two
    builder: john-doe
spec:
  containers:
    - name: client-container
      image: registry.k8s.io/busybox:1.27.2
      command: ["sh", "-c"]
      args:
      - while true; do
          if [[ -e /etc/podinfo/labels ]]; then
            echo -en '\\n\\n'; cat /etc/podinfo/labels; fi;
          if [[ -e /etc/podinfo/annotations ]]; then
            echo -en '\\n\\n'; cat /etc/podinfo/annotations; fi;
          sleep 5;
        done;
      volumeMounts:
        - name: podinfo
          mountPath: /etc/podinfo
  volumes:
    - name: podinfo
      downwardAPI:
        items:
          - path: "labels"
            fieldRef:
              fieldPath: metadata.labels
          - path: "annotations"
            fieldRef:
              fieldPath: metadata.annotations
`,
  'pods/inject/dependent-envars.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: dependent-envars-demo
spec:
  containers:
    - name: dependent-envars-demo
      args:
        - while true; do echo -en '\\n'; printf UNCHANGED_REFERENCE=$UNCHANGED_REFERENCE'\\n'; printf SERVICE_ADDRESS=$SERVICE_ADDRESS'\\n';printf ESCAPED_REFERENCE=$ESCAPED_REFERENCE'\\n'; sleep 30; done;
      command:
        - sh
        - -c
      image: busybox:1.28
      env:
        - name: SERVICE_PORT
          value: "80"
        - name: SERVICE_IP
          value: "172.17.0.1"
        - name: UNCHANGED_REFERENCE
          value: "$(PROTOCOL)://$(SERVICE_IP):$(SERVICE_PORT)"
        - name: PROTOCOL
          value: "https"
        - name: SERVICE_ADDRESS
          value: "$(PROTOCOL)://$(SERVICE_IP):$(SERVICE_PORT)"
        - name: ESCAPED_REFERENCE
          value: "$$(PROTOCOL)://$(SERVICE_IP):$(SERVICE_PORT)"
`,
  'pods/inject/envars.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: envar-demo
  labels:
    purpose: demonstrate-envars
spec:
  containers:
  - name: envar-demo-container
    image: gcr.io/google-samples/hello-app:2.0
    env:
    - name: DEMO_GREETING
      value: "Hello from the environment"
    - name: DEMO_FAREWELL
      value: "Such a sweet sorrow"
`,
  'pods/inject/pod-multiple-secret-env-variable.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "envvars-multiple-secrets",
  },
  spec: {
    containers: [{
      name: "envars-test-container",
      image: "nginx",
      env: [{
        name: "BACKEND_USERNAME",
        valueFrom: {
          secretKeyRef: {
            name: "backend-user",
            key: "backend-username",
          },
        },
      }, {
        name: "DB_USERNAME",
        valueFrom: {
          secretKeyRef: {
            name: "db-user",
            key: "db-username",
          },
        },
      }],
    }],
  },
}
`,
  'pods/inject/pod-secret-envFrom.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: envfrom-secret
spec:
  containers:
  - name: envars-test-container
    image: nginx
    envFrom:
    - secretRef:
        name: test-secret
`,
  'pods/inject/pod-single-secret-env-variable.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: env-single-secret
spec:
  containers:
  - name: envars-test-container
    image: nginx
    env:
    - name: SECRET_USERNAME
      valueFrom:
        secretKeyRef:
          name: backend-user
          key: backend-username
`,
  'pods/inject/secret-envars-pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: secret-envars-test-pod
spec:
  containers:
  - name: envars-test-container
    image: nginx
    env:
    - name: SECRET_USERNAME
      valueFrom:
        secretKeyRef:
          name: test-secret
          key: username
    - name: SECRET_PASSWORD
      valueFrom:
        secretKeyRef:
          name: test-secret
          key: password
`,
  'pods/inject/secret-pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: secret-test-pod
spec:
  containers:
    - name: test-container
      image: nginx
      volumeMounts:
        # name must match the volume name below
        - name: secret-volume
          mountPath: /etc/secret-volume
          readOnly: true
  # The secret data is exposed to Containers in the Pod through a Volume.
  volumes:
    - name: secret-volume
      secret:
        secretName: test-secret
`,
  'pods/inject/secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: test-secret
data:
  username: bXktYXBw
  password: Mzk1MjgkdmRnN0pi
`,
  'pods/lifecycle-events.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: lifecycle-demo
spec:
  containers:
  - name: lifecycle-demo-container
    image: nginx
    lifecycle:
      postStart:
        exec:
          command: ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]
      preStop:
        exec:
          command: ["/bin/sh","-c","nginx -s quit; while killall -0 nginx; do sleep 1; done"]
`,
  'pods/pod-configmap-env-var-valueFrom.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: dapi-test-pod
spec:
  containers:
    - name: test-container
      image: registry.k8s.io/busybox
      command: [ "/bin/echo", "$(SPECIAL_LEVEL_KEY) $(SPECIAL_TYPE_KEY)" ]
      env:
        - name: SPECIAL_LEVEL_KEY
          valueFrom:
            configMapKeyRef:
              name: special-config
              key: SPECIAL_LEVEL
        - name: SPECIAL_TYPE_KEY
          valueFrom:
            configMapKeyRef:
              name: special-config
              key: SPECIAL_TYPE
  restartPolicy: Never
`,
  'pods/pod-configmap-envFrom.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: dapi-test-pod
spec:
  containers:
    - name: test-container
      image: registry.k8s.io/busybox
      command: [ "/bin/sh", "-c", "env" ]
      envFrom:
      - configMapRef:
          name: special-config
  restartPolicy: Never
`,
  'pods/pod-configmap-volume.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: dapi-test-pod
spec:
  containers:
    - name: test-container
      image: registry.k8s.io/busybox
      command: [ "/bin/sh", "-c", "ls /etc/config/" ]
      volumeMounts:
      - name: config-volume
        mountPath: /etc/config
  volumes:
    - name: config-volume
      configMap:
        # Provide the name of the ConfigMap containing the files you want
        # to add to the container
        name: special-config
  restartPolicy: Never
`,
  'pods/pod-multiple-configmap-env-variable.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: dapi-test-pod
spec:
  containers:
    - name: test-container
      image: registry.k8s.io/busybox
      command: [ "/bin/sh", "-c", "env" ]
      env:
        - name: SPECIAL_LEVEL_KEY
          valueFrom:
            configMapKeyRef:
              name: special-config
              key: special.how
        - name: LOG_LEVEL
          valueFrom:
            configMapKeyRef:
              name: env-config
              key: log_level
  restartPolicy: Never
`,
  'pods/pod-nginx-preferred-affinity.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  affinity:
    nodeAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 1
        preference:
          matchExpressions:
          - key: disktype
            operator: In
            values:
            - ssd
  containers:
  - name: nginx
    image: nginx
    imagePullPolicy: IfNotPresent
`,
  'pods/pod-nginx-required-affinity.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - key: disktype
            operator: In
            values:
            - ssd
  containers:
  - name: nginx
    image: nginx
    imagePullPolicy: IfNotPresent
`,
  'pods/pod-nginx-specific-node.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  nodeName: foo-node # schedule pod to specific node
  containers:
  - name: nginx
    image: nginx
    imagePullPolicy: IfNotPresent
`,
  'pods/pod-nginx.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    env: test
spec:
  containers:
  - name: nginx
    image: nginx
    imagePullPolicy: IfNotPresent
  nodeSelector:
    disktype: ssd
`,
  'pods/pod-projected-svc-token.yaml': `kind: Pod
apiVersion: v1
metadata:
  name: nginx
spec:
  containers:
  - image: nginx
    name: nginx
    volumeMounts:
    - mountPath: /var/run/secrets/tokens
      name: vault-token
  serviceAccountName: build-robot
  volumes:
  - name: vault-token
    projected:
      sources:
      - serviceAccountToken:
          path: vault-token
          expirationSeconds: 7200
          audience: vault
`,
  'pods/pod-rs.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: pod1
  labels:
    tier: frontend
spec:
  containers:
  - name: hello1
    image: gcr.io/google-samples/hello-app:2.0

---

apiVersion: v1
kind: Pod
metadata:
  name: pod2
  labels:
    tier: frontend
spec:
  containers:
  - name: hello2
    image: gcr.io/google-samples/hello-app:1.0
`,
  'pods/pod-single-configmap-env-variable.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: dapi-test-pod
spec:
  containers:
    - name: test-container
      image: registry.k8s.io/busybox
      command: [ "/bin/sh", "-c", "env" ]
      env:
        # Define the environment variable
        - name: SPECIAL_LEVEL_KEY
          valueFrom:
            configMapKeyRef:
              # The ConfigMap containing the value you want to assign to SPECIAL_LEVEL_KEY
              name: special-config
              # Specify the key associated with the value
              key: special.how
  restartPolicy: Never
`,
  'pods/pod-with-node-affinity.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "with-node-affinity",
  },
  spec: {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{
            matchExpressions: [{
              key: "topology.kubernetes.io/zone",
              operator: "In",
              values: [
                "antarctica-east1",
                "antarctica-west1",
              ],
            }],
          }],
        },
        preferredDuringSchedulingIgnoredDuringExecution: [{
          weight: 1,
          preference: {
            matchExpressions: [{
              key: "another-node-label-key",
              operator: "In",
              values: [
                "another-node-label-value",
              ],
            }],
          },
        }],
      },
    },
    containers: [{
      name: "with-node-affinity",
      image: "registry.k8s.io/pause:3.8",
    }],
  },
}
`,
  'pods/pod-with-pod-affinity.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "with-pod-affinity",
  },
  spec: {
    affinity: {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{
          labelSelector: {
            matchExpressions: [{
              key: "security",
              operator: "In",
              values: [
                "S1",
              ],
            }],
          },
          topologyKey: "topology.kubernetes.io/zone",
        }],
      },
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{
          weight: 100,
          podAffinityTerm: {
            labelSelector: {
              matchExpressions: [{
                key: "security",
                operator: "In",
                values: [
                  "S2",
                ],
              }],
            },
            topologyKey: "topology.kubernetes.io/zone",
          },
        }],
      },
    },
    containers: [{
      name: "with-pod-affinity",
      image: "registry.k8s.io/pause:3.8",
    }],
  },
}
`,
  'pods/pod-with-scheduling-gates.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "test-pod",
  },
  spec: {
    schedulingGates: [{
      name: "example.com/foo",
    }, {
      name: "example.com/bar",
    }],
    containers: [{
      name: "pause",
      image: "registry.k8s.io/pause:3.6",
    }],
  },
}
`,
  'pods/pod-with-toleration.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    env: test
spec:
  containers:
  - name: nginx
    image: nginx
    imagePullPolicy: IfNotPresent
  tolerations:
  - key: "example-key"
    operator: "Exists"
    effect: "NoSchedule"
`,
  'pods/probe/exec-liveness.yaml': `apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox:1.27.2
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5
`,
  'pods/probe/http-liveness.yaml': `apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-http
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/e2e-test-images/agnhost:2.40
    args:
    - liveness
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
        httpHeaders:
        - name: Custom-Header
          value: Awesome
      initialDelaySeconds: 3
      periodSeconds: 3
`,
  'pods/probe/tcp-liveness-readiness.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: goproxy
  labels:
    app: goproxy
spec:
  containers:
  - name: goproxy
    image: registry.k8s.io/goproxy:0.1
    ports:
    - containerPort: 8080
    readinessProbe:
      tcpSocket:
        port: 8080
      initialDelaySeconds: 15
      periodSeconds: 10
    livenessProbe:
      tcpSocket:
        port: 8080
      initialDelaySeconds: 15
      periodSeconds: 10
`,
  'pods/qos/qos-pod-2.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: qos-demo-2
  namespace: qos-example
spec:
  containers:
  - name: qos-demo-2-ctr
    image: nginx
    resources:
      limits:
        memory: "200Mi"
      requests:
        memory: "100Mi"
`,
  'pods/qos/qos-pod-3.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: qos-demo-3
  namespace: qos-example
spec:
  containers:
  - name: qos-demo-3-ctr
    image: nginx
`,
  'pods/qos/qos-pod-4.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: qos-demo-4
  namespace: qos-example
spec:
  containers:

  - name: qos-demo-4-ctr-1
    image: nginx
    resources:
      requests:
        memory: "200Mi"

  - name: qos-demo-4-ctr-2
    image: redis
`,
  'pods/qos/qos-pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: qos-demo
  namespace: qos-example
spec:
  containers:
  - name: qos-demo-ctr
    image: nginx
    resources:
      limits:
        memory: "200Mi"
        cpu: "700m"
      requests:
        memory: "200Mi"
        cpu: "700m"
`,
  'pods/resource/cpu-request-limit-2.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: cpu-demo-2
  namespace: cpu-example
spec:
  containers:
  - name: cpu-demo-ctr-2
    image: vish/stress
    resources:
      limits:
        cpu: "100"
      requests:
        cpu: "100"
    args:
    - -cpus
    - "2"
`,
  'pods/resource/cpu-request-limit.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: cpu-demo
  namespace: cpu-example
spec:
  containers:
  - name: cpu-demo-ctr
    image: vish/stress
    resources:
      limits:
        cpu: "1"
      requests:
        cpu: "0.5"
    args:
    - -cpus
    - "2"
`,
  'pods/resource/memory-request-limit-2.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: memory-demo-2
  namespace: mem-example
spec:
  containers:
  - name: memory-demo-2-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "50Mi"
      limits:
        memory: "100Mi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
`,
  'pods/resource/memory-request-limit-3.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: memory-demo-3
  namespace: mem-example
spec:
  containers:
  - name: memory-demo-3-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "1000Gi"
      limits:
        memory: "1000Gi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"]
`,
  'pods/resource/memory-request-limit.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: memory-demo
  namespace: mem-example
spec:
  containers:
  - name: memory-demo-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "100Mi"
      limits:
        memory: "200Mi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"]
`,
  'pods/security/hello-apparmor.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "hello-apparmor",
  },
  spec: {
    securityContext: {
      appArmorProfile: {
        type: "Localhost",
        localhostProfile: "k8s-apparmor-example-deny-write",
      },
    },
    containers: [{
      name: "hello",
      image: "busybox:1.28",
      command: [
        "sh",
        "-c",
        "echo 'Hello AppArmor!' && sleep 1h",
      ],
    }],
  },
}
`,
  'pods/security/security-context-2.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo-2
spec:
  securityContext:
    runAsUser: 1000
  containers:
  - name: sec-ctx-demo-2
    image: gcr.io/google-samples/hello-app:2.0
    securityContext:
      runAsUser: 2000
      allowPrivilegeEscalation: false
`,
  'pods/security/security-context-3.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo-3
spec:
  containers:
  - name: sec-ctx-3
    image: gcr.io/google-samples/hello-app:2.0
`,
  'pods/security/security-context-4.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo-4
spec:
  containers:
  - name: sec-ctx-4
    image: gcr.io/google-samples/hello-app:2.0
    securityContext:
      capabilities:
        add: ["NET_ADMIN", "SYS_TIME"]
`,
  'pods/security/security-context.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo
spec:
  securityContext:
    runAsUser: 1000
    runAsGroup: 3000
    fsGroup: 2000
    supplementalGroups: [4000]
  volumes:
  - name: sec-ctx-vol
    emptyDir: {}
  containers:
  - name: sec-ctx-demo
    image: busybox:1.28
    command: [ "sh", "-c", "sleep 1h" ]
    volumeMounts:
    - name: sec-ctx-vol
      mountPath: /data/demo
    securityContext:
      allowPrivilegeEscalation: false
`,
  'pods/simple-pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.14.2
    ports:
    - containerPort: 80
`,
  'pods/storage/projected.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: test-projected-volume
spec:
  containers:
  - name: test-projected-volume
    image: busybox:1.28
    args:
    - sleep
    - "86400"
    volumeMounts:
    - name: all-in-one
      mountPath: "/projected-volume"
      readOnly: true
  volumes:
  - name: all-in-one
    projected:
      sources:
      - secret:
          name: user
      - secret:
          name: pass
`,
  'pods/storage/pv-claim.yaml': `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: task-pv-claim
spec:
  storageClassName: manual
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 3Gi
`,
  'pods/storage/pv-duplicate.yaml': `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "test",
  },
  spec: {
    containers: [{
      name: "test",
      image: "nginx",
      volumeMounts: [
        # a mount for site-data
        {
          name: "config",
          mountPath: "/usr/share/nginx/html",
          subPath: "html",
        },
        # another mount for nginx config
        {
          name: "config",
          mountPath: "/etc/nginx/nginx.conf",
          subPath: "nginx.conf",
        },
      ],
    }],
    volumes: [{
      name: "config",
      persistentVolumeClaim: {
        claimName: "task-pv-claim",
      },
    }],
  },
}
`,
  'pods/storage/pv-pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: task-pv-pod
spec:
  volumes:
    - name: task-pv-storage
      persistentVolumeClaim:
        claimName: task-pv-claim
  containers:
    - name: task-pv-container
      image: nginx
      ports:
        - containerPort: 80
          name: "http-server"
      volumeMounts:
        - mountPath: "/usr/share/nginx/html"
          name: task-pv-storage


`,
  'pods/storage/pv-volume.yaml': `apiVersion: v1
kind: PersistentVolume
metadata:
  name: task-pv-volume
  labels:
    type: local
spec:
  storageClassName: manual
  capacity:
    storage: 10Gi
  accessModes:
    - ReadWriteOnce
  hostPath:
    path: "/mnt/data"
`,
  'pods/storage/redis.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: redis
spec:
  containers:
  - name: redis
    image: redis
    volumeMounts:
    - name: redis-storage
      mountPath: /data/redis
  volumes:
  - name: redis-storage
    emptyDir: {}
`,
  'pods/topology-spread-constraints/one-constraint.yaml': `---
{
  kind: "Pod",
  apiVersion: "v1",
  metadata: {
    name: "mypod",
    labels: {
      foo: "bar",
    },
  },
  spec: {
    topologySpreadConstraints: [{
      maxSkew: 1,
      topologyKey: "zone",
      whenUnsatisfiable: "DoNotSchedule",
      labelSelector: {
        matchLabels: {
          foo: "bar",
        },
      },
    }],
    containers: [{
      name: "pause",
      image: "registry.k8s.io/pause:3.1",
    }],
  },
}
`,
  'pods/two-container-pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: two-containers
spec:

  restartPolicy: Never

  volumes:
  - name: shared-data
    emptyDir: {}

  containers:

  - name: nginx-container
    image: nginx
    volumeMounts:
    - name: shared-data
      mountPath: /usr/share/nginx/html

  - name: debian-container
    image: debian
    volumeMounts:
    - name: shared-data
      mountPath: /pod-data
    command: ["/bin/sh"]
    args: ["-c", "echo Hello from the debian container > /pod-data/index.html"]
`,
  'policy/zookeeper-pod-disruption-budget-maxunavailable.yaml': `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: zk-pdb
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: zookeeper
`,
  'policy/zookeeper-pod-disruption-budget-minavailable.yaml': `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: zk-pdb
spec:
  minAvailable: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: zookeeper
`,
  'service/access/backend-deployment.yaml': `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: backend
spec:
  selector:
    matchLabels:
      app: hello
      tier: backend
      track: stable
  replicas: 3
  template:
    metadata:
      labels:
        app: hello
        tier: backend
        track: stable
    spec:
      containers:
        - name: hello
          image: "gcr.io/google-samples/hello-go-gke:1.0"
          ports:
            - name: http
              containerPort: 80
...
`,
  'service/access/backend-service.yaml': `---
apiVersion: v1
kind: Service
metadata:
  name: hello
spec:
  selector:
    app: hello
    tier: backend
  ports:
  - protocol: TCP
    port: 80
    targetPort: http
...
`,
  'service/access/hello-application.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello-world
spec:
  selector:
    matchLabels:
      run: load-balancer-example
  replicas: 2
  template:
    metadata:
      labels:
        run: load-balancer-example
    spec:
      containers:
        - name: hello-world
          image: us-docker.pkg.dev/google-samples/containers/gke/hello-app:2.0
          ports:
            - containerPort: 8080
              protocol: TCP
`,
  'service/load-balancer-example.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app.kubernetes.io/name: load-balancer-example
  name: hello-world
spec:
  replicas: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: load-balancer-example
  template:
    metadata:
      labels:
        app.kubernetes.io/name: load-balancer-example
    spec:
      containers:
      - image: gcr.io/google-samples/hello-app:2.0
        name: hello-world
        ports:
        - containerPort: 8080
`,
  'service/networking/default-ingressclass.yaml': `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  labels:
    app.kubernetes.io/component: controller
  name: nginx-example
  annotations:
    ingressclass.kubernetes.io/is-default-class: "true"
spec:
  controller: k8s.io/ingress-nginx
`,
  'service/networking/example-ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: example-ingress
spec:
  ingressClassName: nginx
  rules:
    - host: hello-world.example
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 8080`,
  'service/networking/external-lb.yaml': `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: external-lb
spec:
  controller: example.com/ingress-controller
  parameters:
    apiGroup: k8s.example.com
    kind: IngressParameters
    name: external-lb
`,
  'service/networking/ingress-resource-backend.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ingress-resource-backend
spec:
  defaultBackend:
    resource:
      apiGroup: k8s.example.com
      kind: StorageBucket
      name: static-assets
  rules:
    - http:
        paths:
          - path: /icons
            pathType: ImplementationSpecific
            backend:
              resource:
                apiGroup: k8s.example.com
                kind: StorageBucket
                name: icon-assets
`,
  'service/networking/ingress-wildcard-host.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ingress-wildcard-host
spec:
  rules:
  - host: "foo.bar.com"
    http:
      paths:
      - pathType: Prefix
        path: "/bar"
        backend:
          service:
            name: service1
            port:
              number: 80
  - host: "*.foo.com"
    http:
      paths:
      - pathType: Prefix
        path: "/foo"
        backend:
          service:
            name: service2
            port:
              number: 80
`,
  'service/networking/minimal-ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: minimal-ingress
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
spec:
  ingressClassName: nginx-example
  rules:
  - http:
      paths:
      - path: /testpath
        pathType: Prefix
        backend:
          service:
            name: test
            port:
              number: 80
`,
  'service/networking/name-virtual-host-ingress-no-third-host.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: name-virtual-host-ingress-no-third-host
spec:
  rules:
  - host: first.bar.com
    http:
      paths:
      - pathType: Prefix
        path: "/"
        backend:
          service:
            name: service1
            port:
              number: 80
  - host: second.bar.com
    http:
      paths:
      - pathType: Prefix
        path: "/"
        backend:
          service:
            name: service2
            port:
              number: 80
  - http:
      paths:
      - pathType: Prefix
        path: "/"
        backend:
          service:
            name: service3
            port:
              number: 80
`,
  'service/networking/name-virtual-host-ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: name-virtual-host-ingress
spec:
  rules:
  - host: foo.bar.com
    http:
      paths:
      - pathType: Prefix
        path: "/"
        backend:
          service:
            name: service1
            port:
              number: 80
  - host: bar.foo.com
    http:
      paths:
      - pathType: Prefix
        path: "/"
        backend:
          service:
            name: service2
            port:
              number: 80
`,
  'service/networking/namespaced-params.yaml': `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: external-lb
spec:
  controller: example.com/ingress-controller
  parameters:
    apiGroup: k8s.example.com
    kind: IngressParameters
    name: external-lb
    namespace: external-configuration
    scope: Namespace
`,
  'service/networking/network-policy-allow-all-egress.yaml': `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-egress
spec:
  podSelector: {}
  egress:
  - {}
  policyTypes:
  - Egress
`,
  'service/networking/network-policy-allow-all-ingress.yaml': `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-ingress
spec:
  podSelector: {}
  ingress:
  - {}
  policyTypes:
  - Ingress
`,
  'service/networking/network-policy-default-deny-all.yaml': `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-all
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  - Egress
`,
  'service/networking/network-policy-default-deny-egress.yaml': `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
spec:
  podSelector: {}
  policyTypes:
  - Egress
`,
  'service/networking/network-policy-default-deny-ingress.yaml': `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
spec:
  podSelector: {}
  policyTypes:
  - Ingress
`,
  'service/networking/networkpolicy-multiport-egress.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: multi-port-egress
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
  policyTypes:
  - Egress
  egress:
  - to:
    - ipBlock:
        cidr: 10.0.0.0/24
    ports:
    - protocol: TCP
      port: 32000
      endPort: 32768

`,
  'service/networking/networkpolicy.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: test-network-policy
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
  policyTypes:
  - Ingress
  - Egress
  ingress:
  - from:
    - ipBlock:
        cidr: 172.17.0.0/16
        except:
        - 172.17.1.0/24
    - namespaceSelector:
        matchLabels:
          project: myproject
    - podSelector:
        matchLabels:
          role: frontend
    ports:
    - protocol: TCP
      port: 6379
  egress:
  - to:
    - ipBlock:
        cidr: 10.0.0.0/24
    ports:
    - protocol: TCP
      port: 5978
`,
  'service/networking/nginx-policy.yaml': `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: access-nginx
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: nginx
  ingress:
  - from:
    - podSelector:
        matchLabels:
          access: "true"
`,
  'service/networking/nginx-svc.yaml': `apiVersion: v1
kind: Service
metadata:
  name: my-nginx
  labels:
    run: my-nginx
spec:
  ports:
  - port: 80
    protocol: TCP
  selector:
    run: my-nginx
`,
  'service/networking/run-my-nginx.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-nginx
spec:
  selector:
    matchLabels:
      run: my-nginx
  replicas: 2
  template:
    metadata:
      labels:
        run: my-nginx
    spec:
      containers:
      - name: my-nginx
        image: nginx
        ports:
        - containerPort: 80
`,
  'service/networking/simple-fanout-example.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: simple-fanout-example
spec:
  rules:
  - host: foo.bar.com
    http:
      paths:
      - path: /foo
        pathType: Prefix
        backend:
          service:
            name: service1
            port:
              number: 4200
      - path: /bar
        pathType: Prefix
        backend:
          service:
            name: service2
            port:
              number: 8080
`,
  'service/networking/test-ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: test-ingress
spec:
  defaultBackend:
    service:
      name: test
      port:
        number: 80
`,
  'service/networking/tls-example-ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: tls-example-ingress
spec:
  tls:
  - hosts:
      - https-example.foo.com
    secretName: testsecret-tls
  rules:
  - host: https-example.foo.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: service1
            port:
              number: 80
`,
};
