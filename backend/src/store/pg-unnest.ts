// PostgreSQL's bulk insert for the write path: a batch's rows as one array per column, `select * from unnest(...)`,
// one statement however many rows. Multi-row VALUES of thousands of rows spent more time binding, parsing and
// planning tens of thousands of parameters than writing (the ingest profile, docs/benchmarks.md); the arrays are
// a handful of parameters and one short plan. SQLite keeps VALUES (its statements are prepared once and cached).
import { sql, type RawBuilder } from 'kysely';

export type ArrayType = 'text' | 'bigint' | 'integer';

/** The rows as `select * from unnest($1::text[], ...) as u(<columns>)`, columns in the order given. */
export function unnestRows<R>(rows: readonly R[], columns: readonly (readonly [keyof R & string, ArrayType])[]): RawBuilder<unknown> {
  const arrays = columns.map(([c, t]) => sql`cast(${rows.map((r) => r[c] ?? null)} as ${sql.raw(t)}[])`);
  return sql`select * from unnest(${sql.join(arrays)}) as u(${sql.join(columns.map(([c]) => sql.ref(c)))})`;
}

/** The column names of an unnestRows column list, for `insertInto(...).columns(...)`. */
export const columnNames = <R>(columns: readonly (readonly [keyof R & string, ArrayType])[]) => columns.map(([c]) => c);
