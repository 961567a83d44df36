/** `kubectl get --sort-by` as pkg/cmd/get/sorter.go orders objects, and its errors. */
import { describe, expect, it } from 'vitest';
import { goStringLess, isLess, relaxedJsonPath } from './sortBy.ts';
import { engineSession } from './testing/engineSession.ts';

describe('sorter.go pieces', () => {
  it('RelaxedJSONPathExpression', () => {
    for (const spec of ['.a.b', 'a.b', '{a.b}', '{.a.b}'])
      expect(relaxedJsonPath(spec)).toBe('{.a.b}');
    expect(relaxedJsonPath('{.a}{.b}')).toBeUndefined();
  });

  // kubectl 1.32.5 compares strings byte by byte (no natural order): p1, p10, p9.
  it("Go's string <: bytewise on UTF-8, a prefix first", () => {
    expect(goStringLess('web-10', 'web-2')).toBe(true);
    expect(goStringLess('web-2', 'web-10')).toBe(false);
    expect(goStringLess('02', '2')).toBe(true);
    expect(goStringLess('X1', 'x01')).toBe(true);
    expect(goStringLess('ab', 'abc')).toBe(true);
    expect(goStringLess('\uffff', '\u{10000}')).toBe(true); // (UTF-16 order would say false)
  });

  it('isLess: quantities when both strings parse as one, numbers, nil first', () => {
    expect(isLess('128Mi', '1Gi')).toBe(true);
    expect(isLess('500m', '1')).toBe(true);
    expect(isLess('1e3', '999')).toBe(false);
    expect(isLess('1Gi', 'web')).toBe(true); // not both quantities: bytewise
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

  it('orders names bytewise, quantities by value and objects without the field first', () => {
    const { run } = engineSession(1);
    run(pod('p10', '1Gi', 'b'));
    run(pod('p9', '128Mi'));
    run(pod('p1', '512Mi', 'a'));
    expect(run('kubectl get pods --sort-by=.metadata.name -o name').out).toBe(
      'pod/p1\npod/p10\npod/p9\n',
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

describe("kubectl get --sort-by past 12 objects: Go's pdqsort, ties included", () => {
  // A real kubectl 1.32.5 on the same cluster (bench/kubectlOracle.ts): 52 events, nine of them
  // (the scheduler's) with a null lastTimestamp, which tie; pdqsort's partitions and its
  // breakPatterns (xorshift 13/17/5 over indexes mid-1..mid+1) leave them in this order.
  const SETUP = [
    'kubectl create deployment web --image=nginx --replicas=2',
    'kubectl run multi --image=nginx --overrides=\'{"spec":{"containers":[{"name":"app","image":"nginx"},{"name":"side","image":"busybox","command":["sh","-c","while true; do echo hi; sleep 5; done"]}]}}\'',
    'kubectl run badimg --image=nginx:doesnotexist',
    'kubectl run huge --image=nginx --overrides=\'{"spec":{"containers":[{"name":"huge","image":"nginx","resources":{"requests":{"cpu":"100"}}}]}}\'',
    'kubectl run once --image=busybox --restart=Never -- echo hello world',
    'kubectl run crash --image=busybox -- sh -c "echo boom; exit 1"',
    'kubectl create job pi --image=busybox -- echo pi',
    'kubectl create namespace dev',
    'kubectl expose deployment web --port=80',
    'kubectl run devpod --image=nginx -n dev',
    'sleep 60',
  ];
  const REAL = [
    'event/web-6dc5cd68db-zw86s.1887fb3b19ff1a01',
    'event/crash.1887fb662bd7adc0',
    'event/pi-ffgd6.1887fb7b5eaaa580',
    'event/huge.1887fb5eb6685f00',
    'event/once.1887fb6183bfe5c0',
    'event/multi.1887fb40eb196dc0',
    'event/web-6dc5cd68db-z45gl.1887fb3b19ff1a00',
    'event/huge.1887fb61d9d196c0',
    'event/badimg.1887fb45933135c0',
    'event/web.1887fb3b1947ff00',
    'event/web-6dc5cd68db-zw86s.1887fb3b3d949940',
    'event/web-6dc5cd68db.1887fb3b19a38c80',
    'event/web-6dc5cd68db.1887fb3b19a38c81',
    'event/web-6dc5cd68db-z45gl.1887fb3b354ba080',
    'event/web-6dc5cd68db-z45gl.1887fb3bf6d4ea42',
    'event/web-6dc5cd68db-z45gl.1887fb3bf6d4ea40',
    'event/web-6dc5cd68db-z45gl.1887fb3bf6d4ea41',
    'event/web-6dc5cd68db-zw86s.1887fb3c176f7900',
    'event/web-6dc5cd68db-zw86s.1887fb3c176f7901',
    'event/web-6dc5cd68db-zw86s.1887fb3c176f7902',
    'event/multi.1887fb410628eb40',
    'event/multi.1887fb420970a6c1',
    'event/multi.1887fb41def12282',
    'event/multi.1887fb41def12283',
    'event/multi.1887fb420970a6c0',
    'event/multi.1887fb41def12281',
    'event/multi.1887fb420970a6c2',
    'event/multi.1887fb41def12280',
    'event/badimg.1887fb45d26ec901',
    'event/badimg.1887fb460e099301',
    'event/badimg.1887fb45af71e040',
    'event/badimg.1887fb45d26ec900',
    'event/once.1887fb61a5aa2600',
    'event/once.1887fb61d0e0c540',
    'event/once.1887fb61d0e0c541',
    'event/once.1887fb61d0e0c542',
    'event/crash.1887fb6676686c80',
    'event/crash.1887fb66dcde4840',
    'event/crash.1887fb695c20cb80',
    'event/crash.1887fb6676686c82',
    'event/crash.1887fb6e30ce2680',
    'event/crash.1887fb671dd65cc0',
    'event/crash.1887fb665164b740',
    'event/crash.1887fb6676686c81',
    'event/crash.1887fb77aeb53440',
    'event/pi.1887fb7b5e4f1800',
    'event/pi-ffgd6.1887fb7b76ecf940',
    'event/pi-ffgd6.1887fb7b9d311dc2',
    'event/pi-ffgd6.1887fb7b9d311dc1',
    'event/pi-ffgd6.1887fb7b9d311dc0',
    'event/pi.1887fb7bdee04d40',
    'event/badimg.1887fb460e099300',
  ];
  it('orders 52 events by .lastTimestamp exactly as the real kubectl does', () => {
    const { run } = engineSession(1);
    for (const line of SETUP) run(line);
    expect(run('kubectl get events --sort-by=lastTimestamp -o name').out).toBe(
      `${REAL.join('\n')}\n`,
    );
  });
});

describe('--sort-by errors as kubectl 1.32.5 prints them (oracle, session 29)', () => {
  const klogLine = (text: string) =>
    new RegExp(
      `^F\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{6} +\\d+ sorter\\.go:329\\] ${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`,
    );
  const session = () => {
    const s = engineSession(9);
    s.run('kubectl create deployment web --image=nginx --replicas=2');
    s.run('kubectl run solo --image=nginx');
    s.run('sim advance 30s');
    return s;
  };

  it('a bool field cannot be ordered: the fatal of sorter.go, nothing printed', () => {
    const { run } = session();
    const r = run('kubectl get pods --sort-by=.status.containerStatuses[0].ready -o name');
    expect(r.out).toBe('');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      klogLine(
        'Field {.status.containerStatuses[0].ready} in *unstructured.Unstructured is an unsortable type: interface, err: unsortable type: bool',
      ),
    );
  });

  it('`.` is `{..}`: the object itself, unwrapped, is a map', () => {
    const { run } = session();
    expect(run('kubectl get pods --sort-by=. -o name').err).toMatch(
      klogLine(
        'Field {..} in *unstructured.Unstructured is an unsortable type: map, err: unsortable type: map',
      ),
    );
    // What `..` finds after a field comes wrapped again: strings sort.
    expect(run('kubectl get pods --sort-by=.spec..image -o name').code).toBe(0);
  });

  it("the printer's sort error joins the builder's errors (no `error: ` before it then)", () => {
    const { run } = session();
    expect(run('kubectl get pod solo nope --sort-by=.spec.nope -o name')).toEqual({
      out: '',
      err: 'Error from server (NotFound): pods "nope" not found\ncouldn\'t find any field with path "{.spec.nope}" in the list of objects\n',
      code: 1,
    });
    expect(run('kubectl get pods --sort-by=.spec.nope -o name')).toEqual({
      out: '',
      err: 'error: couldn\'t find any field with path "{.spec.nope}" in the list of objects\n',
      code: 1,
    });
  });
});

describe('--sort-by with a table (TableSorter; read from sorter.go, the oracle serves no Table)', () => {
  it('a template that does not parse is a sorting error; an unsortable value names the rows', () => {
    const { run } = engineSession(9);
    run('kubectl create deployment web --image=nginx --replicas=2');
    run('sim advance 30s');
    expect(run('kubectl get pods --sort-by=.metadata.name[')).toEqual({
      out: '',
      err: 'error: sorting error: unterminated array\n',
      code: 1,
    });
    const r = run('kubectl get pods --sort-by=.metadata.labels');
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      /^F\d{4} [\d:.]+ +\d+ sorter\.go:375\] Field \{\.metadata\.labels\} in \[\]\[\]\[\]reflect\.Value is an unsortable type: interface, err: unsortable type: map\[string\]interface \{\}\n$/,
    );
    // RelaxedJSONPathExpression refuses `{.a}{.b}`: a table sorts by the template as typed.
    expect(run("kubectl get pods --sort-by='{.metadata.name}{.x}'").code).toBe(0);
    expect(run("kubectl get pods --sort-by='{.metadata.name}{.x}' -o name").err).toBe(
      "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n",
    );
  });
});
