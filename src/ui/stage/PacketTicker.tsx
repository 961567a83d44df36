import { type CSSProperties, useEffect, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import type { MessageKey } from '../../i18n/index.ts';
import { useT } from '../ViewStoreContext.tsx';
import { stageLabel } from './geometry.ts';
import { type ComponentId, parseRouteEnd, type StagePacket } from './model.ts';

/** Where the ticker is drawn: a line of the pinned player (`PlayerControls`). */
export const TICKER_SLOT_ID = 'packet-ticker';

/** The width below which the stage draws no packet labels (stage.css) and the ticker shows. */
const PHONE = '(max-width: 699px)';

/** A step with more packets than this names one per route: forty labels in four seconds blur. */
const EVERY_PACKET_UP_TO = 12;

/** One line of the ticker: a packet (or a route's first), when its turn starts. */
export interface TickerItem {
  packet: StagePacket;
  number: number;
  /** Seconds after the step starts. */
  delay: number;
}

function subscribePhone(onChange: () => void): () => void {
  const query = window.matchMedia(PHONE);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the screen is phone-sized (never during the build's pre-render). */
function usePhone(): boolean {
  return useSyncExternalStore(
    subscribePhone,
    () => window.matchMedia(PHONE).matches,
    () => false,
  );
}

/**
 * Which packets the ticker names: every one of a short step; of a long one, each route's first
 * (the dot that stays on the diagram), so the line changes at a pace one can read.
 */
export function tickerItems(
  placed: readonly { packet: StagePacket; number: number; lead: boolean }[],
  turn: number,
): TickerItem[] {
  const every = placed.length <= EVERY_PACKET_UP_TO;
  const items: TickerItem[] = [];
  placed.forEach(({ packet, number, lead }, k) => {
    if (every || lead) items.push({ packet, number, delay: k * turn });
  });
  return items;
}

/**
 * On a phone the diagram has no room for packet labels beside the dots (they covered the cards),
 * so the pinned player carries one line that says what the flying packet carries: its number
 * (the dot's), its label and its route, each in its turn; the last stays until the next step.
 * Hidden from screen readers like the packets: the Messages list reads them all.
 */
export function PacketTicker({ items }: { items: readonly TickerItem[] }) {
  const t = useT();
  const phone = usePhone();
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  // The slot lives in the player, rendered after the stage: look for it once mounted (and again
  // if the player was drawn anew).
  useEffect(() => {
    const found = document.getElementById(TICKER_SLOT_ID);
    if (found !== slot) setSlot(found);
  });
  if (!phone || !slot) return null;
  const nameOf = (id: ComponentId) => {
    const parsed = parseRouteEnd(id);
    if (!parsed) return id;
    const name = t(`component.${parsed.kind}` as MessageKey);
    return parsed.node ? `${name} (${parsed.node})` : name;
  };
  // Each line is switched on at its turn and off at the next one's by CSS animations (app.css,
  // `.ticker-item`), timed by custom properties: no script runs per line or per frame.
  return createPortal(
    items.map(({ packet, number, delay }, k) => {
      const next = items[k + 1];
      const timing = {
        '--delay': `${delay}s`,
        ...(next ? { '--until': `${next.delay}s` } : {}),
      } as CSSProperties;
      return (
        <span
          key={packet.id}
          className={`ticker-item${next ? ' ticker-item--passing' : ''}`}
          data-ticker={packet.id}
          style={timing}
        >
          <span className="packet-dot">{number}</span>
          <code className="ticker-label">{stageLabel(packet.label)}</code>
          <span className="ticker-route">
            {nameOf(packet.from)} → {nameOf(packet.to)}
          </span>
        </span>
      );
    }),
    slot,
  );
}
