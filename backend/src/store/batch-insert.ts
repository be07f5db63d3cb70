// The write path's bulk insert on both databases: PostgreSQL one `insert ... select from unnest(<arrays>)`
// statement for all the rows (pg-unnest.ts), SQLite multi-row VALUES in chunks (its statements are prepared once
// and cached, and it binds at most 32766 parameters per statement). The caller adds its own conflict clause.
import { sql, type InsertObject, type InsertQueryBuilder, type InsertResult, type RawBuilder } from 'kysely';
import type { Database } from './database.ts';
import { chunks, type TenantScope } from './scope.ts';
import { arrayLiteral, columnNames, unnestArrays, unnestRows, type ArrayType, type Columns } from './pg-unnest.ts';

type Table = keyof Database & string;

/** PostgreSQL only: columns the statement computes from further arrays, sent beside the rows' but not stored. */
export interface Computed<R> {
  inputs: readonly { name: string; type: ArrayType; of: (row: R) => unknown }[];
  /** Each stored column with its expression over `u.<input>`. */
  columns: readonly (readonly [string, RawBuilder<unknown>])[];
}

export interface BatchInsert<T extends Table, R, O> {
  into: T;
  rows: readonly R[];
  /** The columns PostgreSQL sends as arrays; SQLite inserts the rows as they are. */
  columns: Columns<R>;
  sqliteChunk: number;
  /** The conflict clause (and a returning, if any) on either database's insert. */
  finish: (insert: InsertQueryBuilder<Database, T, InsertResult>) => { execute(): Promise<O[]> };
  computed?: Computed<R>;
}

/** Inserts the rows, nothing when there are none; returns what `finish` made the statements return. */
export async function insertBatches<T extends Table, R extends InsertObject<Database, T>, O>(scope: TenantScope, spec: BatchInsert<T, R, O>): Promise<O[]> {
  const out: O[] = [];
  const pg = scope.dialect === 'postgres';
  for (const part of pg ? [spec.rows] : chunks(spec.rows, spec.sqliteChunk)) {
    if (part.length === 0) continue;
    const insert = scope.db.insertInto(spec.into);
    const rows = pg ? insert.columns(pgColumns(spec.columns, spec.computed)).expression(pgSelect(part, spec.columns, spec.computed)) : insert.values(part);
    for (const r of await spec.finish(rows).execute()) out.push(r);
  }
  return out;
}

// The column list is checked against the table by the caller's row type; Kysely cannot see that through T.
function pgColumns<R>(columns: Columns<R>, computed: Computed<R> | undefined) {
  return [...columnNames(columns), ...(computed?.columns.map(([c]) => c) ?? [])] as never;
}

function pgSelect<R>(rows: readonly R[], columns: Columns<R>, computed: Computed<R> | undefined): RawBuilder<unknown> {
  if (!computed) return unnestRows(rows, columns);
  const inputs = computed.inputs.map(({ name, type, of }) => sql`cast(${arrayLiteral(rows.map(of), name)} as ${sql.raw(type)}[])`);
  const names = [...columnNames(columns), ...computed.inputs.map((i) => i.name)];
  return sql`select ${sql.join([...columnNames(columns).map((c) => sql.ref(`u.${c}`)), ...computed.columns.map(([, e]) => e)])}
    from unnest(${unnestArrays(rows, columns)}, ${sql.join(inputs)}) as u(${sql.join(names.map((c) => sql.ref(c)))})`;
}
