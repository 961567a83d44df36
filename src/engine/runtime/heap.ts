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
