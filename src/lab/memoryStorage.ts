/**
 * For tests: a lab's saved state kept in a Map, as the page keeps it in localStorage (the same
 * Map read by a second session is a reload). Not imported by the app.
 */
import type { LabStorage } from './session.ts';

export function memoryStorage(): LabStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      data.set(k, v);
    },
    removeItem: (k) => {
      data.delete(k);
    },
  };
}
