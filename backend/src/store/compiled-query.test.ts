// runCompiledOnce: one compiled text per shape and handle, each run's values in their places; a query built with a
// value not passed through its marker is refused rather than silently run with the first run's value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../../test/support/test-databases.ts';
import type { Db } from './connect.ts';
import { runCompiledOnce } from './compiled-query.ts';

describe.each(testDatabases())('compiled once on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
  });
  afterAll(async () => dispose());

  const run = (a: number, b: string, lim: number) =>
    runCompiledOnce<{ a: number; b: string }>(handle.db, 'test:values', [a, b, lim], (v) =>
      handle.db.selectFrom(sql<{ a: number; b: string }>`(select cast(${v(0)} as integer) as a, cast(${v(1)} as text) as b)`.as('t')).select(['a', 'b']).where('a', '>', -1).limit(v(2)));

  it('puts each run’s values where the markers were', async () => {
    expect(await run(1, 'yksi', 5)).toEqual([{ a: 1, b: 'yksi' }]);
    expect(await run(2, 'kaksi', 5)).toEqual([{ a: 2, b: 'kaksi' }]);
    expect(await run(3, 'kolme', 0)).toEqual([]);
  });

  it('refuses a build that does not place every value', async () => {
    await expect(runCompiledOnce(handle.db, 'test:missing', [1, 2], (v) => handle.db.selectFrom('tenants').select('id').where('id', '=', v(0)))).rejects.toThrow(/2 values given, 1 placed/);
  });
});
