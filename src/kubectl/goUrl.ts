/** Go's net/url query encoding, as kubectl's requests and go-template's `urlquery` use it. */

/**
 * Go's url.QueryEscape: everything but letters, digits and `-_.~` is %XX (upper case), a space
 * is `+`.
 */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Go's url.Values.Encode: keys in byte order, each `key=escaped value`. */
export function encodeQuery(values: Record<string, string | undefined>): string {
  const keys = Object.keys(values)
    .filter((k) => values[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((k) => `${queryEscape(k)}=${queryEscape(values[k] as string)}`).join('&');
}
