import { describe, expect, it } from 'vitest';
import { DEFAULT_PLUGINS, FILTER_PLUGINS, SCORE_PLUGINS } from './plugins.ts';

describe('default plugin set (1.32)', () => {
  it('lists the MultiPoint plugins in the default order', () => {
    expect(DEFAULT_PLUGINS.map((p) => p.name)).toEqual([
      'SchedulingGates',
      'PrioritySort',
      'NodeUnschedulable',
      'NodeName',
      'TaintToleration',
      'NodeAffinity',
      'NodePorts',
      'NodeResourcesFit',
      'VolumeRestrictions',
      'EBSLimits',
      'GCEPDLimits',
      'NodeVolumeLimits',
      'AzureDiskLimits',
      'VolumeBinding',
      'VolumeZone',
      'PodTopologySpread',
      'InterPodAffinity',
      'DefaultPreemption',
      'NodeResourcesBalancedAllocation',
      'ImageLocality',
      'DefaultBinder',
    ]);
  });

  it('has the v1 score weights', () => {
    expect(SCORE_PLUGINS).toEqual([
      { name: 'TaintToleration', weight: 3 },
      { name: 'NodeAffinity', weight: 2 },
      { name: 'NodeResourcesFit', weight: 1 },
      { name: 'PodTopologySpread', weight: 2 },
      { name: 'InterPodAffinity', weight: 2 },
      { name: 'NodeResourcesBalancedAllocation', weight: 1 },
      { name: 'ImageLocality', weight: 1 },
    ]);
  });

  it('runs the simulated filters in the default order', () => {
    const order = DEFAULT_PLUGINS.map((p) => p.name);
    const positions = FILTER_PLUGINS.map((f) => order.indexOf(f));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const f of FILTER_PLUGINS) {
      const info = DEFAULT_PLUGINS.find((p) => p.name === f)!;
      expect(info.extensionPoints).toContain('filter');
      expect(info.simulated).toBe(true);
    }
  });
});
