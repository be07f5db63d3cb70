// The demo tenant: generated from a fixed seed and loaded once, into a database that does not have it yet.
// Its email and meeting history comes through the Graph sync path (demo-mailboxes.ts); the rest is seeded.
import type { Db } from '../store/connect.ts';
import { findTenantByEntraId } from '../store/tenants.ts';
import { seedTenant } from '../store/seed.ts';
import { DEMO_ENTRA_TENANT_ID, DEMO_SCALE, DEMO_SEED, DEMO_TENANT_NAME, generateTenant } from './generate-tenant.ts';
import type { JobQueue } from '../sync/job-queue.ts';
import { enableDemoMailboxes, enteredByHand, syncDemoMailboxes, type DemoGraph } from './demo-mailboxes.ts';

export interface DemoTenantOutcome {
  created: boolean;
  tenantName: string;
  counts: string;
  /** The emulator and sync engine that loaded the history; only when the tenant was created in this process. */
  graph: DemoGraph | null;
}

/**
 * How the demo's mail arrives: through `queue` from the demo's own emulator, or, when the operator configured a
 * Graph (`external`), from that Graph by the server's sync, which the caller starts.
 */
export interface DemoSyncSetup {
  queue: () => JobQueue;
  external: boolean;
}

export async function ensureDemoTenant(handle: Db, now: number, log: (line: string) => void, setup: DemoSyncSetup): Promise<DemoTenantOutcome> {
  const existing = await findTenantByEntraId(handle.db, DEMO_ENTRA_TENANT_ID);
  if (existing) return { created: false, tenantName: existing.name, counts: 'kept as it was', graph: null };
  // The history ends today, so the demo always has fresh, overdue and cooling accounts to show.
  const data = generateTenant({ seed: DEMO_SEED, now, scale: DEMO_SCALE });
  const byHand = { [Symbol.iterator]: function* () { for (const i of data.interactions) if (enteredByHand(i)) yield i; } };
  const { interactions: entered } = await seedTenant(handle, { ...data, interactions: byHand }, now);
  if (setup.external) {
    await enableDemoMailboxes(handle, data.tenant.id, data.users, now);
    return {
      created: true,
      tenantName: DEMO_TENANT_NAME,
      counts:
        `${data.users.length} users, ${data.accounts.length} accounts, ${data.contacts.length} contacts, ${entered} interactions entered by hand, ` +
        `${data.users.length} mailboxes synced from the configured Graph, ${data.opportunities.length} opportunities`,
      graph: null,
    };
  }
  const graph = await syncDemoMailboxes(handle, data.tenant.id, data.users, data.interactions, now, setup.queue());
  return {
    created: true,
    tenantName: DEMO_TENANT_NAME,
    counts:
      `${data.users.length} users, ${data.accounts.length} accounts, ${data.contacts.length} contacts, ${entered} interactions entered by hand, ` +
      `${graph.counts.messages} emails and ${graph.counts.events} meetings synced from the Graph emulator (${graph.counts.stored} stored), ${data.opportunities.length} opportunities`,
    graph,
  };
}
