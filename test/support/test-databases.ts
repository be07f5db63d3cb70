// The store and API suites run once per database: SQLite always, PostgreSQL when SUHDE_TEST_DATABASE_URL is
// set (CI always sets it). Each suite gets its own SQLite file or PostgreSQL schema, migrated, dropped after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb, type Db } from '../../backend/src/store/connect.ts';
import { migrateToLatest } from '../../backend/src/store/migrate.ts';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  open(): Promise<{ handle: Db; dispose(): Promise<void> }>;
}

const pgUrl = process.env.SUHDE_TEST_DATABASE_URL;
let warned = false;

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [
    {
      name: 'sqlite',
      async open() {
        const dir = mkdtempSync(join(tmpdir(), 'suhde-test-'));
        const handle = openDb({ kind: 'sqlite', path: join(dir, 'test.db') });
        await migrateToLatest(handle.db);
        return { handle, dispose: async () => { await handle.close(); rmSync(dir, { recursive: true, force: true }); } };
      },
    },
  ];
  if (pgUrl) {
    list.push({
      name: 'postgres',
      async open() {
        const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
        const admin = new pg.Client({ connectionString: pgUrl });
        await admin.connect();
        await admin.query(`CREATE SCHEMA ${schema}`);
        await admin.end();
        const handle = openDb({ kind: 'postgres', url: pgUrl, schema, poolSize: 4 });
        // Kysely's migrator asks whether its table exists by introspecting every schema's tables, and its query
        // calls pg_get_serial_sequence('schema.table', ...) per column: when another suite drops its own schema in
        // the middle of that query, PostgreSQL fails it with "schema <the other one> does not exist" or "relation
        // <the other one>.<table> does not exist". Nothing is wrong with this schema; a later try runs after that
        // drop has finished. An error naming this suite's own schema, or any other error, is thrown at once.
        for (let attempt = 1; ; attempt++) {
          try {
            await migrateToLatest(handle.db, { schema });
            break;
          } catch (e) {
            const named = e instanceof Error ? /(?:schema|relation) "([^".]+)[^"]*" does not exist/.exec(e.message)?.[1] : undefined;
            if (!named || named === schema || attempt >= 3) throw e;
            console.warn(`[suhde tests] ${(e as Error).message} (another suite dropped its schema during the migrator's introspection); trying again`);
            const again = new pg.Client({ connectionString: pgUrl });
            await again.connect();
            await again.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
            await again.end();
          }
        }
        return {
          handle,
          dispose: async () => {
            await handle.close();
            const c = new pg.Client({ connectionString: pgUrl });
            await c.connect();
            await c.query(`DROP SCHEMA ${schema} CASCADE`);
            await c.end();
          },
        };
      },
    });
  } else if (!warned) {
    warned = true;
    console.warn('[suhde tests] PostgreSQL runs skipped: SUHDE_TEST_DATABASE_URL is not set (CI sets it; see .ci/run).');
  }
  return list;
}
