import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { kubeletRejection } from './kubeletAdmission.ts';

const node = (pods: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'node1' },
  status: Object.freeze({
    allocatable: Object.freeze({ cpu: '2', memory: '4Gi', pods }),
  }),
});

const pod = (name: string, cpu?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: {
    containers: [
      { name: 'c', image: 'nginx', ...(cpu ? { resources: { requests: { cpu } } } : {}) },
    ],
  },
});

describe('kubeletRejection', () => {
  it('OutOfpods once the admitted pods fill the node, counted from the list', () => {
    const admitted = [pod('a'), pod('b')];
    expect(kubeletRejection(pod('new'), node('2'), admitted)).toEqual({
      reason: 'OutOfpods',
      message: "Node didn't have enough resource: pods, requested: 1, used: 2, capacity: 2",
    });
    // The same through a lazy list: the bound says it may be full, the list says it is.
    expect(
      kubeletRejection(pod('new'), node('2'), { atMost: 3, list: () => admitted })?.reason,
    ).toBe('OutOfpods');
  });

  it('a bound over capacity is not a rejection when fewer pods are really admitted', () => {
    expect(
      kubeletRejection(pod('new'), node('2'), { atMost: 5, list: () => [pod('a')] }),
    ).toBeUndefined();
  });

  it('the admitted pods are not listed when the bound fits and nothing is requested', () => {
    let listed = 0;
    const admitted = {
      atMost: 1,
      list: () => {
        listed++;
        return [pod('a')];
      },
    };
    expect(kubeletRejection(pod('new'), node('110'), admitted)).toBeUndefined();
    expect(listed).toBe(0);
    // A CPU request needs what the others use.
    expect(
      kubeletRejection(pod('big', '1500m'), node('110'), {
        atMost: 1,
        list: () => [pod('a', '1')],
      }),
    ).toEqual({
      reason: 'OutOfcpu',
      message: "Node didn't have enough resource: cpu, requested: 1500, used: 1000, capacity: 2000",
    });
  });
});
