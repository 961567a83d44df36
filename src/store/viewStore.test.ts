import { describe, expect, it } from 'vitest';
import { createViewStore } from './viewStore.ts';

describe('view store: grouping and hidden namespaces', () => {
  it('starts grouped by node with every namespace shown, or as asked', () => {
    const store = createViewStore({ lang: 'en' });
    expect(store.getState().groupBy).toBe('node');
    expect([...store.getState().hiddenNamespaces]).toEqual([]);
    expect(createViewStore({ lang: 'ko', groupBy: 'namespace' }).getState().groupBy).toBe(
      'namespace',
    );
  });

  it('switches the grouping back and forth', () => {
    const store = createViewStore({ lang: 'en' });
    store.getState().setGroupBy('namespace');
    expect(store.getState().groupBy).toBe('namespace');
    store.getState().setGroupBy('node');
    expect(store.getState().groupBy).toBe('node');
  });

  it('hides and shows a namespace with a new set each time, leaving the old one untouched', () => {
    const store = createViewStore({ lang: 'en' });
    const before = store.getState().hiddenNamespaces;
    store.getState().setNamespaceVisible('kube-system', false);
    const hidden = store.getState().hiddenNamespaces;
    expect([...hidden]).toEqual(['kube-system']);
    expect(before.size).toBe(0);
    store.getState().setNamespaceVisible('blue', false);
    expect([...store.getState().hiddenNamespaces].sort()).toEqual(['blue', 'kube-system']);
    store.getState().setNamespaceVisible('kube-system', true);
    expect([...store.getState().hiddenNamespaces]).toEqual(['blue']);
    expect([...hidden]).toEqual(['kube-system']);
  });

  it('does not notify subscribers when a toggle changes nothing', () => {
    const store = createViewStore({ lang: 'en' });
    let calls = 0;
    store.subscribe(() => {
      calls++;
    });
    store.getState().setNamespaceVisible('default', true);
    expect(calls).toBe(0);
    store.getState().setNamespaceVisible('default', false);
    store.getState().setNamespaceVisible('default', false);
    expect(calls).toBe(1);
  });
});
