import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Agenda, Heap } from './heap.ts';

describe('Agenda', () => {
  it('pops in the same (at, seq) order as the heap, pushes and pops interleaved', () => {
    const step = fc.oneof(
      fc.record({ push: fc.constant(true as const), dt: fc.constantFrom(0, 0, 1, 5, 300, 1000) }),
      fc.record({ push: fc.constant(false as const) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const heap = new Heap<{ at: number; seq: number }>();
        const agenda = new Agenda<{ at: number; seq: number }>();
        let now = 0;
        let seq = 0;
        const popBoth = () => {
          const a = heap.pop();
          const b = agenda.pop();
          expect(b).toBe(a);
          if (a) now = a.at;
        };
        for (const s of steps) {
          if (s.push) {
            // Like the runtime: tasks are due now or later, numbered as they are pushed.
            const t = { at: now + s.dt, seq: seq++ };
            heap.push(t);
            agenda.push(t);
          } else popBoth();
          expect(agenda.size).toBe(heap.size);
          expect(agenda.peek()).toBe(heap.peek());
          expect(agenda.nextAt()).toBe(heap.peek()?.at);
        }
        while (heap.size > 0) popBoth();
        expect(agenda.pop()).toBeUndefined();
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
