import type { ContainerPort } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { newNodeInfo } from '../nodeInfo.ts';
import { schedulePod } from '../schedule.ts';
import { makeNode, makePod } from '../testing.ts';

const withPorts = (name: string, ports: ContainerPort[]) =>
  makePod(name, { containers: [{ name: 'c', image: 'nginx', ports }] });

describe('NodePorts filter', () => {
  it.each<[string, ContainerPort, ContainerPort, boolean]>([
    [
      'same port, both on all IPs',
      { containerPort: 80, hostPort: 80 },
      { containerPort: 80, hostPort: 80 },
      true,
    ],
    [
      'specific IP vs all IPs',
      { containerPort: 80, hostPort: 80 },
      { containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' },
      true,
    ],
    [
      'all IPs vs specific IP',
      { containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' },
      { containerPort: 80, hostPort: 80 },
      true,
    ],
    [
      'two different IPs',
      { containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' },
      { containerPort: 80, hostPort: 80, hostIP: '10.0.0.2' },
      false,
    ],
    [
      'TCP vs UDP',
      { containerPort: 53, hostPort: 53, protocol: 'TCP' },
      { containerPort: 53, hostPort: 53, protocol: 'UDP' },
      false,
    ],
    [
      'different ports',
      { containerPort: 80, hostPort: 80 },
      { containerPort: 80, hostPort: 8080 },
      false,
    ],
    ['containerPort alone is no host port', { containerPort: 80 }, { containerPort: 80 }, false],
  ])('%s → conflict %s', (_name, used, wanted, conflict) => {
    const node = newNodeInfo(makeNode('worker1'), [withPorts('existing', [used])]);
    const r = schedulePod(withPorts('incoming', [wanted]), [node], { random: () => 0 });
    expect(r.feasible).toBe(!conflict);
    if (conflict) {
      expect(r.verdicts[0]).toEqual({
        node: 'worker1',
        passed: false,
        code: 'Unschedulable',
        reasons: [
          {
            plugin: 'NodePorts',
            reason: "node(s) didn't have free ports for the requested pod ports",
          },
        ],
      });
    }
  });
});
