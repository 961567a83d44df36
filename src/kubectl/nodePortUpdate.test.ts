/** A Service update that asks for a node port: the allocator's range and conflict checks (1.32). */
import { expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const patch = (svc: string, port: number) =>
  `kubectl patch svc ${svc} --type=json -p '[{"op":"replace","path":"/spec/ports/0/nodePort","value":${port}}]'`;

it('refuses a node port out of range or held by another Service, and frees the old one', () => {
  const { run } = engineSession(1);
  run('kubectl create service nodeport a --tcp=80:80 --node-port=30080');
  run('kubectl create service nodeport b --tcp=80:80 --node-port=30081');
  expect(run(patch('a', 29999))).toEqual({
    out: '',
    err: 'The Service "a" is invalid: spec.ports[0].nodePort: Invalid value: 29999: provided port is not in the valid range. The range of valid ports is 30000-32767\n',
    code: 1,
  });
  expect(run(patch('a', 30081)).err).toBe(
    'The Service "a" is invalid: spec.ports[0].nodePort: Invalid value: 30081: provided port is already allocated\n',
  );
  // Its own port stays its own: an update that keeps it passes.
  expect(run(`kubectl label svc a x=y`).out).toBe('service/a labeled\n');
  expect(run(patch('a', 30082)).out).toBe('service/a patched\n');
  expect(run('kubectl get svc a -o jsonpath={.spec.ports[0].nodePort}').out).toBe('30082');
  // 30080 is free again.
  expect(run('kubectl create service nodeport c --tcp=80:80 --node-port=30080').out).toBe(
    'service/c created\n',
  );
});
