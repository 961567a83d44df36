/**
 * Strings the engine keeps for the whole run (message labels, etcd keys, event texts) are
 * mostly built by template literals, which V8 represents as trees of concatenation nodes that
 * hold every piece alive: a request label like `PATCH /api/v1/namespaces/…/status` costs about
 * 260 bytes that way and 100 bytes flat. Reading a character makes V8 flatten the string in
 * place (and the garbage collector then drops the tree), so `flat` does exactly that. It does
 * not change the value; it only matters for memory and for later hashing and comparisons.
 */
export function flat<T extends string | undefined>(s: T): T {
  // Stored, so an optimizing compiler cannot drop the read as unused.
  if (s !== undefined) sink = s.charCodeAt(0);
  return s;
}
let sink = 0;

/** The last value read by `flat` (exported only so that the read is observable). */
export function flatSink(): number {
  return sink;
}

const MSG_KEYS = new Map<string, string>();

/**
 * `msg.<kind>`, the i18n key of a message kind: one flat string per kind shared by every
 * message, instead of a new two-piece rope per message.
 */
export function msgKey(kind: string): string {
  let key = MSG_KEYS.get(kind);
  if (key === undefined) {
    key = ['msg.', kind].join('');
    MSG_KEYS.set(kind, key);
  }
  return key;
}
