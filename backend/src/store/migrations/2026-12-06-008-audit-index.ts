// Frozen in time: never import application code here, and never edit once released; add a new migration.
// The admins' audit trail lists a tenant's entries newest first, optionally by one person: both walk an index
// in (at, id) order instead of sorting the tenant's whole log.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_log_at_ix').on('audit_log').columns(['tenant_id', 'at', 'id']).execute();
  await db.schema.createIndex('audit_log_actor_ix').on('audit_log').columns(['tenant_id', 'actor_id', 'at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_actor_ix').ifExists().execute();
  await db.schema.dropIndex('audit_log_at_ix').ifExists().execute();
}
