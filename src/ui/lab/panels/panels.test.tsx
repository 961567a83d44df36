import type { ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../../i18n/index.ts';
import { NGINX_YAML } from '../../../kubectl/workspace.ts';
import { NAMESPACE_LESSON } from '../../../lab/lesson.ts';
import { createLabSession } from '../../../lab/session.ts';
import { createViewStore } from '../../../store/viewStore.ts';
import { ViewStoreProvider } from '../../ViewStoreContext.tsx';
import { Editor } from './Editor.tsx';
import { EtcdPanel } from './EtcdPanel.tsx';
import { Inspector } from './Inspector.tsx';
import { LessonPanel } from './LessonPanel.tsx';
import { SchedulerPanel } from './SchedulerPanel.tsx';
import { WhatIfPanel } from './WhatIfPanel.tsx';

function render(ui: ReactElement, lang: Lang = 'en'): string {
  return renderToString(
    <ViewStoreProvider store={createViewStore({ lang })}>{ui}</ViewStoreProvider>,
  );
}

/** The text a reader sees (tags dropped, entities decoded, spaces collapsed). */
function visible(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const noop = () => {};
const editorProps = {
  files: [{ name: 'nginx.yaml', size: NGINX_YAML.length }],
  path: 'nginx.yaml',
  content: NGINX_YAML,
  open: noop,
  save: () => ({ ok: true }) as const,
  remove: noop,
  newFile: noop,
};

describe('Editor', () => {
  it('shows the file highlighted under a labelled textarea holding the same text', () => {
    const html = render(<Editor {...editorProps} />);
    expect(html).toContain('aria-label="Contents of nginx.yaml"');
    expect(html).toContain('<span class="yt-key">containerPort</span>');
    expect(html).toContain('<span class="yt-number">80</span>');
    // One line number per line of the file (12 lines and the empty one after the last newline).
    expect(html.match(/class="ed-num[^"]*"/g)).toHaveLength(13);
    expect(visible(html)).toContain('No problems found.');
    expect(html).toContain('aria-current="true"');
  });

  it('renders markup in a file as text, in both layers', () => {
    const content = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "<script>alert(1)</script>"\n';
    const html = render(<Editor {...editorProps} content={content} />);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('squiggles and lists what kubectl would refuse', () => {
    const content = 'kind: Pod\nmetadata:\n  name: web\n';
    const html = render(<Editor {...editorProps} content={content} />);
    expect(html).toContain('ed-mark ed-mark--error');
    expect(html).toContain('aria-invalid="true"');
    expect(visible(html)).toContain(
      '1 problem ✗ Line 1, column 1 apiVersion not set: kubectl needs it',
    );
  });

  it('refuses to open a file over the limit and says how to read it instead', () => {
    const html = render(<Editor {...editorProps} content={`a: ${'x'.repeat(70_000)}\n`} />);
    expect(html).not.toContain('<textarea');
    expect(visible(html)).toContain(
      'nginx.yaml is 68.4 KB; the editor opens files up to 64.0 KB. Read it with cat nginx.yaml in the console.',
    );
  });

  it('brings back unsaved drafts the parent kept while the editor was unmounted', () => {
    const keepDrafts = {
      current: { 'nginx.yaml': { text: `${NGINX_YAML}# mine\n`, base: NGINX_YAML } },
    };
    const text = visible(render(<Editor {...editorProps} keepDrafts={keepDrafts} />));
    expect(text).toContain('nginx.yaml ● unsaved');
    expect(text).toContain('# mine');
    expect(text).toContain('Unsaved changes');
    expect(text).not.toContain('was changed in the workspace');
  });

  it('lists a file opened with vim before it exists, and says when nothing is open', () => {
    const html = render(<Editor {...editorProps} path="new.yaml" content={undefined} />);
    expect(html).toContain('data-file="new.yaml"');
    expect(visible(render(<Editor {...editorProps} path={undefined} />))).toContain(
      'No file is open.',
    );
  });
});

describe('Inspector', () => {
  it('titles what it shows with the describe command to type', () => {
    const html = render(
      <Inspector
        target={{ kind: 'pod', namespace: 'blue', name: 'nginx' }}
        text={'Name:         nginx\nNamespace:    blue\n'}
        onClose={noop}
      />,
    );
    expect(html).toContain('role="dialog"');
    expect(visible(html)).toContain('Pod blue/nginx');
    expect(visible(html)).toContain('What kubectl describe pod nginx -n blue prints:');
    expect(html).toContain('Name:         nginx');
  });

  it('keeps Korean word order around the command', () => {
    const html = render(
      <Inspector target={{ kind: 'node', name: 'node1' }} text="" onClose={noop} />,
      'ko',
    );
    expect(visible(html)).toContain('노드 node1');
    expect(visible(html)).toContain('kubectl describe node node1 의 출력:');
  });
});

describe('SchedulerPanel', () => {
  const rows = [
    {
      node: 'control-plane',
      feasible: false,
      chosen: false,
      reason: "node(s) didn't match Pod's node affinity/selector",
    },
    { node: 'node1', feasible: false, chosen: false, reason: 'Insufficient cpu' },
  ];
  const failure =
    "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.";

  it('says the pod stays Pending and shows the FailedScheduling message once', () => {
    const html = render(
      <SchedulerPanel
        decision={{ pod: 'huge', namespace: 'default', rows, plugins: [], failure }}
      />,
    );
    expect(html).toContain('data-outcome="pending"');
    expect(visible(html)).toContain('Pending No node fits default/huge, so it stays Pending.');
    expect(html.split('0/2 nodes are available: 1 Insufficient cpu').length - 1).toBe(1);
  });

  it('names the chosen node, and invites a first pod when there is no decision', () => {
    const bound = render(
      <SchedulerPanel
        decision={{
          pod: 'web-1',
          namespace: 'default',
          plugins: ['TaintToleration'],
          rows: [
            {
              node: 'node2',
              feasible: true,
              chosen: true,
              scores: { TaintToleration: 300 },
              total: 300,
            },
          ],
        }}
      />,
    );
    expect(visible(bound)).toContain('The scheduler bound default/web-1 to node2.');
    expect(render(<SchedulerPanel decision={undefined} />)).toContain('data-outcome="none"');
  });
});

describe('EtcdPanel', () => {
  it('shows the live lab’s keys by prefix with their revisions, and announces the writes', () => {
    const lab = createLabSession();
    const before = lab.state().etcd.revision;
    lab.run('kubectl create namespace blue');
    const etcd = lab.state().etcd;
    const html = render(
      <EtcdPanel
        keys={etcd.keys}
        revision={etcd.revision}
        total={etcd.total}
        changed={new Set(['/registry/namespaces/blue'])}
      />,
    );
    const blue = etcd.keys.find((k) => k.key === '/registry/namespaces/blue');
    expect(blue?.modRevision).toBeGreaterThan(before);
    expect(html).toContain(`revision ${etcd.revision}`);
    expect(visible(html)).toContain('1 key written.');
    const row = new RegExp(
      `data-etcd-key="/registry/namespaces/blue" data-changed="true"[^]*?written[^]*?>${blue?.modRevision}<`,
    );
    expect(html).toMatch(row);
    expect(html).toContain('data-prefix="/registry/minions"');
  });
});

describe('WhatIfPanel', () => {
  const nodes = [
    { name: 'control-plane', role: 'control-plane' as const, ready: true, schedulable: true },
    { name: 'node1', role: 'worker' as const, ready: true, schedulable: false },
    { name: 'node2', role: 'worker' as const, ready: false, schedulable: true },
  ];
  const namespaces = [
    { name: 'default', phase: 'Active' as const },
    { name: 'kube-system', phase: 'Active' as const },
    { name: 'blue', phase: 'Active' as const },
  ];

  it('shows each button with the console lines it runs, for the chosen node', () => {
    const html = render(
      <WhatIfPanel
        nodes={nodes}
        namespaces={namespaces}
        deployments={[{ name: 'web', replicas: 2 }]}
        running={undefined}
        onRun={noop}
      />,
    );
    const text = visible(html);
    expect(text).toContain('Stop node1 Runs: sim stop-node node1');
    expect(text).toContain('Drain node1 Runs: kubectl drain node1 --ignore-daemonsets --force');
    expect(text).toContain(
      'Use an image that does not exist Runs: kubectl create deployment bad --image=nginx:doesnotexist',
    );
    expect(text).toContain(
      'Ask for more CPU than any node has Runs: kubectl create -f huge-cpu.yaml',
    );
    expect(text).toContain('Scale web to 3 Runs: kubectl scale deployment web --replicas=3');
    expect(text).toContain('Delete namespace blue Runs: kubectl delete namespace blue');
    expect(text).toContain('Fast-forward 60 s Runs: sim advance 60s');
    // Only workers are offered, with kubectl's STATUS; built-in namespaces cannot be deleted.
    expect(text).toContain('node1 (Ready,SchedulingDisabled)');
    expect(text).toContain('node2 (NotReady)');
    expect(html).not.toContain('value="control-plane"');
    expect(html).not.toContain('value="kube-system"');
    expect(html).not.toContain('disabled=""');
  });

  it('disables every button while one runs, and says which', () => {
    const html = render(
      <WhatIfPanel
        nodes={nodes}
        namespaces={namespaces.slice(0, 2)}
        deployments={[]}
        running={{ id: 'stop-node', node: 'node1' }}
        onRun={noop}
      />,
    );
    expect(html.match(/<button[^>]*disabled=""/g)).toHaveLength(9);
    expect(visible(html)).toContain('Running sim stop-node node1');
    expect(visible(html)).toContain('Create a namespace of your own first');
    expect(visible(html)).toContain('No deployment to scale in this namespace.');
  });
});

describe('LessonPanel', () => {
  it('marks done steps with a word and a check, and the first open step as next', () => {
    const html = render(
      <LessonPanel done={['create-blue', 'get-namespaces', 'get-pods-default']} onRun={noop} />,
    );
    const states = [...html.matchAll(/data-lesson-step="([^"]+)" data-state="([^"]+)"/g)].map(
      (m) => `${m[1]}:${m[2]}`,
    );
    expect(states).toEqual(
      NAMESPACE_LESSON.map((s) =>
        ['create-blue', 'get-namespaces', 'get-pods-default'].includes(s.id)
          ? `${s.id}:done`
          : s.id === 'create-orange'
            ? `${s.id}:next`
            : `${s.id}:todo`,
      ),
    );
    const text = visible(html);
    expect(text).toContain('3 of 11 done');
    expect(text).toContain('✓ done Create the namespace blue.');
    expect(text).toContain('→ next Create orange the same way. kubectl create namespace orange');
    expect(html).toContain('aria-label="Run kubectl create namespace orange in the console"');
    expect(html).toContain('aria-current="step"');
  });

  it('says the lesson is complete in Korean when every step is done', () => {
    const html = render(
      <LessonPanel done={NAMESPACE_LESSON.map((s) => s.id)} onRun={noop} />,
      'ko',
    );
    expect(visible(html)).toContain('11단계 중 11단계 완료');
    expect(visible(html)).toContain('과제 완료');
    expect(html).not.toContain('data-state="next"');
  });
});
