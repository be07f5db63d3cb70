// Timeline pages already answered, kept per viewer in this process so that a page nothing changed costs no page
// statement. An entry is keyed by everything the answer depends on about the asker (tenant, user, role) and by
// the normalised query, and carries the tenant's data version it was read at (store/rollups.ts dataVersion). The
// route reads that version from the database for every request, before the page (one read shared by the requests
// waiting together, each begun after they arrived: store/data-version-reads.ts): every write a page can show
// bumps it in its own transaction (timeline rows, deal names, account removals), so a write made through any
// server instance is seen by all of them at once. Never shared across viewers: what one may see is not another's.
// Bounded by bytes, least recently used out first.

/** SUHDE_TIMELINE_CACHE_MB; 0 turns the cache off. */
export const DEFAULT_TIMELINE_CACHE_MB = 32;

export interface CachedPage {
  body: Uint8Array;
  /** The page's ETag (http/etag.ts entityTag of body), kept so a hit does not hash the bytes again. */
  tag: string;
}

export interface TimelinePageCache {
  readonly maxBytes: number;
  /** The page cached under key at this data version; one cached at another version is dropped. */
  get(key: string, version: number): CachedPage | undefined;
  set(key: string, version: number, page: CachedPage): void;
  /** Bytes held now (bodies, keys and a fixed overhead per entry). */
  bytes(): number;
}

/** Per-entry overhead beyond the body and key: map slot, entry object, buffer header, tag. */
const ENTRY_OVERHEAD = 200;

export function timelineCacheBytesFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SUHDE_TIMELINE_CACHE_MB;
  const mb = raw === undefined || raw.trim() === '' ? DEFAULT_TIMELINE_CACHE_MB : Number(raw);
  if (!Number.isFinite(mb) || mb < 0) throw new Error(`SUHDE_TIMELINE_CACHE_MB must be a number of megabytes (0 turns the cache off), not "${raw}".`);
  return Math.floor(mb * 1024 * 1024);
}

export function createTimelinePageCache(maxBytes = timelineCacheBytesFromEnv()): TimelinePageCache {
  // A Map iterates in insertion order: a hit is moved to the end, so the first entry is the least recently used.
  const entries = new Map<string, { version: number; page: CachedPage; size: number }>();
  let held = 0;
  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    held -= e.size;
  };
  return {
    maxBytes,
    get(key, version) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.version !== version) {
        drop(key);
        return undefined;
      }
      entries.delete(key);
      entries.set(key, e);
      return e.page;
    },
    set(key, version, page) {
      const size = page.body.byteLength + key.length * 2 + ENTRY_OVERHEAD;
      drop(key);
      if (size > maxBytes) return;
      entries.set(key, { version, page, size });
      held += size;
      while (held > maxBytes) drop(entries.keys().next().value!);
    },
    bytes: () => held,
  };
}

/**
 * The cache key of a timeline request: the tenant, the viewer (user and effective role) and the query as the page
 * statement reads it (kinds as a set). Fields are joined by a character no id, cursor or kind can hold.
 */
export function timelinePageKey(
  tenantId: string, viewer: { userId: string; role: string }, accountId: string,
  q: { limit: number; cursor?: string | undefined; kind?: readonly string[] | undefined; contactId?: string | undefined; userId?: string | undefined },
): string {
  const kinds = q.kind?.length ? [...new Set(q.kind)].sort().join(',') : '';
  return [tenantId, viewer.userId, viewer.role, accountId, q.limit, q.cursor ?? '', kinds, q.contactId ?? '', q.userId ?? ''].join('\u0000');
}
