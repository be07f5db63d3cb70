// Time-ordered UUIDs (RFC 9562 version 7): new rows land at the end of the primary-key index,
// which keeps bulk ingest and the timeline's range scans local on both SQLite and PostgreSQL.
import { randomBytes } from 'node:crypto';

export function newId(now: number = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
