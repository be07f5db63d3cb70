import { describe, expect, it } from 'vitest';
import { GraphPayloadError } from './graph-errors.ts';
import { parseDateTimeTimeZone } from './parse-date-time-time-zone.ts';

describe('parseDateTimeTimeZone', () => {
  it('reads Graph UTC wall-clock times with seven fractional digits', () => {
    expect(parseDateTimeTimeZone({ dateTime: '2016-12-09T20:30:00.0000000', timeZone: 'UTC' }, 'start')).toBe(Date.parse('2016-12-09T20:30:00Z'));
    expect(parseDateTimeTimeZone({ dateTime: '2016-12-09T20:30:00.1234567', timeZone: 'UTC' }, 'start')).toBe(Date.parse('2016-12-09T20:30:00.123Z'));
  });
  it('converts an IANA zone, including across daylight saving time', () => {
    expect(parseDateTimeTimeZone({ dateTime: '2024-01-15T09:00:00.0000000', timeZone: 'Europe/Helsinki' }, 's')).toBe(Date.parse('2024-01-15T07:00:00Z'));
    expect(parseDateTimeTimeZone({ dateTime: '2024-07-15T09:00:00.0000000', timeZone: 'Europe/Helsinki' }, 's')).toBe(Date.parse('2024-07-15T06:00:00Z'));
  });
  it('honours an explicit offset', () => {
    expect(parseDateTimeTimeZone({ dateTime: '2024-07-15T09:00:00+03:00', timeZone: 'UTC' }, 's')).toBe(Date.parse('2024-07-15T06:00:00Z'));
  });
  it('maps Windows zone names through CLDR windowsZones, daylight saving included', () => {
    expect(parseDateTimeTimeZone({ dateTime: '2024-07-15T09:00:00.0000000', timeZone: 'Pacific Standard Time' }, 's')).toBe(Date.parse('2024-07-15T16:00:00Z'));
    expect(parseDateTimeTimeZone({ dateTime: '2024-01-15T09:00:00.0000000', timeZone: 'Pacific Standard Time' }, 's')).toBe(Date.parse('2024-01-15T17:00:00Z'));
    expect(parseDateTimeTimeZone({ dateTime: '2024-07-15T09:00:00.0000000', timeZone: 'FLE Standard Time' }, 's')).toBe(Date.parse('2024-07-15T06:00:00Z'));
    expect(parseDateTimeTimeZone({ dateTime: '2024-01-15T09:00:00.0000000', timeZone: 'fle standard time' }, 's')).toBe(Date.parse('2024-01-15T07:00:00Z'));
    expect(parseDateTimeTimeZone({ dateTime: '2024-01-15T09:00:00.0000000', timeZone: 'W. Europe Standard Time' }, 's')).toBe(Date.parse('2024-01-15T08:00:00Z'));
  });
  it('refuses an unknown zone rather than guessing, and unreadable times', () => {
    expect(() => parseDateTimeTimeZone({ dateTime: '2024-07-15T09:00:00.0000000', timeZone: 'Mars Standard Time' }, 's')).toThrow(/unknown time zone/);
    expect(() => parseDateTimeTimeZone({ dateTime: 'tomorrow', timeZone: 'UTC' }, 's')).toThrow(GraphPayloadError);
    expect(() => parseDateTimeTimeZone(null, 's')).toThrow(GraphPayloadError);
  });
});
