// The directory job: every tenant that syncs mail gets its directory (verified domains, users' addresses) read
// again once it is a day old. Checked hourly, so a restart does not re-read every directory, and several
// instances sharing one database do the same idempotent replace at worst.
import type { Db } from '../store/connect.ts';
import { getDirectoryState } from '../store/directory.ts';
import { tenantScope } from '../store/scope.ts';
import { tenantsWithMailboxes } from '../store/mailboxes.ts';
import type { GraphClient } from '../graph/index.ts';
import { DIRECTORY_REFRESH_MS, refreshDirectory } from '../use-cases/directory/refresh-directory.ts';

export const DIRECTORY_CHECK_MS = 60 * 60_000;

export async function refreshStaleDirectories(deps: {
  handle: Db;
  graphFor(tenantId: string): GraphClient;
  now: () => number;
  log: (line: string) => void;
}): Promise<number> {
  let n = 0;
  for (const tenantId of await tenantsWithMailboxes(deps.handle.db)) {
    const scope = tenantScope(deps.handle, tenantId);
    const { refreshedAt } = await getDirectoryState(scope);
    if (refreshedAt !== null && deps.now() - refreshedAt < DIRECTORY_REFRESH_MS) continue;
    try {
      const snapshot = await refreshDirectory(scope, deps.graphFor(tenantId), deps.now());
      deps.log(`[directory] tenant ${tenantId}: ${snapshot.domains.length} verified domains, ${snapshot.addresses.length} addresses of ${snapshot.users} users`);
      n++;
    } catch (e) {
      // The stored copy (or the admin's own list) keeps applying; the next hourly check tries again.
      deps.log(`[directory] reading the directory of tenant ${tenantId} failed (needs User.Read.All): ${e instanceof Error ? e.message : e}`);
    }
  }
  return n;
}
