// The Kysely table types of CSV imports (migration 022), joined into Database in database.ts.

export interface ImportTable {
  tenant_id: string;
  id: string;
  created_by: string;
  file_name: string;
  file_hash: string;
  file_size: number;
  delimiter: string;
  headers: string;
  preview: string;
  content: string | null;
  kind: string | null;
  mapping: string | null;
  status: 'uploaded' | 'planned' | 'running' | 'done' | 'failed';
  total_rows: number;
  done_rows: number;
  created_count: number;
  updated_count: number;
  merged_count: number;
  unchanged_count: number;
  refused_count: number;
  error: string | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
}

export interface ImportRowTable {
  tenant_id: string;
  import_id: string;
  row_no: number;
  outcome: string;
  label: string;
  row_key: string | null;
  record_id: string | null;
  reason: string | null;
  fields: string;
  cells: string | null;
}

export interface ImportKeyTable {
  tenant_id: string;
  kind: string;
  row_key: string;
  record_id: string;
  import_id: string;
}
