// Frozen in time: never import application code here, and never edit once released; add a new migration.
// CSV imports: the uploaded file (its text until the run is done, its hash so a second upload of the same file is
// recognised), the mapping a person chose, the job's status and counts, one outcome per row (the dry run's, then
// the run's; refused rows keep their cells for the download), and the external ids of imported opportunities,
// which make a re-import update rather than create.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('imports')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('file_size', 'bigint', (c) => c.notNull())
    .addColumn('delimiter', 'text', (c) => c.notNull())
    // JSON: the header row, and the first rows as a preview.
    .addColumn('headers', 'text', (c) => c.notNull())
    .addColumn('preview', 'text', (c) => c.notNull())
    // The decoded file; null once the run is done.
    .addColumn('content', 'text')
    .addColumn('kind', 'text')
    // JSON { kind, columns }.
    .addColumn('mapping', 'text')
    // uploaded | planned | running | done | failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_rows', 'integer', (c) => c.notNull())
    .addColumn('done_rows', 'integer', (c) => c.notNull())
    .addColumn('created_count', 'integer', (c) => c.notNull())
    .addColumn('updated_count', 'integer', (c) => c.notNull())
    .addColumn('merged_count', 'integer', (c) => c.notNull())
    .addColumn('unchanged_count', 'integer', (c) => c.notNull())
    .addColumn('refused_count', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addPrimaryKeyConstraint('imports_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('imports_created_ix').on('imports').columns(['tenant_id', 'created_at']).execute();
  await db.schema.createIndex('imports_hash_ix').on('imports').columns(['tenant_id', 'file_hash']).execute();

  await db.schema
    .createTable('import_rows')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('row_key', 'text')
    .addColumn('record_id', 'text')
    .addColumn('reason', 'text')
    // JSON array of field names.
    .addColumn('fields', 'text', (c) => c.notNull())
    // JSON array of the row's cells, for refused rows only.
    .addColumn('cells', 'text')
    .addPrimaryKeyConstraint('import_rows_pk', ['tenant_id', 'import_id', 'row_no'])
    .addForeignKeyConstraint('import_rows_import_fk', ['tenant_id', 'import_id'], 'imports', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema.createIndex('import_rows_outcome_ix').on('import_rows').columns(['tenant_id', 'import_id', 'outcome', 'row_no']).execute();

  await db.schema
    .createTable('import_keys')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('row_key', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_keys_pk', ['tenant_id', 'kind', 'row_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_keys').ifExists().execute();
  await db.schema.dropTable('import_rows').ifExists().execute();
  await db.schema.dropTable('imports').ifExists().execute();
}
