// Calendar delta: one round over a mailbox's calendar view.
import { deltaRound, segment } from './delta-round.ts';
import type { CalendarItem, DeltaPage } from './items.ts';
import { parseGraphEvent } from './parse-graph-event.ts';
import type { GraphTransport } from './transport.ts';

export interface DeltaEventsOptions {
  pageSize?: number;
}

/** One delta round over the calendar view [start, end) (epoch ms), as deltaMessages. */
export async function* deltaEvents(
  transport: GraphTransport, mailbox: string, window: { start: number; end: number }, deltaLinkOrNull: string | null, opts: DeltaEventsOptions = {},
): AsyncGenerator<DeltaPage<CalendarItem>> {
  // No $select: "event: delta" does not support it on a calendarView; parseGraphEvent keeps what Suhde needs.
  const first =
    deltaLinkOrNull !== null
      ? transport.assertOwnLink(deltaLinkOrNull)
      : `${transport.root}/users/${segment(mailbox)}/calendarView/delta` +
        `?startDateTime=${encodeURIComponent(new Date(window.start).toISOString())}` +
        `&endDateTime=${encodeURIComponent(new Date(window.end).toISOString())}`;
  yield* deltaRound(transport, mailbox, first, opts.pageSize, parseGraphEvent);
}
