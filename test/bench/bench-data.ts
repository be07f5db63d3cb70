// The benchmarks' tenant and where its seeded databases live. run.ts seeds it once per database kind (both at
// once, in child processes: seed-db.ts) and the timeline, search and dashboard benchmarks all read that one
// database, instead of each seeding its own 1M interactions.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateTenant, BENCH_SCALE, type GeneratedTenant } from '../../backend/src/demo/generate-tenant.ts';
import { openDb, type Db } from '../../backend/src/store/connect.ts';
import { migrateToLatest } from '../../backend/src/store/migrate.ts';
import { newId } from '../../backend/src/store/ids.ts';
import type { Interaction } from '../../backend/src/domain/types.ts';
import { adminQuery } from './databases.ts';

export const BENCH_NOW = Date.UTC(2026, 10, 1, 12, 0, 0);
export const BENCH_SEED = 20261122;

/** At scale 1: 1M interactions, 20k accounts, 200k contacts, 253 users (3 admins, 46 managers, 204 reps in 5 teams of about 50). */
export function benchSizes(scale: number) {
  return {
    users: Math.max(20, Math.round(253 * Math.min(1, scale * 4))),
    accounts: Math.max(50, Math.round(BENCH_SCALE.accounts * scale)),
    contactsPerAccount: BENCH_SCALE.contactsPerAccount,
    interactions: Math.max(1000, Math.round((BENCH_SCALE.interactions ?? 1_000_000) * scale)),
    months: BENCH_SCALE.months,
  };
}

/** The generated tenant without materialising its interactions (users, teams, accounts: what a reader of a seeded database needs). */
export function benchTenant(scale: number): GeneratedTenant {
  return generateTenant({ seed: BENCH_SEED, now: BENCH_NOW, scale: benchSizes(scale) });
}

/**
 * The generated tenant with production's ids: time-ordered (store/ids.ts, UUIDv7), given in write order as the
 * store gives them, not the generator's random UUIDs (which land all over the primary-key index).
 */
export function benchDataset(scale: number): { data: GeneratedTenant; interactions: Interaction[] } {
  const data = benchTenant(scale);
  const interactions = [...withBenchIds(data.interactions)];
  return { data: { ...data, interactions }, interactions };
}

/** The generator's interactions with benchDataset's ids, streamed: the same tenant without holding it all. */
export function withBenchIds(generated: Iterable<Interaction>): Iterable<Interaction> {
  return {
    *[Symbol.iterator]() {
      let k = 0;
      for (const i of generated) yield { ...i, id: newId(BENCH_NOW + k++) };
    },
  };
}

export const sharedSchema = (scale: number) => `bench_dash_${String(scale).replace('.', '_')}`;

/**
 * The shared seeded database of this scale, migrated: under `dir` on SQLite, schema bench_dash_<scale> on
 * PostgreSQL. `seeded` says whether it already holds the tenant.
 */
export async function openShared(
  kind: 'sqlite' | 'postgres', opts: { dir: string; scale: number; pgUrl: string; cacheMb?: number; poolSize?: number; schema?: string },
): Promise<{ handle: Db; seeded: boolean }> {
  if (kind === 'sqlite') {
    mkdirSync(opts.dir, { recursive: true });
    const path = join(opts.dir, `dashboard-${opts.scale}.db`);
    const had = existsSync(path);
    const handle = openDb({ kind: 'sqlite', path, ...(opts.cacheMb ? { cacheMb: opts.cacheMb } : {}) });
    await migrateToLatest(handle.db);
    const seeded = had && (await handle.db.selectFrom('tenants').select('id').execute()).length > 0;
    return { handle, seeded };
  }
  const schema = opts.schema ?? sharedSchema(opts.scale);
  const exists = (await adminQuery(opts.pgUrl, 'select 1 from information_schema.schemata where schema_name = $1', [schema])).length > 0;
  if (!exists) await adminQuery(opts.pgUrl, `create schema ${schema}`);
  const handle = openDb({ kind: 'postgres', url: opts.pgUrl, schema, poolSize: opts.poolSize ?? 4 });
  await migrateToLatest(handle.db, { schema });
  const seeded = exists && (await handle.db.selectFrom('tenants').select('id').execute()).length > 0;
  return { handle, seeded };
}

export async function dropShared(pgUrl: string, scale: number): Promise<void> {
  await adminQuery(pgUrl, `drop schema if exists ${sharedSchema(scale)} cascade`);
}
