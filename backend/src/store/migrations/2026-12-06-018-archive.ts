// Frozen in time: never import application code here, and never edit once released; add a new migration.
// Archive: accounts, contacts and opportunities can be set aside (a test account made by mistake, a lost
// prospect) and brought back. An archived record leaves lists, Today, care and counts but keeps its history;
// deleted_at stays for erasure. archived_by is the user who archived it.
import type { Kysely } from 'kysely';

const TABLES = ['accounts', 'contacts', 'opportunities'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    // One column per statement: SQLite's ALTER TABLE adds one at a time.
    await db.schema.alterTable(table).addColumn('archived_at', 'bigint').execute();
    await db.schema.alterTable(table).addColumn('archived_by', 'text').execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await db.schema.alterTable(table).dropColumn('archived_by').execute();
    await db.schema.alterTable(table).dropColumn('archived_at').execute();
  }
}
