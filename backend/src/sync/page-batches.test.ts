import { describe, expect, it } from 'vitest';
import { combinePages, pageBatches } from './page-batches.ts';

interface Page { items: string[]; removedIds: string[]; deltaLink: string | null; n: number }
const page = (n: number, items: number, last = false): Page => ({ items: Array.from({ length: items }, (_, i) => `${n}-${i}`), removedIds: [], deltaLink: last ? 'delta' : null, n });

async function* source(pages: Page[], opts: { gateAfter?: number; gate?: Promise<void>; failAt?: number; pulled?: number[] } = {}): AsyncGenerator<Page> {
  for (const [i, p] of pages.entries()) {
    if (i === opts.gateAfter) await opts.gate;
    if (i === opts.failAt) throw new Error('429 throttled');
    opts.pulled?.push(i);
    yield p;
  }
}

async function collect(gen: AsyncGenerator<Page[]>, onBatch?: (b: Page[]) => Promise<void>): Promise<number[][]> {
  const out: number[][] = [];
  for await (const b of gen) {
    out.push(b.map((p) => p.n));
    await onBatch?.(b);
  }
  return out;
}

describe('pageBatches', () => {
  it('commits together the pages that arrived while the previous batch was committed, within the item limit', async () => {
    let release!: () => void;
    const slowCommit = new Promise<void>((r) => (release = r));
    const pages = [page(0, 10), page(1, 10), page(2, 10), page(3, 10), page(4, 5, true)];
    const batches = await collect(pageBatches(source(pages), { maxItems: 25, maxPagesAhead: 8 }), async (b) => {
      if (b[0]!.n === 0) {
        // While the first batch "commits", the pump reads every other page.
        await new Promise((r) => setTimeout(r, 20));
        release();
      }
      await slowCommit;
    });
    expect(batches).toEqual([[0], [1, 2], [3, 4]]);
  });

  it('never reads past the page with the deltaLink, nor further ahead than allowed', async () => {
    const pulled: number[] = [];
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const pages = [page(0, 1), page(1, 1), page(2, 1), page(3, 1, true), page(4, 1)];
    const gen = pageBatches(source(pages, { pulled, gateAfter: 99, gate }), { maxItems: 100, maxPagesAhead: 2 });
    const first = await gen.next();
    expect(first.value!.map((p: Page) => p.n)).toEqual([0]);
    await new Promise((r) => setTimeout(r, 10));
    expect(pulled.length).toBeLessThanOrEqual(3);
    open();
    const rest = await collect(gen);
    expect(rest.flat()).toEqual([1, 2, 3]);
    expect(pulled).toEqual([0, 1, 2, 3]);
  });

  it('hands over every page before a failure, then the failure', async () => {
    const pages = [page(0, 1), page(1, 1), page(2, 1), page(3, 1, true)];
    const seen: number[] = [];
    await expect(collect(pageBatches(source(pages, { failAt: 2 })), async (b) => { seen.push(...b.map((p) => p.n)); })).rejects.toThrow('429');
    expect(seen).toEqual([0, 1]);
  });

  it('stops the pump when the consumer stops', async () => {
    const pulled: number[] = [];
    const pages = Array.from({ length: 50 }, (_, i) => page(i, 1, i === 49));
    for await (const b of pageBatches(source(pages, { pulled }), { maxItems: 1, maxPagesAhead: 3 })) {
      if (b[0]!.n === 1) break;
    }
    expect(pulled.length).toBeLessThan(10);
  });
});

describe('combinePages', () => {
  const plan = (graphId: string, v: string) => ({ graphId, v });
  it('keeps the last word on each item across the pages of a batch', () => {
    const r = combinePages([
      { plans: [plan('a', '1'), plan('b', '1')], removedIds: ['c'], unreadable: ['x'] },
      { plans: [plan('a', '2'), plan('c', '2')], removedIds: ['b'], unreadable: ['y'] },
    ]);
    expect(r.plans).toEqual([plan('a', '2'), plan('c', '2')]);
    expect(r.removedIds).toEqual(['b']);
    expect(r.unreadable).toEqual(['x', 'y']);
  });
});
