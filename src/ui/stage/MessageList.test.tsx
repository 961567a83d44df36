import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../i18n/index.ts';
import { createViewStore } from '../../store/viewStore.ts';
import { ViewStoreProvider } from '../ViewStoreContext.tsx';
import type { StagePacket } from './model.ts';
import { MESSAGE_LIST_CAP, MessageList } from './PacketLayer.tsx';

function packets(n: number): StagePacket[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `m${i + 1}`,
    from: 'kubelet/node1',
    to: 'api-server',
    label: `PATCH pods/big-${i + 1}/status`,
  }));
}

function list(lang: Lang, n: number): string {
  const ps = packets(n);
  return renderToString(
    <ViewStoreProvider store={createViewStore({ lang })}>
      <MessageList packets={ps} summaries={ps.map((p) => `summary of ${p.id}`)} />
    </ViewStoreProvider>,
  );
}

const rows = (html: string) => html.match(/<li /g)?.length ?? 0;

describe('MessageList', () => {
  it('lists every message of an ordinary step, numbered from 1, with no note', () => {
    const html = list('en', 40);
    expect(rows(html)).toBe(40);
    expect(html).toContain('data-message="m1"');
    expect(html).toContain('summary of m40');
    expect(html).not.toContain('data-testid="messages-capped"');
  });

  it('lists only the newest messages of a huge step, keeps their numbers and says how many there are', () => {
    const html = list('en', 1261);
    expect(MESSAGE_LIST_CAP).toBe(100);
    expect(rows(html)).toBe(100);
    expect(html).not.toContain('data-message="m1161"');
    expect(html).toContain('data-message="m1162"');
    expect(html).toMatch(/<span class="packet-dot" aria-hidden="true">1162<\/span>/);
    expect(html).toContain('summary of m1261');
    expect(html).toContain('The newest 100 of this step’s 1261 messages.');
    expect(html).toContain('Show earlier ones');
  });

  it('says it in Korean too', () => {
    const html = list('ko', 300);
    expect(html).toContain('이 단계의 메시지 300개 중 최근 100개입니다.');
    expect(html).toContain('앞선 메시지 더 보기');
  });
});
