// Graph's dateTimeTimeZone ({ dateTime, timeZone }) as an epoch-ms instant.
//
// What Suhde assumes: it never sends `Prefer: outlook.timezone`, so Graph returns event times in UTC
// ("event: delta": Prefer {Time zone} is optional, "UTC assumed if absent"), e.g.
// { "dateTime": "2016-12-09T20:30:00.0000000", "timeZone": "UTC" } — a wall-clock time without an offset.
// An IANA zone name is converted with the runtime's time-zone data, and a Windows zone name ("FLE Standard Time",
// which Graph returns under the header or for events Outlook for Windows wrote) through CLDR's table
// (windows-zones.ts). A name in neither is refused, so the event is skipped as unreadable rather than misfiled.
import type { DateTimeTimeZone } from '@microsoft/microsoft-graph-types';
import { GraphPayloadError } from './graph-errors.ts';
import { asObject } from './payload-readers.ts';
import { WINDOWS_TO_IANA } from './windows-zones.ts';
import { zoneOffset } from '../domain/local-time.ts';

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?$/;
const UTC_NAMES = new Set(['utc', 'etc/utc', 'gmt', 'etc/gmt', 'z', 'coordinated universal time']);

const WINDOWS_BY_LOWER = new Map(Object.entries(WINDOWS_TO_IANA).map(([k, v]) => [k.toLowerCase(), v]));

/** The IANA zone of a Windows zone name, compared without case (Exchange is not consistent); null if not one. */
function windowsZone(name: string): string | null {
  return WINDOWS_BY_LOWER.get(name.toLowerCase()) ?? null;
}

export function parseDateTimeTimeZone(value: unknown, what: string): number {
  const o = asObject(value, what) as DateTimeTimeZone;
  const m = typeof o.dateTime === 'string' ? WALL_CLOCK.exec(o.dateTime) : null;
  if (!m) throw new GraphPayloadError(`${what}: dateTime is missing or unreadable`);
  const [, y, mo, d, h, mi, s, frac, offset] = m;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
  if (offset) {
    // An explicit offset wins over the zone name.
    if (offset === 'Z') return wall;
    const sign = offset.startsWith('-') ? -1 : 1;
    return wall - sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
  }
  const zone = typeof o.timeZone === 'string' ? o.timeZone.trim() : '';
  if (zone === '' || UTC_NAMES.has(zone.toLowerCase())) return wall;
  const iana = windowsZone(zone) ?? zone;
  let first: number;
  try {
    // The wall time minus the zone's offset, re-checked once at the result for a DST change in between.
    first = wall - zoneOffset(wall, iana);
  } catch {
    // Intl refuses a zone it does not know (RangeError).
    throw new GraphPayloadError(`${what}: unknown time zone "${zone.slice(0, 80)}"`);
  }
  return wall - zoneOffset(first, iana);
}
