// A Graph event (from calendarView delta or an EVENT_SELECT read) mapped to a CalendarItem; the rest is dropped.
import type { Attendee } from '@microsoft/microsoft-graph-types';
import { GraphPayloadError } from './graph-errors.ts';
import {
  ATTENDEE_RESPONSES, ATTENDEE_TYPES, EVENT_TYPES, SENSITIVITIES,
  type AttendeeResponse, type AttendeeType, type CalendarAttendee, type CalendarItem, type CalendarItemType, type Sensitivity,
} from './items.ts';
import { parseDateTimeTimeZone } from './parse-date-time-time-zone.ts';
import { teamsThreadIdOfJoinUrl } from './teams-join-url.ts';
import { asObject, optionalBoolean, optionalString, parseRecipient, requiredString, type JsonObject } from './payload-readers.ts';

function oneOf<T extends string>(values: readonly T[], value: unknown): T | null {
  return typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : null;
}

function parseAttendees(value: unknown, what: string): CalendarAttendee[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new GraphPayloadError(`${what}: "attendees" is not an array`);
  return value.flatMap((raw: unknown, i) => {
    const a = asObject(raw, `${what} attendees[${i}]`) as Attendee;
    const address = parseRecipient(a, `${what} attendees[${i}]`);
    if (!address) return [];
    const type: AttendeeType = oneOf(ATTENDEE_TYPES, a.type) ?? 'required';
    const response: AttendeeResponse = oneOf(ATTENDEE_RESPONSES, a.status?.response) ?? 'none';
    return [{ ...address, type, response }];
  });
}

/** Event sensitivity is a real property; an unknown value reads as private (fail closed). */
function eventSensitivity(e: JsonObject): Sensitivity {
  if (e.sensitivity === undefined || e.sensitivity === null) return 'normal';
  return oneOf(SENSITIVITIES, e.sensitivity) ?? 'private';
}

/**
 * onlineMeeting is an onlineMeetingInfo ({ joinUrl, conferenceId, ... }) or null; only the Teams thread in its
 * joinUrl is kept. The URL itself (it admits anyone who has it to the lobby) is not.
 */
function teamsThreadId(e: JsonObject, what: string): string | null {
  if (e.onlineMeeting === undefined || e.onlineMeeting === null) return null;
  if (e.onlineMeetingProvider !== undefined && e.onlineMeetingProvider !== null && e.onlineMeetingProvider !== 'teamsForBusiness') return null;
  const info = asObject(e.onlineMeeting, `${what} onlineMeeting`);
  return teamsThreadIdOfJoinUrl(optionalString(info, 'joinUrl', `${what} onlineMeeting`));
}

export function parseGraphEvent(json: unknown): CalendarItem {
  const e = asObject(json, 'event');
  const graphId = requiredString(e, 'id', 'event');
  const what = `event ${graphId}`;
  const type: CalendarItemType | null = e.type === undefined || e.type === null ? 'singleInstance' : oneOf(EVENT_TYPES, e.type);
  if (!type) throw new GraphPayloadError(`${what}: unknown type ${String(e.type)}`);
  return {
    graphId,
    iCalUId: optionalString(e, 'iCalUId', what),
    subject: optionalString(e, 'subject', what),
    start: parseDateTimeTimeZone(e.start, `${what} start`),
    end: parseDateTimeTimeZone(e.end, `${what} end`),
    organizer: parseRecipient(e.organizer, `${what} organizer`),
    attendees: parseAttendees(e.attendees, what),
    isOnlineMeeting: optionalBoolean(e, 'isOnlineMeeting', what),
    teamsThreadId: teamsThreadId(e, what),
    isCancelled: optionalBoolean(e, 'isCancelled', what),
    sensitivity: eventSensitivity(e),
    type,
    seriesMasterId: optionalString(e, 'seriesMasterId', what),
  };
}
