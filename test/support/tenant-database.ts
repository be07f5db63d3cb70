// The usual start of a use-case suite run once per database: the database opened (migrated) before the suite's
// tests, one tenant made in it, and the database dropped after them.
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../backend/src/store/connect.ts';
import { makeTenant, type FixtureTenant } from './fixtures.ts';
import type { TestDatabase } from './test-databases.ts';

export interface SuiteTenant extends FixtureTenant {
  /** The suite's database, for a second tenant or a look at the rows. */
  handle: Db;
}

/**
 * Call inside the suite's describe. The object returned is filled in by the suite's first beforeAll, so read it in
 * tests and in the suite's own (later) hooks, not while the describe is collected.
 */
export function tenantPerSuite(database: TestDatabase, domain: string): SuiteTenant {
  const tenant = {} as SuiteTenant;
  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = await database.open();
    dispose = opened.dispose;
    Object.assign(tenant, await makeTenant(opened.handle, domain), { handle: opened.handle });
  });
  afterAll(async () => dispose?.());
  return tenant;
}
