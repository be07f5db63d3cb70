// Wire-format helpers shared by the emulator's parts: error bodies, Prefer parsing, paths, timestamps, ids.
import { randomBytes, randomUUID } from 'node:crypto';

export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON body, or null for none (204). */
  body: unknown;
}

export const JSON_CONTENT_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** "Microsoft Graph error responses and resource types": { error: { code, message, innerError: { request-id, date } } }. */
export function graphError(status: number, code: string, message: string, headers: Record<string, string> = {}): EmulatorResponse {
  const requestId = randomUUID();
  return {
    status,
    headers: { 'Content-Type': 'application/json', 'request-id': requestId, ...headers },
    body: {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': requestId },
      },
    },
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): EmulatorResponse {
  return { status, headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers }, body };
}

/** RFC 7240 preferences, names lower-cased, values unquoted: `IdType="ImmutableId", odata.maxpagesize=50`. */
export function parsePrefer(header: string | undefined): Map<string, string> {
  const prefs = new Map<string, string>();
  if (!header) return prefs;
  for (const m of header.matchAll(/([^=,;\s]+)\s*(?:=\s*("[^"]*"|[^,;]*))?/g)) {
    const name = m[1];
    if (!name) continue;
    prefs.set(name.toLowerCase(), (m[2] ?? '').trim().replace(/^"(.*)"$/, '$1'));
  }
  return prefs;
}

/** True when the request asked for immutable ids ("Obtain immutable identifiers for Outlook resources"). */
export function wantsImmutableIds(prefer: Map<string, string>): boolean {
  return prefer.get('idtype')?.toLowerCase() === 'immutableid';
}

/**
 * A path's segments with OData key syntax unfolded: "users/u1/mailfolders('inbox')/messages" gives
 * ["users", "u1", "mailfolders", "inbox", "messages"].
 */
export function pathSegments(path: string): string[] {
  const out: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    const m = /^([^()]+)\(\s*'?([^()']*)'?\s*\)$/.exec(raw);
    for (const part of m ? [m[1] ?? '', m[2] ?? ''] : [raw]) {
      try {
        out.push(decodeURIComponent(part));
      } catch {
        out.push(part);
      }
    }
  }
  return out;
}

/** Query options with lower-cased names ($skipToken and $skiptoken, startDateTime and startdatetime are the same). */
export function queryOptions(search: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of new URLSearchParams(search)) out.set(k.toLowerCase(), v);
  return out;
}

/** Edm.DateTimeOffset as Graph writes it on messages: 2024-05-02T08:15:00Z. */
export function instant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/** Edm.DateTimeOffset with seven fractional digits, as on subscriptions: 2024-05-01T10:00:00.1230000Z. */
export function preciseInstant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

/** dateTimeTimeZone.dateTime in UTC as Graph writes it: 2016-12-09T20:30:00.0000000. */
export function wallClockUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000');
}

export function toMs(value: number | string | Date): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new Error(`not a time: ${String(value)}`);
  return ms;
}

/** An opaque, URL-safe identifier with a Graph-like prefix. */
export function opaqueId(prefix: string, bytes = 24): string {
  return prefix + randomBytes(bytes).toString('base64url');
}
