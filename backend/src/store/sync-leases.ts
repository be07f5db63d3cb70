// Streams whose pass died holding its lease: the lease ran out and was never released (a pass that ends, or
// fails, releases it). The sync queues a pass for each, which takes the stream over at its last committed page.
import type { Kysely } from 'kysely';
import type { Database } from './database.ts';

export interface AbandonedStream {
  tenantId: string;
  mailboxId: string;
  stream: string;
}

/** Across tenants, enabled application mailboxes only: a delegated mailbox is read with its owner's token. */
export async function listAbandonedStreams(db: Kysely<Database>, now: number): Promise<AbandonedStream[]> {
  const rows = await db
    .selectFrom('sync_cursors as c')
    .innerJoin('mailboxes as m', (j) => j.onRef('m.tenant_id', '=', 'c.tenant_id').onRef('m.id', '=', 'c.mailbox_id'))
    .select(['c.tenant_id', 'c.mailbox_id', 'c.stream'])
    .where('c.lease_owner', 'is not', null)
    .where('c.lease_until', '<', now)
    .where('m.enabled', '=', 1)
    .where('m.mode', '=', 'application')
    .execute();
  return rows.map((r) => ({ tenantId: r.tenant_id, mailboxId: r.mailbox_id, stream: r.stream }));
}
