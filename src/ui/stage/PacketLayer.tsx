import { type CSSProperties, useState } from 'react';
import type { MessageKey } from '../../i18n/index.ts';
import { useT } from '../ViewStoreContext.tsx';
import { type Box, placePackets, stageLabel } from './geometry.ts';
import { type ComponentId, parseRouteEnd, type StagePacket } from './model.ts';
import { PacketTicker, tickerItems } from './PacketTicker.tsx';

/** Seconds the last packet's label stays up after it arrives, at the travel time of 1×. */
const LABEL_HOLD_S = 1.2;
/** Packets of a step take turns within this many seconds (at 1×), however many there are. */
const STEP_BUDGET_S = 4;
/** The longest turn one packet gets (at 1×), in seconds. */
const MAX_TURN_S = 1.1;

/**
 * This step's messages drawn on the diagram: numbered packets that fly, one after the other in
 * their order, from the sender to the receiver (with reduced motion they appear there, in
 * turn, without moving). Each carries a short label while it flies, on the side of its dot with
 * the most free room; then only its number stays, so resting packets never cover the cards and
 * two labels never sit on top of each other. Packets on one route share one resting dot: the
 * first one's number with "+N" for the others, which fly there in their turn and fade, so a step
 * of forty messages rests as a dot per route. The numbers match the list of messages
 * (`MessageList`), which keeps every label whole.
 */
export function PacketLayer({
  packets,
  boxes,
  travelSeconds: asked,
}: {
  packets: readonly StagePacket[];
  boxes: ReadonlyMap<string, Box>;
  /** How long one flight takes (the stage's animation time at the player's speed). */
  travelSeconds: number;
}) {
  const travelSeconds = useStepValue(packets, asked);
  const placed = placePackets(packets, boxes, remUnit());
  // One turn per packet; turns shrink when a step has many packets, so all fit in the step.
  const scale = travelSeconds / 0.6;
  const turn = Math.min(MAX_TURN_S, STEP_BUDGET_S / Math.max(1, placed.length)) * scale;
  const flight = Math.min(travelSeconds, turn * 0.8);
  // The turn of the last packet on each route: the route's count shows once it has arrived.
  const lastTurn = new Map<string, number>();
  placed.forEach(({ packet }, k) => {
    lastTurn.set(`${packet.from}>${packet.to}`, k);
  });
  // The flights, pops and switches are CSS animations (stage.css, "Packets"), timed by custom
  // properties: the browser runs them with no script per packet or per frame. framer-motion
  // animating the same few elements cost a step's first task 25 ms on a fast machine (its
  // animation code runs cold), which a throttled phone counts four times as blocking.
  return (
    <>
      <PacketTicker items={tickerItems(placed, turn)} />
      <div className="packets" aria-hidden="true">
        {placed.map(
          ({ packet, number, start, rest, lead, count, countCorner, self, side, fit }, k) => {
            const last = k === placed.length - 1;
            const shown = turn + (last ? LABEL_HOLD_S * scale : 0);
            const arrived = (lastTurn.get(`${packet.from}>${packet.to}`) ?? k) * turn + flight;
            const timing = {
              '--sx': `${start.x}px`,
              '--sy': `${start.y}px`,
              '--rx': `${rest.x}px`,
              '--ry': `${rest.y}px`,
              '--delay': seconds(k * turn),
              '--fly': seconds(flight),
              '--turn': seconds(turn),
              '--shown': seconds(shown),
              '--arrived': seconds(arrived),
            } as CSSProperties;
            return (
              <div
                key={packet.id}
                className={`packet${self ? ' packet--self' : ''}`}
                data-packet={packet.id}
                data-lead={lead ? 'true' : undefined}
                style={timing}
              >
                {/* The route's first packet stays; the others go once they have arrived. The
                  dot pops in and out by its size; its number, like the label, is shown and
                  hidden at once, never drawn half transparent (stage.css). */}
                <span className={`packet-dot${lead ? '' : ' packet-dot--passing'}`}>{number}</span>
                {lead && count > 1 ? (
                  <span className={`packet-more packet-more--${countCorner}`}>+{count - 1}</span>
                ) : null}
                <span
                  className={`packet-label packet-label--${side}`}
                  style={
                    fit.room !== undefined
                      ? { maxWidth: fit.room }
                      : fit.shift !== 0
                        ? { translate: `${fit.shift}px 0` }
                        : undefined
                  }
                >
                  {stageLabel(packet.label)}
                </span>
              </div>
            );
          },
        )}
      </div>
    </>
  );
}

/** A duration for a CSS custom property, in seconds. */
function seconds(s: number): string {
  return `${Math.round(s * 1000) / 1000}s`;
}

/**
 * `value` as it was when `step` (a step's packets) arrived: a speed change in the middle of a
 * step leaves the packets already on their way alone (their timing would jump, and dots that
 * have arrived would vanish and fly again); the next step takes the new speed.
 */
export function useStepValue<T>(step: unknown, value: T): T {
  const [kept, setKept] = useState({ step, value });
  if (kept.step !== step) {
    setKept({ step, value });
    return value;
  }
  return kept.value;
}

/** The root font size over 16 px: wide screens draw the page larger (app.css), dots included. */
function remUnit(): number {
  if (typeof document === 'undefined') return 1;
  return Number.parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1;
}

/** The most messages the list shows at first; a 300-replica rollout's step carries thousands. */
export const MESSAGE_LIST_CAP = 100;

/**
 * The messages of this step in order: number, sender → receiver, what each carries and, when
 * the story gives one per packet, a sentence saying what it means. A step with more than
 * `MESSAGE_LIST_CAP` messages lists its newest ones, says how many it holds, and offers the
 * earlier ones a batch at a time, so a big rollout's step does not render thousands of rows.
 */
export function MessageList({
  packets,
  summaries,
}: {
  packets: readonly StagePacket[];
  summaries?: readonly string[];
}) {
  const t = useT();
  // How many rows to show; reset when the step changes (its first packet is another one).
  const [limit, setLimit] = useState({ first: packets[0]?.id, count: MESSAGE_LIST_CAP });
  const count = limit.first === packets[0]?.id ? limit.count : MESSAGE_LIST_CAP;
  const nameOf = (id: ComponentId, withNode: boolean) => {
    const parsed = parseRouteEnd(id);
    if (!parsed) return id;
    const name = t(`component.${parsed.kind}` as MessageKey);
    return parsed.node && withNode ? `${name} (${parsed.node})` : name;
  };
  // Two components of one node: name the node once, at the end.
  const route = (p: StagePacket) => {
    const from = parseRouteEnd(p.from);
    const to = parseRouteEnd(p.to);
    const sameNode = from?.node !== undefined && from.node === to?.node;
    const text = `${nameOf(p.from, !sameNode)} → ${nameOf(p.to, !sameNode)}`;
    return sameNode ? `${text} (${from?.node})` : text;
  };
  if (packets.length === 0) return null;
  const hidden = Math.max(0, packets.length - count);
  const withSummaries = summaries && summaries.length === packets.length;
  return (
    <section className="messages" aria-labelledby="messages-heading">
      <h3 className="visually-hidden" id="messages-heading">
        {t('stage.messages')}
      </h3>
      {hidden > 0 ? (
        <p className="messages-capped" data-testid="messages-capped">
          <span>
            {t('stage.messages.capped', { shown: packets.length - hidden, total: packets.length })}
          </span>
          <button
            type="button"
            className="messages-more"
            onClick={() => setLimit({ first: packets[0]?.id, count: count + 2 * MESSAGE_LIST_CAP })}
          >
            {t('stage.messages.more')}
          </button>
        </p>
      ) : null}
      <ol className="message-list">
        {packets.slice(hidden).map((p, k) => {
          const i = hidden + k;
          return (
            <li
              key={p.id}
              className="message"
              data-message={p.id}
              data-from={p.from}
              data-to={p.to}
            >
              <span className="packet-dot" aria-hidden="true">
                {i + 1}
              </span>
              <span className="message-route">{route(p)}</span>
              <code className="message-label">{p.label}</code>
              {withSummaries ? <span className="message-summary">{summaries[i]}</span> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
