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
        await migrateToLatest(handle.db, { schema });
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
