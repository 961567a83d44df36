import { AnimatePresence, m } from 'framer-motion';
import type { MessageKey } from '../../i18n/index.ts';
import { useT } from '../ViewStoreContext.tsx';
import { type Box, placePackets } from './geometry.ts';
import { type ComponentId, parseComponentId, type StagePacket } from './model.ts';

/**
 * This step's messages drawn on the diagram: each a numbered packet that flies from its sender
 * to the middle of its edge (with reduced motion it simply appears there). The numbers match
 * the list of messages (`MessageList`), which carries the labels; labels on the wires
 * themselves would cover the cards they connect.
 */
export function PacketLayer({
  packets,
  boxes,
}: {
  packets: readonly StagePacket[];
  boxes: ReadonlyMap<string, Box>;
}) {
  const placed = placePackets(packets, boxes);
  return (
    <div className="packets" aria-hidden="true">
      <AnimatePresence>
        {placed.map(({ packet, start, rest }) => (
          <m.div
            key={packet.id}
            className="packet"
            data-packet={packet.id}
            initial={{ x: start.x, y: start.y, opacity: 0 }}
            animate={{ x: rest.x, y: rest.y, opacity: 1 }}
            exit={{ opacity: 0, transition: { duration: 0.15 } }}
          >
            <span className="packet-dot">{packets.indexOf(packet) + 1}</span>
          </m.div>
        ))}
      </AnimatePresence>
    </div>
  );
}

/** The messages of this step in order: number, sender → receiver, and what each carries. */
export function MessageList({ packets }: { packets: readonly StagePacket[] }) {
  const t = useT();
  const nameOf = (id: ComponentId, withNode: boolean) => {
    const parsed = parseComponentId(id);
    if (!parsed) return id;
    const name = t(`component.${parsed.kind}` as MessageKey);
    return parsed.node && withNode ? `${name} (${parsed.node})` : name;
  };
  // Two components of one node: name the node once, at the end.
  const route = (p: StagePacket) => {
    const from = parseComponentId(p.from);
    const to = parseComponentId(p.to);
    const sameNode = from?.node !== undefined && from.node === to?.node;
    const text = `${nameOf(p.from, !sameNode)} → ${nameOf(p.to, !sameNode)}`;
    return sameNode ? `${text} (${from?.node})` : text;
  };
  if (packets.length === 0) return null;
  return (
    <section className="messages" aria-labelledby="messages-heading">
      <h3 className="visually-hidden" id="messages-heading">
        {t('stage.messages')}
      </h3>
      <ol className="message-list">
        {packets.map((p, i) => (
          <li key={p.id} className="message" data-message={p.id} data-from={p.from} data-to={p.to}>
            <span className="packet-dot" aria-hidden="true">
              {i + 1}
            </span>
            <span className="message-route">{route(p)}</span>
            <code className="message-label">{p.label}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
