// Calendar delta rounds against the Graph emulator over real HTTP.
import { describe, expect, it } from 'vitest';
import { collect, graphHarness } from '../../../test/support/graph-harness.ts';
import type { CalendarItem } from './items.ts';

const h = graphHarness();

describe('deltaEvents', () => {
  const day = Date.parse('2024-05-06T00:00:00Z');
  const window = { start: day, end: day + 7 * 86_400_000 };

  it('syncs a calendar view window, then reports deletions and events leaving it', async () => {
    const meeting = h.emulator.store.addEvent(h.mailbox.id, {
      subject: 'Katselmointi', start: day + 9 * 3_600_000, end: day + 9.5 * 3_600_000, organizer: h.mailbox.userPrincipalName,
      attendees: [{ address: 'aino@asiakas.fi', name: 'Aino', response: 'accepted' }], isOnlineMeeting: true, iCalUId: 'ical-1',
    });
    const other = h.emulator.store.addEvent(h.mailbox.id, { subject: 'Lounas', start: day + 12 * 3_600_000, end: day + 13 * 3_600_000 });
    h.emulator.store.addEvent(h.mailbox.id, { subject: 'Last month', start: day - 30 * 86_400_000, end: day - 30 * 86_400_000 + 3_600_000 });
    const graph = h.client();
    const full = await collect(graph.deltaEvents(h.mailbox.id, window, null, { pageSize: 1 }));
    expect(full.pages).toHaveLength(2);
    expect(full.items.find((e) => e.graphId === meeting.id)).toEqual<CalendarItem>({
      graphId: meeting.id, iCalUId: 'ical-1', subject: 'Katselmointi', start: day + 9 * 3_600_000, end: day + 9.5 * 3_600_000,
      organizer: { address: h.mailbox.userPrincipalName, name: h.mailbox.userPrincipalName },
      attendees: [{ address: 'aino@asiakas.fi', name: 'Aino', type: 'required', response: 'accepted' }],
      isOnlineMeeting: true, teamsThreadId: expect.stringMatching(/^19:meeting_[A-Za-z0-9+/]+@thread\.v2$/), isCancelled: false, sensitivity: 'normal',
      type: 'singleInstance', seriesMasterId: null,
    });
    expect(h.emulator.requests[0]?.query).toBe(`startDateTime=${encodeURIComponent(new Date(window.start).toISOString())}&endDateTime=${encodeURIComponent(new Date(window.end).toISOString())}`);

    h.emulator.store.deleteEvent(h.mailbox.id, meeting.id);
    h.emulator.store.updateEvent(h.mailbox.id, other.id, { start: day + 40 * 86_400_000, end: day + 40 * 86_400_000 + 3_600_000 });
    const next = await collect(graph.deltaEvents(h.mailbox.id, window, full.deltaLink));
    expect(next.items).toEqual([]);
    expect(next.removedIds).toEqual([meeting.id, other.id]);
  });
});
