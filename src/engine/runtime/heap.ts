/** A binary min-heap ordered by (at, seq): the simulation's agenda. Ties keep insertion order. */
export interface Timed {
  at: number;
  seq: number;
}

export class Heap<T extends Timed> {
  readonly #items: T[] = [];

  get size(): number {
    return this.#items.length;
  }

  peek(): T | undefined {
    return this.#items[0];
  }

  static #less(a: Timed, b: Timed): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  push(item: T): void {
    // Sift with a hole: parents move down and `item` is written once at its place.
    const a = this.#items;
    let i = a.length;
    a.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = a[p]!;
      if (!Heap.#less(item, parent)) break;
      a[i] = parent;
      i = p;
    }
    a[i] = item;
  }

  pop(): T | undefined {
    const a = this.#items;
    const top = a[0];
    const last = a.pop();
    const n = a.length;
    if (n > 0 && last !== undefined) {
      // Sift `last` down from the root with a hole: the smaller child moves up each step.
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let m = l;
        if (r < n && Heap.#less(a[r]!, a[l]!)) m = r;
        const child = a[m]!;
        if (!Heap.#less(child, last)) break;
        a[i] = child;
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
}

/**
 * The simulation's agenda: the same order as a `Heap` by (at, seq), for items pushed with
 * ever-growing `seq` (the runtime numbers its tasks as it pushes them). Items due at the same
 * virtual time wait in one first-in-first-out bucket, and only the distinct times are kept in
 * a heap: a burst of thousands of deliveries at one instant costs O(1) each instead of
 * O(log n) comparisons through a large heap.
 */
export class Agenda<T extends Timed> {
  /** Distinct due times, a binary min-heap. */
  readonly #times: number[] = [];
  readonly #buckets = new Map<number, Bucket<T>>();
  /**
   * The buckets last popped from and pushed to: runs of tasks share a time (the current
   * instant, a fan-out's delivery time), so most pops and pushes skip the map lookup.
   * A bucket is dropped from both when it empties.
   */
  #popped: Bucket<T> | undefined;
  #pushed: Bucket<T> | undefined;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** The due time of the first item, if any. */
  nextAt(): number | undefined {
    return this.#times[0];
  }

  peek(): T | undefined {
    const at = this.#times[0];
    if (at === undefined) return undefined;
    const b = this.#buckets.get(at)!;
    return b.items[b.head];
  }

  push(item: T): void {
    let b = this.#pushed;
    if (b === undefined || b.at !== item.at) {
      b = this.#buckets.get(item.at);
      if (b === undefined) {
        b = { at: item.at, items: [], head: 0 };
        this.#buckets.set(item.at, b);
        this.#pushTime(item.at);
      }
      this.#pushed = b;
    }
    b.items.push(item);
    this.#size++;
  }

  pop(): T | undefined {
    const at = this.#times[0];
    if (at === undefined) return undefined;
    let b = this.#popped;
    if (b === undefined || b.at !== at) {
      b = this.#buckets.get(at)!;
      this.#popped = b;
    }
    const item = b.items[b.head]!;
    b.items[b.head++] = undefined as unknown as T; // let it be collected
    this.#size--;
    if (b.head === b.items.length) {
      this.#buckets.delete(at);
      this.#popTime();
      this.#popped = undefined;
      if (this.#pushed === b) this.#pushed = undefined;
    }
    return item;
  }

  #pushTime(at: number): void {
    const a = this.#times;
    let i = a.length;
    a.push(at);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = a[p]!;
      if (parent <= at) break;
      a[i] = parent;
      i = p;
    }
    a[i] = at;
  }

  #popTime(): void {
    const a = this.#times;
    const last = a.pop()!;
    const n = a.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && a[r]! < a[l]! ? r : l;
      if (a[m]! >= last) break;
      a[i] = a[m]!;
      i = m;
    }
    a[i] = last;
  }
}

/** The items of an `Agenda` due at one time, first in first out from `head`. */
interface Bucket<T> {
  at: number;
  items: T[];
  head: number;
}
