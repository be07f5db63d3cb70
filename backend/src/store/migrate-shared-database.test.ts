// Several stores in one PostgreSQL database, each in its own schema (the test suites, a staging host): the
// migrator of one must look only at its own schema, while the others are created and dropped around it.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from './connect.ts';
import { migrateToLatest, migrationsApplied } from './migrate.ts';

const url = process.env.SUHDE_TEST_DATABASE_URL;
if (!url) console.warn('[suhde tests] shared-database migration suite skipped: it needs PostgreSQL (SUHDE_TEST_DATABASE_URL; CI sets it).');

const tag = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

describe.skipIf(!url)('migrations beside other schemas on PostgreSQL', () => {
  const own = `t_mig_own_${tag}`;
  const empty = `t_mig_empty_${tag}`;
  let admin: pg.Client;
  let handle: Db;
  let emptyHandle: Db;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${own}; CREATE SCHEMA ${empty}`);
    handle = openDb({ kind: 'postgres', url: url!, schema: own, poolSize: 2 });
    emptyHandle = openDb({ kind: 'postgres', url: url!, schema: empty, poolSize: 2 });
  });
  afterAll(async () => {
    await handle?.close();
    await emptyHandle?.close();
    await admin?.query(`DROP SCHEMA IF EXISTS ${own} CASCADE; DROP SCHEMA IF EXISTS ${empty} CASCADE`);
    await admin?.end();
  });

  it('migrates and checks its schema while other schemas are created and dropped beside it', async () => {
    // Each churned schema holds tables with serial columns, as a migrated store does, so a catalog scan over every
    // schema resolves their names while they are being dropped.
    const churn = new pg.Client({ connectionString: url });
    await churn.connect();
    let stop = false;
    let churned = 0;
    const churning = (async () => {
      for (let n = 0; !stop; n++) {
        const s = `t_mig_churn_${tag}_${n}`;
        const tables = Array.from({ length: 20 }, (_, t) => `CREATE TABLE ${s}.t${t} (id serial primary key, a text, b text, c integer, d integer);`).join('');
        await churn.query(`CREATE SCHEMA ${s}; ${tables}`);
        await churn.query(`DROP SCHEMA ${s} CASCADE`);
        churned++;
      }
    })();
    try {
      await migrateToLatest(handle.db, { schema: own });
      // A migrated store's start-up and /readyz repeat the migrator's table checks; each is a chance to meet a drop.
      for (let i = 0; i < 150; i++) {
        expect(await migrationsApplied(handle.db, { schema: own })).toBe(true);
        if (i % 10 === 0) await migrateToLatest(handle.db, { schema: own });
      }
    } finally {
      stop = true;
      await churning;
      await churn.end();
    }
    expect(churned).toBeGreaterThan(5);
  });

  it("does not take another schema's migration table for its own when no schema is named", async () => {
    await migrateToLatest(handle.db, { schema: own });
    // The handle's search path is the empty schema; /readyz calls without naming it.
    expect(await migrationsApplied(emptyHandle.db)).toBe(false);
    expect(await migrationsApplied(handle.db)).toBe(true);
  });
});
