import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { ActorCache } from './cache.ts';

function pod(ns: string, name: string, rv: number, owner?: string): KubeObject {
  return {
    kind: 'Pod',
    metadata: {
      namespace: ns,
      name,
      resourceVersion: String(rv),
      ...(owner
        ? { ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: owner, uid: owner }] }
        : {}),
    },
  };
}

const names = (objs: readonly KubeObject[]) =>
  objs.map((o) => `${o.metadata?.namespace}/${o.metadata?.name}@${o.metadata?.resourceVersion}`);

describe('ActorCache', () => {
  it('lists by namespace then name, whatever the order of writes and reads', () => {
    const op = fc.record({
      remove: fc.boolean(),
      ns: fc.constantFrom('default', 'kube-system', 'a'),
      name: fc.constantFrom('web-1', 'web-10', 'web-2', 'db', 'Web', 'w\u00e9b'),
      owner: fc.constantFrom(undefined, 'rs1', 'rs2'),
      read: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const cache = new ActorCache();
        const model = new Map<string, KubeObject>();
        let rv = 0;
        for (const o of ops) {
          const obj = pod(o.ns, o.name, ++rv, o.owner);
          const key = `${o.ns}\u0000${o.name}`;
          if (o.remove) {
            expect(cache.remove('pods', obj)).toBe(model.get(key));
            model.delete(key);
          } else {
            expect(cache.upsert('pods', obj)).toBe(model.get(key));
            model.set(key, obj);
          }
          if (!o.read) continue;
          // A read between writes builds the sorted views that later writes must keep right.
          const sorted = [...model.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
          const want = sorted.map((k) => model.get(k)!);
          expect(names(cache.list('pods'))).toEqual(names(want));
          expect(names(cache.list('pods', o.ns))).toEqual(
            names(want.filter((p) => p.metadata?.namespace === o.ns)),
          );
          expect(names(cache.owned('pods', 'rs1'))).toEqual(
            names(want.filter((p) => p.metadata?.ownerReferences?.[0]?.uid === 'rs1')),
          );
          expect(cache.get('pods', o.ns, o.name)).toBe(model.get(key));
        }
      }),
    );
  });

  it('reads what was written across resources, namespaces and restarts', () => {
    const op = fc.record({
      op: fc.constantFrom('upsert', 'remove', 'read', 'clear'),
      resource: fc.constantFrom('pods' as const, 'services' as const),
      ns: fc.constantFrom('default', 'kube-system'),
      name: fc.constantFrom('a', 'b'),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const cache = new ActorCache();
        const model = new Map<string, KubeObject>();
        let rv = 0;
        for (const o of ops) {
          const key = `${o.resource}/${o.ns}/${o.name}`;
          const obj = pod(o.ns, o.name, ++rv);
          if (o.op === 'clear') {
            cache.clear();
            model.clear();
          } else if (o.op === 'upsert') {
            expect(cache.upsert(o.resource, obj)).toBe(model.get(key));
            model.set(key, obj);
          } else if (o.op === 'remove') {
            expect(cache.remove(o.resource, obj)).toBe(model.get(key));
            model.delete(key);
          }
          // Every read, of every resource and namespace, after every step.
          for (const r of ['pods', 'services'] as const) {
            for (const ns of ['default', 'kube-system']) {
              for (const name of ['a', 'b'])
                expect(cache.get(r, ns, name)).toBe(model.get(`${r}/${ns}/${name}`));
              expect(names(cache.list(r, ns))).toEqual(
                names(
                  ['a', 'b'].flatMap((n): KubeObject[] => {
                    const o = model.get(`${r}/${ns}/${n}`);
                    return o ? [o] : [];
                  }),
                ),
              );
            }
          }
        }
      }),
    );
  });
});
