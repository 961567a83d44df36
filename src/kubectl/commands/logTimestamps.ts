/**
 * The times `kubectl logs --timestamps` prints: containerd's CRI log records the moment it read
 * each line from the container's stdout, with nanoseconds, and the kubelet prints it in
 * RFC3339Nano with the fraction kept at nine digits (`2026-01-06T00:00:28.512937214Z`).
 *
 * The simulation knows when a line was printed to the millisecond (a run's start, a sleep's
 * end), and a run's `startedAt` is whole seconds in the API while its process really starts
 * somewhat later. So each run gets a deterministic start latency (from the run, never the
 * all-zero `.000000000Z`), kept by all its lines (a line printed 120 s after another is stamped
 * 120 s after it), plus a write latency of some microseconds within the line's millisecond;
 * lines printed at one moment are a few microseconds apart, in order.
 */
/** FNV-1a of a text, as a 32-bit unsigned integer. */
function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const NS_PER_SECOND = 1_000_000_000;

/** klog's header: severity, MMDD, then the wall time to the microsecond (`I0101 00:00:02.342392`). */
const KLOG_HEADER = /^[IWEF](\d\d)(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{6}) /;

/**
 * The kubelet's timestamp of each line, in order: `lines` are a container run's lines (all of
 * them, before --tail or --since, so a line's time never depends on which are shown), `key`
 * names the container (pod uid and container name) to vary the fractions between containers.
 */
export function lineTimestamps(
  lines: readonly { at: number; text: string }[],
  key: string,
): string[] {
  const out: string[] = [];
  // The run's start latency: 1 ms to 0.6 s.
  const latency = 1_000_000 + (fnv(key) % 599_000_000);
  let groupAt = Number.NaN;
  let k = 0;
  let groupSize = 1;
  let klogSecond = Number.NaN;
  let klogFraction = 0;
  for (let i = 0; i < lines.length; i++) {
    const at = lines[i]?.at ?? 0;
    if (at !== groupAt) {
      groupAt = at;
      k = 0;
      groupSize = 1;
      while (lines[i + groupSize]?.at === at) groupSize++;
    } else k++;
    // Within the line's millisecond: the write latency, then a few µs per earlier line.
    const step = Math.min(9_000 + (fnv(`${key}/${at}`) % 4_000), Math.floor(600_000 / groupSize));
    const withinMs =
      (fnv(`${key}/${at}/w`) % 300_000) + k * step + (fnv(`${key}/${at}/${k}`) % Math.max(1, step));
    const klog = KLOG_HEADER.exec(lines[i]?.text ?? '');
    if (klog) {
      // A Kubernetes component's line says when it was logged (klog's header, to the
      // microsecond): containerd reads it a few tens of microseconds later.
      const [, mo, d, h, mi, s, us] = klog.map(Number) as number[];
      const logged = Date.UTC(new Date(at).getUTCFullYear(), mo! - 1, d, h, mi, s) / 1000;
      let fraction = us! * 1000 + 20_000 + (fnv(`${key}/${i}/r`) % 280_000);
      // Read in the order written: never before the previous line.
      if (logged === klogSecond && fraction <= klogFraction)
        fraction = klogFraction + 1_000 + (fnv(`${key}/${i}/n`) % 9_000);
      klogSecond = logged;
      klogFraction = fraction;
      const carried = Math.floor(fraction / NS_PER_SECOND);
      const when = new Date((logged + carried) * 1000).toISOString().slice(0, 19);
      out.push(`${when}.${String(fraction - carried * NS_PER_SECOND).padStart(9, '0')}Z`);
      continue;
    }
    const second = Math.floor(at / 1000);
    const ns = (at - second * 1000) * 1_000_000 + latency + withinMs;
    const carry = Math.floor(ns / NS_PER_SECOND);
    const iso = new Date((second + carry) * 1000).toISOString().slice(0, 19);
    out.push(`${iso}.${String(ns - carry * NS_PER_SECOND).padStart(9, '0')}Z`);
  }
  return out;
}
