// Work started before the component that needs it mounts (the first item's match runs beside the sign-in's
// /me and /users), handed over once by key.
const pending = new Map<string, Promise<unknown>>();

export function prefetch<T>(key: string, load: () => Promise<T>): void {
  const p = load();
  p.catch(() => undefined); // the taker sees the failure; no unhandled rejection meanwhile
  pending.set(key, p);
}

export function takePrefetched<T>(key: string): Promise<T> | undefined {
  const p = pending.get(key) as Promise<T> | undefined;
  pending.delete(key);
  return p;
}
