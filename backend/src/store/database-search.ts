// The Kysely table type of the search index (migration 025), joined into Database in database.ts.
import type { ColumnType, Generated } from 'kysely';

/** One searchable record. SQLite adds doc_id (the FTS5 rowid); PostgreSQL adds tsv (written as SQL). */
export interface SearchDocumentTable {
  doc_id: Generated<number>;
  tenant_id: string;
  kind: 'account' | 'contact' | 'interaction';
  record_id: string;
  account_id: string | null;
  visibility: string;
  holder_ids: string;
  archived: number;
  item_kind: string | null;
  occurred_at: ColumnType<number | null, number | null, number | null>;
  title: string | null;
  /** Null until built (migration 025's placeholders). */
  meta_text: string | null;
  content_text: string | null;
  tsv: ColumnType<string | null, unknown, unknown>;
}

/** An account's duplicate-check name keys (migration 037); '' when its name gives none. */
export interface AccountNameKeyTable {
  tenant_id: string;
  name_key: string;
  account_id: string;
}
