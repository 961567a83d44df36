/**
 * The workloads both event-order tests start from (src/kubectl/describeEventOrder.test.ts,
 * src/kubectl/eventsOrder.test.ts): two Deployments, two HPAs, two CronJobs, three Jobs, a
 * paused rollout and five minutes, so that many events share a second. The real kubectl 1.32.5
 * was run on the same lines (bench/kubectlOracle.ts) for the expected rows.
 */
export const EVENT_SCENARIO: readonly string[] = [
  'kubectl create deployment web --image=nginx:1.27 --replicas=2',
  'kubectl set resources deployment web --requests=cpu=100m',
  'kubectl create deployment api --image=httpd:2.4 --replicas=1',
  'sleep 20',
  'kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=80',
  'kubectl autoscale deployment api --max=3',
  'kubectl create cronjob tick --image=busybox:1.36 --schedule="*/5 * * * *" -- echo hi',
  'kubectl create cronjob nightly --image=busybox:1.36 --schedule="0 2 * * *" --restart=Never',
  'kubectl create job once --image=busybox:1.36 -- echo done',
  'kubectl create job fails --image=busybox:1.36 -- false',
  'sleep 30',
  'kubectl create job manual --from=cronjob/tick',
  'kubectl rollout pause deployment/api',
  'kubectl set image deployment/api httpd=httpd:2.4.62',
  'sleep 310',
];
