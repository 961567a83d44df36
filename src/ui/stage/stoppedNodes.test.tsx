/**
 * A machine that is off shows as such on the stage: a worker's badge, and on the control-plane
 * node the control plane itself marked down, while the status still reads what the Node says.
 */
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createLabSession } from '../../lab/session.ts';
import { createViewStore } from '../../store/viewStore.ts';
import { ViewStoreProvider } from '../ViewStoreContext.tsx';
import type { StageModel } from './model.ts';
import { Stage } from './Stage.tsx';

function renderStage(model: StageModel, lang: 'en' | 'ko' = 'en'): string {
  return renderToString(
    <ViewStoreProvider store={createViewStore({ lang })}>
      <Stage model={model} />
    </ViewStoreProvider>,
  );
}

function liveModel(lines: string[]): StageModel {
  const lab = createLabSession();
  for (const line of lines) lab.run(line);
  const state = lab.state();
  return { nodes: state.nodes, pods: state.pods, active: [], packets: [], stepId: 'lab' };
}

describe('stopped machines on the stage', () => {
  it('marks a stopped worker "machine off" while its Node still reads Ready', () => {
    const model = liveModel(['sim stop-node node2']);
    expect(model.nodes.find((n) => n.name === 'node2')).toMatchObject({
      ready: true,
      stopped: true,
    });
    const html = renderStage(model);
    const node2 = /<section[^>]*data-node-box="node2"[^>]*>/.exec(html)?.[0];
    expect(node2).toContain('data-stopped="true"');
    expect(node2).toContain('node--stopped');
    expect(html.match(/machine off/g)).toHaveLength(1);
    expect(html).not.toContain('control-plane-down');
  });

  it('marks the control plane down when its node is off, in Korean too', () => {
    const model = liveModel(['sim stop-node control-plane']);
    const html = renderStage(model);
    expect(html).toContain('data-testid="control-plane-down"');
    expect(html).toContain('nothing answers kubectl');
    expect(renderStage(model, 'ko')).toContain('머신 꺼짐');
    const back = liveModel(['sim stop-node control-plane', 'sim start-node control-plane']);
    expect(renderStage(back)).not.toContain('control-plane-down');
  });
});
