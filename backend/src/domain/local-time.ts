// A time zone's wall clock against UTC, from Intl. Imports nothing, so care-plan.ts (which types.ts imports) can
// use it without a cycle through period.ts.

// A formatter costs tens of microseconds to build and every period, week start and working day asks for one;
// an unknown zone throws from the constructor, so only valid zones are kept. Intl takes a zone's name in any case,
// so the cache is bounded: a request naming zones in ever new spellings must not grow it without end.
const wallClocks = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string): Intl.DateTimeFormat {
  let f = wallClocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    if (wallClocks.size >= 512) wallClocks.clear();
    wallClocks.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in ms (Helsinki: +2 h in winter, +3 h in summer). */
export function zoneOffset(at: number, timeZone: string): number {
  const parts = wallClock(timeZone).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** Epoch ms of local midnight starting the given day. */
export function localMidnight(isoDate: string, timeZone: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  // Twice: the offset at the guess can differ from the offset at the answer across a DST change.
  const first = guess - zoneOffset(guess, timeZone);
  return guess - zoneOffset(first, timeZone);
}
