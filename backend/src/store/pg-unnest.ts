// PostgreSQL's bulk insert: a batch's rows as one array per column, `select * from unnest(...)`, one statement
// however many rows. Multi-row VALUES of thousands of rows spent more time binding, parsing and planning tens of
// thousands of parameters than writing (the ingest profile, docs/benchmarks.md); the arrays are a handful of
// parameters and one short plan. The write path (batch-insert.ts) and the bulk load (seed-bulk-writers.ts) both
// send their arrays as literals built by arrayLiteral.
import { sql, type RawBuilder } from 'kysely';

export type ArrayType = 'text' | 'bigint' | 'integer';

/** A table's columns with their PostgreSQL types, in the order the arrays are sent. */
export type Columns<R> = readonly (readonly [keyof R & string, ArrayType])[];

const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;

/**
 * One column's values as a PostgreSQL array literal: null and undefined as a bare NULL, every other element
 * quoted (so the string 'NULL', an empty string and spaces stay themselves), `"` and `\` escaped. The driver's
 * own encoding of a JS array gives the same text, but through two regular-expression passes per element: built
 * here, the bulk load's client time fell from 28 to 23 s at 0.1 scale. `column` names the column in the error.
 */
export function arrayLiteral(values: readonly unknown[], column: string): string {
  const parts = new Array<string>(values.length);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v === null || v === undefined) {
      parts[k] = 'NULL';
      continue;
    }
    if (typeof v === 'object') throw new Error(`array literal: column ${column} holds an object, not a value`);
    const text = String(v);
    parts[k] = NEEDS_ESCAPE.test(text) ? `"${text.replace(ESCAPED, '\\$&')}"` : `"${text}"`;
  }
  return `{${parts.join(',')}}`;
}

/** The rows as `select * from unnest($1::text[], ...) as u(<columns>)`, columns in the order given. */
export function unnestRows<R>(rows: readonly R[], columns: Columns<R>): RawBuilder<unknown> {
  return sql`select * from unnest(${unnestArrays(rows, columns)}) as u(${sql.join(columns.map(([c]) => sql.ref(c)))})`;
}

/** The arrays alone, `cast($1 as text[]), ...`, for a statement that selects from unnest itself. */
export function unnestArrays<R>(rows: readonly R[], columns: Columns<R>): RawBuilder<unknown> {
  return sql.join(columns.map(([c, t]) => sql`cast(${arrayLiteral(rows.map((r) => r[c]), c)} as ${sql.raw(t)}[])`));
}

/** The column names of a column list, for `insertInto(...).columns(...)`. */
export const columnNames = <R>(columns: Columns<R>) => columns.map(([c]) => c);
