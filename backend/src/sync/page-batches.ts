// Graph pages in, commit batches out. A pump keeps asking Graph for the next pages while the store commits the
// previous batch (network and database overlap), and each batch is every page that arrived meanwhile: when the
// store is the slower side pages pile up and commit together (fewer transactions, fewer fsyncs); when Graph is,
// each page commits as soon as it is there. Pages ahead are only requests: the cursor moves with a commit.

/** What a batch needs to know of a page to bound it: its items, and whether it ends the round. */
export interface PageLike {
  items: readonly unknown[];
  removedIds: readonly string[];
  deltaLink: string | null;
}

export interface BatchLimits {
  /** Items (and removals) per commit at most: one transaction's size. */
  maxItems: number;
  /** Pages read ahead of the store at most (a memory bound: pages of up to 1000 items). */
  maxPagesAhead: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxItems: 5000, maxPagesAhead: 8 };

const sizeOf = (p: PageLike) => p.items.length + p.removedIds.length;

/**
 * Event-loop turns given to the pump's request for the next page before a batch is handed over. On SQLite the
 * store's calls run synchronously (better-sqlite3 under Kysely, chained by microtasks only), so a request the
 * fetch has not yet written to its socket waits for the whole commit. Measured with a synchronous consumer and
 * the emulator in its own process: with no turn or one, the next request reached Graph after the commit; with
 * three, during it.
 */
const REQUEST_TURNS = 3;

async function letRequestOut(): Promise<void> {
  for (let i = 0; i < REQUEST_TURNS; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Batches of consecutive pages from `source`, each at least one page, in Graph's order. A failure of the source
 * (a 410, a throttled request) comes after every page before it, so those still commit first.
 */
export async function* pageBatches<P extends PageLike>(source: AsyncGenerator<P>, limits: BatchLimits = DEFAULT_BATCH_LIMITS): AsyncGenerator<P[]> {
  const ahead: P[] = [];
  let failure: { error: unknown } | null = null;
  let ended = false;
  let stopped = false;
  // One waiter each way: the consumer waits for a page, the pump for room.
  let wakeConsumer: (() => void) | null = null;
  let wakePump: (() => void) | null = null;
  const signal = (which: 'consumer' | 'pump') => {
    const wake = which === 'consumer' ? wakeConsumer : wakePump;
    if (which === 'consumer') wakeConsumer = null;
    else wakePump = null;
    wake?.();
  };
  const pump = (async () => {
    try {
      while (!stopped) {
        if (ahead.length >= limits.maxPagesAhead) {
          await new Promise<void>((r) => (wakePump = r));
          continue;
        }
        const r = await source.next();
        if (r.done) break;
        ahead.push(r.value);
        signal('consumer');
        if (r.value.deltaLink !== null) break;
      }
    } catch (error) {
      failure = { error };
    } finally {
      ended = true;
      signal('consumer');
    }
  })();

  try {
    for (;;) {
      while (ahead.length === 0 && !ended) await new Promise<void>((r) => (wakeConsumer = r));
      if (ahead.length === 0) {
        if (failure) throw (failure as { error: unknown }).error;
        return;
      }
      const batch: P[] = [ahead.shift()!];
      let size = sizeOf(batch[0]!);
      while (ahead.length > 0 && size + sizeOf(ahead[0]!) <= limits.maxItems) {
        size += sizeOf(ahead[0]!);
        batch.push(ahead.shift()!);
      }
      signal('pump');
      if (!ended) await letRequestOut();
      yield batch;
    }
  } finally {
    // The consumer stopped (done, or its commit failed): the pump ends after the request it has in flight.
    stopped = true;
    signal('pump');
    await pump;
    // Closing the page source only ends its fetching; a failure there changes nothing already committed.
    await source.return(undefined as never).catch((e) => console.warn(`[sync] closing a page source failed: ${e instanceof Error ? e.message : e}`));
  }
}

/** A batch's pages as one: the last word on each item wins (Graph may repeat an item, or remove one it sent). */
export function combinePages<T extends { graphId: string }, U>(
  pages: readonly { plans: readonly T[]; removedIds: readonly string[]; unreadable: readonly U[] }[],
): { plans: T[]; removedIds: string[]; unreadable: U[] } {
  const last = new Map<string, { plan: T } | { removed: true }>();
  for (const page of pages) {
    for (const plan of page.plans) {
      last.delete(plan.graphId);
      last.set(plan.graphId, { plan });
    }
    for (const id of page.removedIds) {
      last.delete(id);
      last.set(id, { removed: true });
    }
  }
  const plans: T[] = [];
  const removedIds: string[] = [];
  for (const [id, v] of last) {
    if ('plan' in v) plans.push(v.plan);
    else removedIds.push(id);
  }
  return { plans, removedIds, unreadable: pages.flatMap((p) => p.unreadable) };
}
