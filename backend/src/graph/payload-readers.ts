// Small readers for Graph JSON: each checks the shape it reads and throws GraphPayloadError when it is wrong.
import type { Recipient } from '@microsoft/microsoft-graph-types';
import { GraphPayloadError } from './graph-errors.ts';
import type { MailAddress } from './items.ts';

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown, what: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new GraphPayloadError(`${what} is not a JSON object`);
  return value as JsonObject;
}

/**
 * The longest string property Suhde reads. Graph's own (ids, subjects, addresses, a 255-character bodyPreview)
 * stay far below it; a longer one is a broken item, refused rather than stored in full.
 */
export const MAX_FIELD_CHARS = 10_000;

function bounded(v: string, key: string, what: string): string {
  if (v.length > MAX_FIELD_CHARS) throw new GraphPayloadError(`${what}: "${key}" is oversized (${v.length} characters)`);
  return v;
}

export function requiredString(o: JsonObject, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') throw new GraphPayloadError(`${what}: "${key}" is missing`);
  return bounded(v, key, what);
}

/** A string property; absent, null and empty all read as null. */
export function optionalString(o: JsonObject, key: string, what: string): string | null {
  const v = o[key];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') throw new GraphPayloadError(`${what}: "${key}" is not a string`);
  return bounded(v, key, what);
}

export function optionalBoolean(o: JsonObject, key: string, what: string): boolean {
  const v = o[key];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw new GraphPayloadError(`${what}: "${key}" is not a boolean`);
  return v;
}

// Graph's timestamps: "ISO 8601 format and is always in UTC time", e.g. 2014-01-01T00:00:00Z.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An Edm.DateTimeOffset property (sentDateTime, receivedDateTime) as epoch ms, or null when absent. */
export function optionalInstant(o: JsonObject, key: string, what: string): number | null {
  const v = optionalString(o, key, what);
  if (v === null) return null;
  const ms = INSTANT.test(v) ? Date.parse(v) : Number.NaN;
  if (!Number.isFinite(ms)) throw new GraphPayloadError(`${what}: "${key}" is not a timestamp: ${v}`);
  return ms;
}

/** A recipient `{ emailAddress: { name, address } }`; null when absent or without an address. */
export function parseRecipient(value: unknown, what: string): MailAddress | null {
  if (value === undefined || value === null) return null;
  const recipient = asObject(value, what) as Recipient;
  if (recipient.emailAddress === undefined || recipient.emailAddress === null) return null;
  const email = asObject(recipient.emailAddress, `${what}.emailAddress`);
  const address = optionalString(email, 'address', what)?.trim().toLowerCase() ?? '';
  if (address === '') return null;
  const name = optionalString(email, 'name', what)?.trim() || null;
  return { address, name };
}

/** A recipient collection (toRecipients, ccRecipients); entries without an address are dropped. */
export function parseRecipients(value: unknown, what: string): MailAddress[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new GraphPayloadError(`${what} is not an array`);
  return value.flatMap((r, i) => parseRecipient(r, `${what}[${i}]`) ?? []);
}
