// Entity tags for JSON answers that are read far more often than they change (the timeline). The tag is a hash
// of the exact bytes this caller gets, so two callers who may see different things never share a tag, and any
// write that changes what one sees changes theirs. A matching If-None-Match gets 304 and no body.
import { hash } from 'node:crypto';
import type { Context } from 'hono';

/** The tag of a body: the first 32 characters of the base64url SHA-256 of its UTF-8 bytes. */
export function entityTag(body: string | Uint8Array): string {
  return `"${hash('sha256', body, 'base64url').slice(0, 32)}"`;
}

/** RFC 9110 13.1.2: weak comparison, a list of tags or "*". */
export function matchesIfNoneMatch(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = tag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === opaque);
}

/** The JSON answer with its ETag, or 304 when the caller already has these bytes. */
export function jsonWithETag(c: Context, value: unknown): Response {
  return jsonBytesWithETag(c, Buffer.from(JSON.stringify(value)));
}

/**
 * The same for an answer already serialised as UTF-8 (the timeline assembles its page as bytes): hashed and sent as
 * those bytes, where hashing a text and sending it encoded it twice and measured its length once more.
 */
export function jsonBytesWithETag(c: Context, body: Uint8Array): Response {
  return jsonBytesTagged(c, body, entityTag(body));
}

/** The same with the tag already known (entityTag of these bytes, as the timeline page cache keeps it). */
export function jsonBytesTagged(c: Context, body: Uint8Array, tag: string): Response {
  c.header('ETag', tag);
  if (matchesIfNoneMatch(c.req.header('if-none-match'), tag)) return c.body(null, 304);
  return c.body(body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/json' });
}
