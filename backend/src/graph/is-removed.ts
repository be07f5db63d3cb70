// Delta's removed entries: `{ "id": "...", "@removed": { "reason": "deleted" } }`.

export interface RemovedEntry {
  id: string;
  '@removed': { reason?: string };
}

/**
 * True for an entry Graph reports under @removed. "Use delta query to track changes": reasons are `changed`
 * (restorable) or `deleted`; for a message folder this also covers a message moved out of the folder, and for a
 * calendar view an event that left the window ("event: delta"). Either way the item is gone from what was tracked.
 */
export function isRemoved(json: unknown): json is RemovedEntry {
  if (typeof json !== 'object' || json === null) return false;
  const o = json as Record<string, unknown>;
  return typeof o.id === 'string' && typeof o['@removed'] === 'object' && o['@removed'] !== null;
}
