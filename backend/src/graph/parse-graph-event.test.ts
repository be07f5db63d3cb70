import { describe, expect, it } from 'vitest';
import { GraphPayloadError } from './graph-errors.ts';
import { parseGraphEvent } from './parse-graph-event.ts';

// Shaped like a page item of "Get incremental changes to events in a calendar view": calendarView delta returns
// the full event (no $select), times in UTC without an offset.
const recorded = {
  '@odata.type': '#microsoft.graph.event',
  '@odata.etag': 'W/"EZ9r3czxY0m2jz8c45czkwAAFXcvIQ=="',
  id: 'AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AEvent1',
  iCalUId: '040000008200E00074C5B7101A82E008000000001B9F9E0C2A9BDA01000000000000000010000000',
  subject: 'Huoltosopimuksen katselmointi',
  bodyPreview: 'Agenda…',
  body: { contentType: 'html', content: '<p>Agenda…</p>' },
  importance: 'normal',
  sensitivity: 'normal',
  isAllDay: false,
  isCancelled: false,
  isOrganizer: true,
  isOnlineMeeting: true,
  onlineMeetingProvider: 'teamsForBusiness',
  onlineMeetingUrl: null,
  // As "Create or set an event as an online meeting in an Outlook calendar" shows it.
  onlineMeeting: {
    joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_ODkyNWFmNGYtZjBjYS00MDdlLTllOWQtN2E3MzJlNjM0ZWRj%40thread.v2/0?context=%7b%22Tid%22%3a%2298a79ebe-74bf-4e07-a017-7b410848cb32%22%2c%22Oid%22%3a%2264339082-ed84-4b0b-b4ab-004ae54f3747%22%7d',
    conferenceId: '291633251',
    tollNumber: '+1 323-555-0166',
  },
  type: 'occurrence',
  seriesMasterId: 'AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AMaster',
  start: { dateTime: '2024-05-06T09:00:00.0000000', timeZone: 'UTC' },
  end: { dateTime: '2024-05-06T09:30:00.0000000', timeZone: 'UTC' },
  location: { displayName: 'Teams' },
  organizer: { emailAddress: { name: 'Matti Myyjä', address: 'Matti@Suhde.example' } },
  attendees: [
    { type: 'required', status: { response: 'accepted', time: '2024-05-01T12:00:00Z' }, emailAddress: { name: 'Aino Virtanen', address: 'aino.virtanen@asiakas.fi' } },
    { type: 'optional', status: { response: 'none', time: '0001-01-01T00:00:00Z' }, emailAddress: { name: 'Pekka', address: 'pekka@asiakas.fi' } },
    { type: 'resource', status: { response: 'accepted' }, emailAddress: { name: 'Neuvotteluhuone 3' } },
  ],
};

describe('parseGraphEvent', () => {
  it('maps a recorded calendarView delta item and drops what Suhde does not keep', () => {
    const item = parseGraphEvent(recorded);
    expect(item).toEqual({
      graphId: recorded.id,
      iCalUId: recorded.iCalUId,
      subject: 'Huoltosopimuksen katselmointi',
      start: Date.parse('2024-05-06T09:00:00Z'),
      end: Date.parse('2024-05-06T09:30:00Z'),
      organizer: { address: 'matti@suhde.example', name: 'Matti Myyjä' },
      attendees: [
        { address: 'aino.virtanen@asiakas.fi', name: 'Aino Virtanen', type: 'required', response: 'accepted' },
        { address: 'pekka@asiakas.fi', name: 'Pekka', type: 'optional', response: 'none' },
      ],
      isOnlineMeeting: true,
      teamsThreadId: '19:meeting_ODkyNWFmNGYtZjBjYS00MDdlLTllOWQtN2E3MzJlNjM0ZWRj@thread.v2',
      isCancelled: false,
      sensitivity: 'normal',
      type: 'occurrence',
      seriesMasterId: recorded.seriesMasterId,
    });
    expect(item).not.toHaveProperty('body');
  });

  it('reads the Teams chat thread only from a Teams meetup-join URL', () => {
    const join = (joinUrl: string | null, onlineMeetingProvider = 'teamsForBusiness') => parseGraphEvent({ ...recorded, onlineMeetingProvider, onlineMeeting: { joinUrl } }).teamsThreadId;
    expect(join('https://teams.microsoft.com/l/meetup-join/19%3Ameeting_abc%40thread.v2/0?context=%7B%7D')).toBe('19:meeting_abc@thread.v2');
    expect(join('https://teams.microsoft.com/l/meetup-join/19%3a1b2c%40thread.tacv2/1700000000000?context=%7b%7d')).toBe('19:1b2c@thread.tacv2');
    // The short links Teams also hands out carry no thread; Skype and other hosts are not Teams.
    expect(join('https://teams.microsoft.com/meet/2384720?p=abc')).toBeNull();
    expect(join('https://join.skype.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0')).toBeNull();
    expect(join('https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0', 'skypeForBusiness')).toBeNull();
    expect(join('http://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0')).toBeNull();
    expect(join('https://teams.microsoft.com/l/meetup-join/not-a-thread/0')).toBeNull();
    expect(join('https://teams.microsoft.com/l/meetup-join/%E0%A4%A/0')).toBeNull();
    expect(join('https://teams.microsoft.com/l/meetup-join/19%3ameeting_a%00b%40thread.v2/0')).toBeNull();
    expect(join(null)).toBeNull();
    expect(parseGraphEvent({ ...recorded, onlineMeeting: null }).teamsThreadId).toBeNull();
    expect(() => parseGraphEvent({ ...recorded, onlineMeeting: 'https://teams.microsoft.com/' })).toThrow(GraphPayloadError);
  });

  it('keeps private and cancelled markers, and reads unknown sensitivity as private', () => {
    expect(parseGraphEvent({ ...recorded, sensitivity: 'private', isCancelled: true })).toMatchObject({ sensitivity: 'private', isCancelled: true });
    expect(parseGraphEvent({ ...recorded, sensitivity: 'unknownFutureValue' }).sensitivity).toBe('private');
  });

  it('defaults a single instance without series fields', () => {
    const { type: _t, seriesMasterId: _s, ...single } = recorded;
    expect(parseGraphEvent(single)).toMatchObject({ type: 'singleInstance', seriesMasterId: null });
  });

  it('refuses an unknown type, a missing id and an unreadable time', () => {
    expect(() => parseGraphEvent({ ...recorded, type: 'holiday' })).toThrow(GraphPayloadError);
    expect(() => parseGraphEvent({ ...recorded, id: '' })).toThrow(GraphPayloadError);
    expect(() => parseGraphEvent({ ...recorded, start: { dateTime: 'soon', timeZone: 'UTC' } })).toThrow(GraphPayloadError);
  });
});
