// The wall time the sync spends in the store: the union of the spans in which at least one store call of any
// pass is running. Summing spans would count twice the time two passes wait on each other (SQLite runs one
// transaction at a time on its one connection), and dividing the sum by the passes undercounts it.
import { performance } from 'node:perf_hooks';

export interface StoreTimer {
  /** Runs a store call (a lookup, a commit) inside a timed span. */
  span<T>(work: () => Promise<T>): Promise<T>;
}

export interface WallClockStoreTimer extends StoreTimer {
  /** Milliseconds during which at least one span was open. */
  busyMs(): number;
}

export function wallClockStoreTimer(clock: () => number = () => performance.now()): WallClockStoreTimer {
  let open = 0;
  let since = 0;
  let busy = 0;
  return {
    async span(work) {
      if (open++ === 0) since = clock();
      try {
        return await work();
      } finally {
        if (--open === 0) busy += clock() - since;
      }
    },
    busyMs: () => busy + (open > 0 ? clock() - since : 0),
  };
}
