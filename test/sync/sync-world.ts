// A sync test world: a migrated database with a tenant (two colleagues, a customer account and contact), a Graph
// emulator over real HTTP with both colleagues' mailboxes, and the engine's dependencies wired to it.
import { startGraphEmulator, type GraphEmulator } from '../../backend/src/graph/emulator/index.ts';
import { createGraphClient, type GraphClient, type GraphClock } from '../../backend/src/graph/index.ts';
import { DEMO_ADDIN_ID } from '../../backend/src/config.ts';
import type { Db } from '../../backend/src/store/connect.ts';
import { createAccount } from '../../backend/src/store/accounts.ts';
import { createContact } from '../../backend/src/store/contacts.ts';
import { insertMailbox, type Mailbox } from '../../backend/src/store/mailboxes.ts';
import { runSyncPass, type SyncEngineDeps, type SyncPassResult } from '../../backend/src/sync/run-sync-pass.ts';
import { mailboxStreams } from '../../backend/src/sync/streams.ts';
import { makeTenant, type FixtureTenant } from '../support/fixtures.ts';

export const DOMAIN = 'suhde.example';

/** Virtual time for the Graph client: waits are recorded and advance the clock instead of sleeping. */
export function virtualClock(): GraphClock & { sleeps: number[] } {
  let offset = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now() + offset,
    sleep: async (ms) => {
      sleeps.push(ms);
      offset += ms;
    },
  };
}

export interface SyncWorld {
  emulator: GraphEmulator;
  tenant: FixtureTenant;
  accountId: string;
  contactId: string;
  mailboxes: { rep: Mailbox; rep2: Mailbox };
  clock: ReturnType<typeof virtualClock>;
  graph: GraphClient;
  deps: SyncEngineDeps;
  /** Runs every stream of a mailbox once. */
  syncMailbox(mailbox: Mailbox): Promise<SyncPassResult[]>;
  syncAll(): Promise<SyncPassResult[]>;
  stop(): Promise<void>;
}

export async function makeSyncWorld(handle: Db, opts: { pageSize?: number; maxRetries?: number } = {}): Promise<SyncWorld> {
  const emulator = await startGraphEmulator();
  const tenant = await makeTenant(handle, DOMAIN);
  const now = Date.now();
  const account = await createAccount(tenant.scope, {
    name: 'Asiakas Oy', domains: ['asiakas.fi'], tier: 'A', lifecycle: 'customer', ownerId: tenant.users.rep.id, industry: null, size: null, region: null,
  }, null, now);
  const contact = await createContact(tenant.scope, {
    name: 'Kalle Asiakas', emails: ['kalle@asiakas.fi'], phones: [], title: null, accountId: account.id, ownerId: null,
  }, null, now);
  const mailboxes = {
    rep: await insertMailbox(tenant.scope, { id: 'mbx-rep', userId: tenant.users.rep.id, address: tenant.users.rep.email }, now),
    rep2: await insertMailbox(tenant.scope, { id: 'mbx-rep2', userId: tenant.users.rep2.id, address: tenant.users.rep2.email }, now),
  };
  // A mailbox's id in Graph is its user's object id, which is how the directory's addresses find their user.
  for (const u of [tenant.users.rep, tenant.users.rep2]) emulator.store.addMailbox({ userPrincipalName: u.email, displayName: u.displayName, id: u.entraObjectId });
  const clock = virtualClock();
  const graph = createGraphClient({ baseUrl: emulator.url, authProvider: async () => 'test-token', clock, maxRetries: opts.maxRetries ?? 6, addInId: DEMO_ADDIN_ID });
  const deps: SyncEngineDeps = { handle, graphFor: () => graph, pageSize: opts.pageSize ?? 3 };
  const syncMailbox = async (mailbox: Mailbox) => {
    const out: SyncPassResult[] = [];
    for (const stream of mailboxStreams(mailbox.folders)) out.push(await runSyncPass(deps, { tenantId: tenant.tenantId, mailboxId: mailbox.id, stream }));
    return out;
  };
  return {
    emulator, tenant, accountId: account.id, contactId: contact.id, mailboxes, clock, graph, deps, syncMailbox,
    syncAll: async () => [...(await syncMailbox(mailboxes.rep)), ...(await syncMailbox(mailboxes.rep2))],
    stop: () => emulator.stop(),
  };
}
