// The operator command: npm run sync -- --tenant <id|Entra tenant id|name> [--mailbox <id|address>] [--stream <stream>]
// Runs one pass of each stream (of every enabled mailbox of the tenant, or of one) with the configured Graph
// connection and store (the same environment variables as the server), and prints what each pass did.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { openDb } from '../store/connect.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { tenantScope } from '../store/scope.ts';
import { listTenants } from '../store/tenants.ts';
import { listMailboxes } from '../store/mailboxes.ts';
import { configuredGraphClients } from './configure-sync.ts';
import { runSyncPass, type SyncPassResult } from './run-sync-pass.ts';
import { mailboxStreams } from './streams.ts';

const USAGE = 'usage: npm run sync -- --tenant <tenant id, Entra tenant id or name> [--mailbox <mailbox id or address>] [--stream mail:inbox|mail:sentitems|calendar]';

function describe(r: SyncPassResult, ms: number): string {
  if (r.status === 'busy') return `${r.stream.padEnd(16)} not run: another pass holds this stream (one that died frees it after SUHDE_SYNC_LEASE_SECONDS)`;
  if (r.status !== 'done') return `${r.stream.padEnd(16)} not run: the mailbox is disabled`;
  const skipped = Object.entries(r.skipped).map(([k, n]) => `${k} ${n}`).join(', ');
  return `${r.stream.padEnd(16)} ${r.fullRound ? (r.resynced ? 'full resync (delta token expired)' : 'full round') : 'incremental'}: ` +
    `${r.pages} pages, ${r.seen} seen, ${r.stored} stored (${r.created} new), ${r.released} released` +
    `${r.logIntents ? `, ${r.logIntents} logged as their sender chose ("log this email when sent")` : ''}` +
    `${skipped ? `; skipped ${skipped}` : ''} in ${ms} ms`;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { tenant: { type: 'string' }, mailbox: { type: 'string' }, stream: { type: 'string' } } }).values;
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : e}\n${USAGE}`);
    return 2;
  }
  if (!args.tenant) {
    console.error(USAGE);
    return 2;
  }
  let config;
  try {
    config = { ...loadConfig(), demo: false };
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  const handle = openDb(config.database);
  try {
    await migrateToLatest(handle.db);
    const tenants = await listTenants(handle.db);
    const tenant = tenants.find((t) => t.id === args.tenant || t.entraTenantId === args.tenant || t.name === args.tenant);
    if (!tenant) {
      console.error(`No tenant "${args.tenant}". Tenants: ${tenants.map((t) => `${t.name} (${t.id})`).join(', ') || 'none'}.`);
      return 1;
    }
    const graphFor = configuredGraphClients(config, handle);
    if (!graphFor) {
      console.error('Graph is not configured: set GRAPH_CLIENT_ID with GRAPH_CLIENT_SECRET (or a certificate), or GRAPH_STATIC_TOKEN for an emulator on loopback.');
      return 2;
    }
    const scope = tenantScope(handle, tenant.id);
    const mailboxes = (await listMailboxes(scope)).filter((m) => !args.mailbox || m.id === args.mailbox || m.address === args.mailbox.toLowerCase());
    if (mailboxes.length === 0) {
      console.error(args.mailbox ? `No mailbox "${args.mailbox}" in ${tenant.name}.` : `${tenant.name} has no mailboxes enabled for sync (POST /api/sync/mailboxes).`);
      return 1;
    }
    console.log(`Syncing ${mailboxes.length} mailbox${mailboxes.length === 1 ? '' : 'es'} of ${tenant.name} from ${config.graphBaseUrl}`);
    let failed = 0;
    for (const m of mailboxes) {
      console.log(`${m.address}${m.enabled ? '' : ' (disabled)'}`);
      for (const stream of args.stream ? [args.stream] : mailboxStreams(m.folders)) {
        const t0 = Date.now();
        try {
          const result = await runSyncPass({ handle, graphFor, leaseMs: config.graphSync!.leaseMs, pageSize: config.graphSync!.pageSize }, { tenantId: tenant.id, mailboxId: m.id, stream });
          if (result.status === 'busy') failed++;
          console.log(`  ${describe(result, Date.now() - t0)}`);
        } catch (e) {
          failed++;
          console.log(`  ${stream.padEnd(16)} failed: ${e instanceof Error ? e.message : e}`);
        }
      }
    }
    return failed ? 1 : 0;
  } finally {
    await handle.close();
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error(e);
  process.exit(1);
});
