/**
 * Audit-11 A1/A14/A2: the API server validates affinity and topology spread constraints as
 * 1.32's validateAffinity / validateTopologySpreadConstraints do, for pods and pod templates.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const refused = (err: string) => ({ out: '', err: `${err}\n`, code: 1 });
const run1 = (name: string, spec: unknown) =>
  `kubectl run ${name} --image=nginx --overrides='${JSON.stringify({ spec })}'`;
const NA = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution';
const QN =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const required = (exprs: unknown[]) => ({
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: exprs }],
      },
    },
  },
});

describe('node affinity validation', () => {
  it('refuses bad operators and value counts with ValidateNodeSelectorRequirement texts', () => {
    const { run } = engineSession();
    expect(run(run1('a', required([{ key: 'gpu', operator: 'Gt', values: ['a', 'b'] }])))).toEqual(
      refused(
        `The Pod "a" is invalid: ${NA}.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`,
      ),
    );
    expect(run(run1('b', required([{ key: 'disktype', operator: 'Foo' }])))).toEqual(
      refused(
        `The Pod "b" is invalid: ${NA}.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Foo": not a valid selector operator`,
      ),
    );
    expect(
      run(
        run1(
          'c',
          required([
            { key: 'zone', operator: 'Exists', values: ['x'] },
            { key: 'disktype', operator: 'In' },
          ]),
        ),
      ),
    ).toEqual(
      refused(
        `The Pod "c" is invalid: \n* ${NA}.nodeSelectorTerms[0].matchExpressions[0].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'\n* ${NA}.nodeSelectorTerms[0].matchExpressions[1].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
      ),
    );
    expect(
      run(
        run1('d', {
          affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } },
        }),
      ),
    ).toEqual(
      refused(
        `The Pod "d" is invalid: ${NA}.nodeSelectorTerms: Required value: must have at least one node selector term`,
      ),
    );
    expect(run(run1('e', required([{ key: 'bad key', operator: 'In', values: ['a b'] }])))).toEqual(
      refused(
        `The Pod "e" is invalid: \n* ${NA}.nodeSelectorTerms[0].matchExpressions[0].key: Invalid value: "bad key": name part ${QN}\n* ${NA}.nodeSelectorTerms[0].matchExpressions[0].values[0]: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      ),
    );
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });

  it('refuses a preferred weight outside 1-100 and a bad node field selector', () => {
    const { run, host } = engineSession();
    host.fs.write(
      'e.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: pref}\nspec:\n  affinity:\n    nodeAffinity:\n      preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 0\n        preference:\n          matchExpressions:\n          - {key: disktype, operator: In, values: [ssd]}\n  containers:\n  - {name: c, image: nginx}\n',
    );
    expect(run('kubectl apply -f e.yaml')).toEqual(
      refused(
        'The Pod "pref" is invalid: spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
      ),
    );
    expect(
      run(
        run1('f', {
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                  { matchFields: [{ key: 'metadata.labels', operator: 'In', values: ['a', 'b'] }] },
                ],
              },
            },
          },
        }),
      ),
    ).toEqual(
      refused(
        `The Pod "f" is invalid: \n* ${NA}.nodeSelectorTerms[0].matchFields[0].values: Required value: must be only one value when \`operator\` is 'In' or 'NotIn' for node field selector\n* ${NA}.nodeSelectorTerms[0].matchFields[0].key: Invalid value: "metadata.labels": not a valid field selector key`,
      ),
    );
    // A valid affinity is still accepted.
    expect(
      run(
        run1(
          'ok',
          required([{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node1'] }]),
        ),
      ).out,
    ).toBe('pod/ok created\n');
  });
});

describe('pod (anti-)affinity validation', () => {
  it('refuses a term without topologyKey (Required plus the label-name findings)', () => {
    const { run } = engineSession();
    const P = 'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]';
    expect(
      run(
        run1('k', {
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                { labelSelector: { matchLabels: { a: 'b' } } },
              ],
            },
          },
        }),
      ),
    ).toEqual(
      refused(
        `The Pod "k" is invalid: \n* ${P}.topologyKey: Required value: can not be empty\n* ${P}.topologyKey: Invalid value: "": name part must be non-empty\n* ${P}.topologyKey: Invalid value: "": name part ${QN}`,
      ),
    );
  });

  it('checks the label selector and the preferred weight of podAffinity terms', () => {
    const { run } = engineSession();
    const P = 'spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]';
    expect(
      run(
        run1('w', {
          affinity: {
            podAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 101,
                  podAffinityTerm: {
                    topologyKey: 'kubernetes.io/hostname',
                    labelSelector: { matchExpressions: [{ key: 'app', operator: 'Equals' }] },
                  },
                },
              ],
            },
          },
        }),
      ),
    ).toEqual(
      refused(
        `The Pod "w" is invalid: \n* ${P}.weight: Invalid value: 101: must be in the range 1-100\n* ${P}.podAffinityTerm.labelSelector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator`,
      ),
    );
  });
});

describe('pod affinity matchLabelKeys', () => {
  it('needs a labelSelector and no key in both lists', () => {
    const { run } = engineSession();
    const P = 'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution';
    const term = (t: Record<string, unknown>) =>
      run1('x', {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { topologyKey: 'kubernetes.io/hostname', ...t },
            ],
          },
        },
      });
    expect(run(term({ matchLabelKeys: ['pod-template-hash'] }))).toEqual(
      refused(
        `The Pod "x" is invalid: ${P}[0].matchLabelKeys: Forbidden: must not be specified when labelSelector is not set`,
      ),
    );
    expect(
      run(
        term({
          labelSelector: { matchLabels: { app: 'a' } },
          matchLabelKeys: ['pod-template-hash'],
          mismatchLabelKeys: ['pod-template-hash'],
        }),
      ),
    ).toEqual(
      refused(
        `The Pod "x" is invalid: ${P}[0].matchLabelKeys[0]: Invalid value: "pod-template-hash": exists in both matchLabelKeys and mismatchLabelKeys`,
      ),
    );
  });
});

describe('topology spread constraint validation', () => {
  it('refuses maxSkew 0 and an unknown whenUnsatisfiable', () => {
    const { run, host } = engineSession();
    host.fs.write(
      't2.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: bad}\nspec:\n  topologySpreadConstraints:\n  - maxSkew: 0\n    topologyKey: zone\n    whenUnsatisfiable: Maybe\n  containers:\n  - {name: c, image: nginx}\n',
    );
    expect(run('kubectl apply -f t2.yaml')).toEqual(
      refused(
        'The Pod "bad" is invalid: \n* spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero\n* spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Maybe": supported values: "DoNotSchedule", "ScheduleAnyway"',
      ),
    );
  });

  it('refuses a missing topologyKey, a repeated pair and minDomains with ScheduleAnyway', () => {
    const { run } = engineSession();
    const T = 'spec.topologySpreadConstraints';
    expect(
      run(
        run1('m', {
          topologySpreadConstraints: [
            { maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' },
            { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 },
            { maxSkew: 2, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway' },
          ],
        }),
      ),
    ).toEqual(
      refused(
        `The Pod "m" is invalid: \n* ${T}[0].topologyKey: Required value: can not be empty\n* ${T}[1].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, ScheduleAnyway}"\n* ${T}[1].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway`,
      ),
    );
  });

  it('checks pod templates at their template path', () => {
    const { run, host } = engineSession();
    host.fs.write(
      'd.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: spread}\nspec:\n  selector: {matchLabels: {app: spread}}\n  template:\n    metadata: {labels: {app: spread}}\n    spec:\n      topologySpreadConstraints:\n      - {maxSkew: -1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}\n      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - labelSelector: {matchLabels: {app: spread}}\n            topologyKey: kubernetes.io/hostname\n      containers:\n      - {name: c, image: nginx}\n',
    );
    expect(run('kubectl apply -f d.yaml')).toEqual(
      refused(
        'The Deployment "spread" is invalid: spec.template.spec.topologySpreadConstraints[0].maxSkew: Invalid value: -1: must be greater than zero',
      ),
    );
  });
});
