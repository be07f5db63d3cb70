// The array literals PostgreSQL is sent (pg-unnest.ts) come back exactly as given, whatever the text holds; and
// insertBatches (batch-insert.ts) writes the same rows on both databases, in SQLite's chunks or PostgreSQL's one
// statement, with the caller's conflict clause and returning.
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { tenantPerSuite } from '../../../test/support/tenant-database.ts';
import { arrayLiteral, unnestRows, type Columns } from './pg-unnest.ts';
import { insertBatches } from './batch-insert.ts';

const TEXTS: (string | null)[] = [
  null, '', 'NULL', 'null', ' NULL ', '"', '""', '\\', '\\\\', '\\"', '"\\', '{', '}', '{}', '{a,b}', ',', 'a,b', ' leading and trailing ',
  '\t\n\r', "it's", 'Ääkkönen Öljy Å', '日本語 😀 \u{1F468}\u200D\u{1F469}', 'x'.repeat(1_000_000), `mixed "q" \\b {c}, d NULL ${'é'.repeat(1000)}`,
];
const BIGINTS: (number | null)[] = [0, -1, 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, null, 1_764_000_000_000];
const INTEGERS: (number | null)[] = [0, -1, 2147483647, -2147483648, null, 42];

interface Row { n: number; t: string | null; b: number | null; i: number | null }
const COLUMNS: Columns<Row> = [['n', 'integer'], ['t', 'text'], ['b', 'bigint'], ['i', 'integer']];
const ROWS: Row[] = TEXTS.map((t, n) => ({ n, t, b: BIGINTS[n % BIGINTS.length]!, i: INTEGERS[n % INTEGERS.length]! }));

describe('arrayLiteral', () => {
  it('leaves NULL bare and quotes every value, escaping quotes and backslashes', () => {
    expect(arrayLiteral([null, undefined, 'NULL', '', 'a"b\\c', 1], 'c')).toBe('{NULL,NULL,"NULL","","a\\"b\\\\c","1"}');
    expect(arrayLiteral([], 'c')).toBe('{}');
  });

  it('refuses an object rather than sending its [object Object]', () => {
    expect(() => arrayLiteral(['a', { b: 1 }], 'detail')).toThrow(/column detail holds an object/);
  });
});

// Arrays are PostgreSQL's alone: SQLite takes the same rows as VALUES (insertBatches, below).
describe.each(testDatabases().filter((d) => d.name === 'postgres'))('array literals on $name', (database) => {
  const tenant = tenantPerSuite(database, 'arrays.example');

  it('PostgreSQL: text, bigint and integer arrays round-trip exactly', async () => {
    const back = await sql<Row>`select * from (${unnestRows(ROWS, COLUMNS)}) u order by n`.execute(tenant.handle.db);
    expect(back.rows).toEqual(ROWS);
    expect(back.rows.find((r) => r.n === 2)!.t).toBe('NULL');
    expect(back.rows.find((r) => r.n === 0)!.t).toBeNull();
  });

  it('PostgreSQL: the literals read the same as the driver’s own encoding of the arrays', async () => {
    const ours = await sql<{ t: string[] }>`select cast(${arrayLiteral(TEXTS, 't')} as text[]) as t`.execute(tenant.handle.db);
    const driver = await sql<{ t: string[] }>`select cast(${TEXTS} as text[]) as t`.execute(tenant.handle.db);
    expect(ours.rows[0]!.t).toEqual(driver.rows[0]!.t);
    expect(ours.rows[0]!.t).toEqual(TEXTS);
  });
});

describe.each(testDatabases())('bulk inserts on $name', (database) => {
  const tenant = tenantPerSuite(database, 'unnest.example');

  const audit = (n: number, detail: string | null, actor: string | null) => ({
    tenant_id: tenant.tenantId, id: `a${String(n).padStart(3, '0')}`, at: 1_764_000_000_000 + n, actor_id: actor, action: 'test', entity_type: 'x', entity_id: 'e', detail,
  });
  const AUDIT_COLUMNS = [
    ['tenant_id', 'text'], ['id', 'text'], ['at', 'bigint'], ['actor_id', 'text'], ['action', 'text'], ['entity_type', 'text'], ['entity_id', 'text'], ['detail', 'text'],
  ] as const;

  it('insertBatches writes every row as given, in chunks or one statement, and returns what the conflict clause let in', async () => {
    const { scope } = tenant;
    const rows = TEXTS.map((t, n) => audit(n, t, n % 3 ? null : 'NULL'));
    const first = await insertBatches(scope, {
      into: 'audit_log', rows, columns: AUDIT_COLUMNS, sqliteChunk: 5,
      finish: (insert) => insert.onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing()).returning('id'),
    });
    expect(first.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id));
    // Two rows again and one new: only the new one gets in.
    const again = await insertBatches(scope, {
      into: 'audit_log', rows: [audit(0, 'changed', null), audit(1, 'changed', null), audit(999, '{"json": "\\u00e4"}', null)], columns: AUDIT_COLUMNS, sqliteChunk: 2,
      finish: (insert) => insert.onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing()).returning('id'),
    });
    expect(again).toEqual([{ id: 'a999' }]);
    const stored = await tenant.handle.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenant.tenantId).where('action', '=', 'test').orderBy('id').execute();
    expect(stored).toEqual([...rows, audit(999, '{"json": "\\u00e4"}', null)]);
    expect(await insertBatches(scope, { into: 'audit_log', rows: [], columns: AUDIT_COLUMNS, sqliteChunk: 5, finish: (insert) => insert })).toEqual([]);
  });
});
