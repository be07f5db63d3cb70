// The demo's Teams activity feed: reminders go to the Graph emulator (the one the demo synced from, or one of
// their own when the demo was seeded earlier), whose recipients are the demo colleagues by object id.
import type { Db } from '../store/connect.ts';
import { tenantScope } from '../store/scope.ts';
import { listUsers } from '../store/users.ts';
import { createGraphClient, type GraphClient } from '../graph/index.ts';
import { staticTokenProvider } from '../graph/token-providers.ts';
import type { GraphEmulator } from '../graph/emulator/index.ts';

export interface DemoActivityFeed {
  emulator: GraphEmulator;
  graph: GraphClient;
  stop(): Promise<void>;
}

export async function demoActivityFeed(handle: Db, tenantId: string, synced: GraphEmulator | null): Promise<DemoActivityFeed> {
  const { startGraphEmulator } = await import('../graph/emulator/index.ts');
  const emulator = synced ?? (await startGraphEmulator());
  if (!synced) {
    for (const u of await listUsers(tenantScope(handle, tenantId))) emulator.store.addMailbox({ userPrincipalName: u.email, displayName: u.displayName, id: u.entraObjectId });
  }
  const graph = createGraphClient({ baseUrl: `${emulator.url}/v1.0`, authProvider: staticTokenProvider('demo-graph-token', emulator.url) });
  return { emulator, graph, stop: async () => (synced ? undefined : emulator.stop()) };
}
