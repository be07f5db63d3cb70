// Time-ordered UUIDs (RFC 9562 version 7): new rows land at the end of the primary-key index,
// which keeps bulk ingest and the timeline's range scans local on both SQLite and PostgreSQL.
import { randomFillSync } from 'node:crypto';

// Random bits are drawn 4 kB at a time, as crypto.randomUUID caches its entropy: a call into OpenSSL per id was
// 13% of generating a million interactions. Each 16 bytes go to one id only.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

export function newId(now: number = Date.now()): string {
  if (offset + 16 > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    offset = 0;
  }
  const b = pool.subarray(offset, offset + 16);
  offset += 16;
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
