// The day-by-day merge: yields every account's touches in time order while holding about a day of them.
import type { Interaction } from '../domain/types.ts';
import { DAY_MS } from '../domain/types.ts';
import type { Ctx, AccountModel } from './generate-model.ts';
import type { Touch, Pending } from './generate-interactions.ts';
import * as touchPlan from './plan-touches.ts';
import * as interactions from './generate-interactions.ts';

// Imported values are copied into module constants once (see generate-tenant.ts).
const { TouchCursor } = touchPlan;
type TouchCursor = touchPlan.TouchCursor;
const { Emitter } = interactions;

/**
 * The merge window. A day keeps the buffer small (a few thousand entries at benchmark scale), so entries die
 * young instead of being promoted to the old generation; the per-window pass over all cursors stays cheap.
 */
const WINDOW_MS = DAY_MS;

function byTime(a: Pending, b: Pending): number {
  return a.at - b.at;
}

const SORT_INDEX_BITS = 2 ** 18;
let sortKeys = new Float64Array(4096);
let sortScratch: Pending[] = [];

/**
 * Sorts the buffer by time, ties in insertion order (so the output stays deterministic). Packs (time since
 * `origin`, position) into one exactly representable double and sorts a Float64Array natively, which is
 * several times faster than a comparator over a million entries; falls back to the (stable) comparator sort
 * when the packing would not be exact. Every entry is at or after the window start, and at most days later.
 */
function sortByTime(buffer: Pending[], origin: number): void {
  const n = buffer.length;
  if (n < 2) return;
  let exact = n < SORT_INDEX_BITS;
  for (let i = 0; exact && i < n; i++) {
    const d = buffer[i]!.at - origin;
    exact = d >= 0 && d < 2 ** 34 && Number.isInteger(d);
  }
  if (!exact) {
    buffer.sort(byTime);
    return;
  }
  if (sortKeys.length < n) sortKeys = new Float64Array(n * 2);
  const keys = sortKeys.subarray(0, n);
  for (let i = 0; i < n; i++) keys[i] = (buffer[i]!.at - origin) * SORT_INDEX_BITS + i;
  keys.sort();
  const scratch = sortScratch;
  scratch.length = n;
  for (let i = 0; i < n; i++) scratch[i] = buffer[keys[i]! % SORT_INDEX_BITS]!;
  for (let i = 0; i < n; i++) buffer[i] = scratch[i]!;
  scratch.length = 0;
}

/**
 * The chronological merge: week by week, every account's touches that start in the week are planned into a
 * buffer of lightweight entries, which is sorted; entries inside the week are materialised and yielded, later
 * replies wait for their week. Touch starts never decrease per account, so nothing planned later can belong to a
 * week already yielded.
 */
export function* emitInteractions(ctx: Ctx, models: AccountModel[], activity: number): Generator<Interaction> {
  const emitter = new Emitter(ctx);
  const windows = Math.max(1, Math.ceil((ctx.now - ctx.historyStart) / WINDOW_MS));
  // Cursors wait in the bucket of the window their next touch starts in, so a window only visits the accounts
  // that have something in it (not all 20,000 accounts every day).
  const buckets: TouchCursor[][] = Array.from({ length: windows }, () => []);
  const windowOf = (t: number) => Math.min(windows - 1, Math.max(0, Math.floor((t - ctx.historyStart) / WINDOW_MS)));
  for (const m of models) {
    const cursor = new TouchCursor(ctx, m, activity);
    const next = cursor.peek();
    if (next !== Infinity) buckets[windowOf(next)]!.push(cursor);
  }
  let buffer: Pending[] = [];
  for (let w = 0; w < windows; w++) {
    const windowStart = ctx.historyStart + w * WINDOW_MS;
    const windowEnd = w === windows - 1 ? Infinity : windowStart + WINDOW_MS;
    const due = buckets[w]!;
    buckets[w] = [];
    for (const cursor of due) {
      while (cursor.peek() < windowEnd) {
        const plan = cursor.take();
        if (!plan) break;
        const touch: Touch = { model: cursor.model, plan, thread: null };
        for (let i = 0; i < plan.times.length; i++) buffer.push({ at: plan.times[i]!, touch, index: i });
      }
      const next = cursor.peek();
      if (next !== Infinity) buckets[windowOf(next)]!.push(cursor);
    }
    sortByTime(buffer, windowStart);
    let i = 0;
    while (i < buffer.length && buffer[i]!.at < windowEnd) yield emitter.materialize(buffer[i++]!);
    buffer = i === buffer.length ? [] : buffer.slice(i);
  }
  // The last window is open-ended, so nothing is left here; kept for safety.
  buffer.sort(byTime);
  for (const p of buffer) yield emitter.materialize(p);
}
