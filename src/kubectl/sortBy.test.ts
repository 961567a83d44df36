/** `kubectl get --sort-by` as pkg/cmd/get/sorter.go orders objects, and its errors. */
import { describe, expect, it } from 'vitest';
import { isLess, naturalLess, relaxedJsonPath } from './sortBy.ts';
import { engineSession } from './testing/engineSession.ts';

describe('sorter.go pieces', () => {
  it('RelaxedJSONPathExpression', () => {
    for (const spec of ['.a.b', 'a.b', '{a.b}', '{.a.b}'])
      expect(relaxedJsonPath(spec)).toBe('{.a.b}');
    expect(relaxedJsonPath('{.a}{.b}')).toBeUndefined();
  });

  it('NaturalLess: numbers by value, fewer leading zeros first, digits before letters', () => {
    expect(naturalLess('web-2', 'web-10')).toBe(true);
    expect(naturalLess('web-10', 'web-2')).toBe(false);
    expect(naturalLess('2', '02')).toBe(true);
    expect(naturalLess('a1', 'aa')).toBe(true);
    expect(naturalLess('ab', 'abc')).toBe(true);
    expect(naturalLess('B', 'a')).toBe(true);
  });

  it('isLess: quantities when both strings parse as one, numbers, nil first', () => {
    expect(isLess('128Mi', '1Gi')).toBe(true);
    expect(isLess('500m', '1')).toBe(true);
    expect(isLess('1e3', '999')).toBe(false);
    expect(isLess('1Gi', 'web')).toBe(true); // not both quantities: natural order
    expect(isLess(9, 10)).toBe(true);
    expect(isLess(null, 'a')).toBe(true);
    expect(isLess('a', null)).toBe(false);
  });
});

describe('kubectl get --sort-by', () => {
  const pod = (name: string, memory?: string, tier?: string) => {
    const overrides = JSON.stringify({
      metadata: tier ? { labels: { tier } } : {},
      spec: {
        containers: [
          { name, image: 'nginx', ...(memory ? { resources: { requests: { memory } } } : {}) },
        ],
      },
    });
    return `kubectl run ${name} --image=nginx --overrides='${overrides}'`;
  };

  it('orders names naturally, quantities by value and objects without the field first', () => {
    const { run } = engineSession(1);
    run(pod('p10', '1Gi', 'b'));
    run(pod('p9', '128Mi'));
    run(pod('p1', '512Mi', 'a'));
    expect(run('kubectl get pods --sort-by=.metadata.name -o name').out).toBe(
      'pod/p1\npod/p9\npod/p10\n',
    );
    expect(
      run('kubectl get pods --sort-by=.spec.containers[0].resources.requests.memory -o name').out,
    ).toBe('pod/p9\npod/p1\npod/p10\n');
    expect(run('kubectl get pods --sort-by={.metadata.labels.tier} -o name').out).toBe(
      'pod/p9\npod/p1\npod/p10\n',
    );
  });

  it('a path no object has is an error, in a table and in other formats', () => {
    const { run } = engineSession(1);
    run(pod('p1'));
    const err = {
      out: '',
      err: 'error: couldn\'t find any field with path "{.spec.nope}" in the list of objects\n',
      code: 1,
    };
    expect(run('kubectl get pods --sort-by=.spec.nope')).toEqual(err);
    expect(run('kubectl get pods --sort-by=spec.nope -o name')).toEqual(err);
    // A single named object is a one-row table, but not a list in the other formats.
    expect(run('kubectl get pod p1 --sort-by=.spec.nope')).toEqual(err);
    expect(run('kubectl get pod p1 --sort-by=.spec.nope -o name').out).toBe('pod/p1\n');
  });

  it('named objects in a table are one-row Tables: they keep the order given', () => {
    const { run } = engineSession(1);
    run(pod('p1'));
    run(pod('p2'));
    expect(run('kubectl get pod p2 p1 --sort-by=.metadata.name --no-headers -o wide').out).toMatch(
      /^p2 .*\np1 .*\n$/,
    );
    expect(run('kubectl get pod p2 p1 --sort-by=.metadata.name -o name').out).toBe(
      'pod/p1\npod/p2\n',
    );
  });
});
