// collectBeforeCommit: the one per-transaction accumulator the derived writes (timeline rows, search entries, the
// accounts' last contact) queue their keys on, handed over once just before the commit, stage by stage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import type { Db } from './connect.ts';
import { beforeCommit, collectBeforeCommit, collectKeysBeforeCommit, inTransaction, tenantScope, type TenantScope } from './scope.ts';

describe.each(testDatabases())('collecting keys before the commit on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let scope: TenantScope;
  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    scope = tenantScope(handle, 'tenant-x');
  });
  afterAll(async () => dispose());

  it('hands each key over once, once per transaction, after the use case and before the commit', async () => {
    const runs: string[][] = [];
    const collect = (tx: TenantScope, keys: string[]) => collectKeysBeforeCommit(tx, 'k', keys, async (got) => { runs.push(got); });
    await inTransaction(scope, async (tx) => {
      expect(collect(tx, ['b', 'a'])).toBe(true);
      expect(collect(tx, ['a', 'c', 'b'])).toBe(true);
      // Nested: the same transaction, the same collection.
      await inTransaction(tx, async (inner) => { collect(inner, ['d']); });
      expect(runs).toEqual([]);
    });
    expect(runs).toEqual([['b', 'a', 'c', 'd']]);
    await inTransaction(scope, async (tx) => { collect(tx, ['e']); });
    expect(runs).toEqual([['b', 'a', 'c', 'd'], ['e']]);
  });

  it('keeps the last value given under a key', async () => {
    let got: [string, number][] = [];
    await inTransaction(scope, async (tx) => {
      const queue = (entries: [string, number][]) => collectBeforeCommit(tx, 'v', entries, async (m) => { got = [...m]; });
      queue([['x', 1], ['y', 2]]);
      queue([['x', 3]]);
    });
    expect(got).toEqual([['x', 3], ['y', 2]]);
  });

  it('runs the stages in order, each in the order queued, and a collection queued while running runs after', async () => {
    const order: string[] = [];
    await inTransaction(scope, async (tx) => {
      collectKeysBeforeCommit(tx, 'late', ['l'], async () => { order.push('late'); }, 2);
      beforeCommit(tx, 'plain', async () => { order.push('plain'); }, 1);
      collectKeysBeforeCommit(tx, 'early', ['e1'], async (keys) => {
        order.push(`early ${keys.join(',')}`);
        // Derived work that queues more of the same: a new collection, handed over after this one.
        if (keys[0] === 'e1') collectKeysBeforeCommit(tx, 'early', ['e2'], async (more) => { order.push(`early again ${more.join(',')}`); });
      });
      collectKeysBeforeCommit(tx, 'early-too', ['f'], async () => { order.push('early-too'); });
    });
    expect(order).toEqual(['early e1', 'early-too', 'early again e2', 'plain', 'late']);
  });

  it('carries nothing from a rolled-back transaction into the next', async () => {
    const runs: string[][] = [];
    await expect(inTransaction(scope, async (tx) => {
      collectKeysBeforeCommit(tx, 'r', ['lost'], async (keys) => { runs.push(keys); });
      throw new Error('the use case failed');
    })).rejects.toThrow('the use case failed');
    // A failure inside the hand-over rolls back too, and leaves nothing behind either.
    await expect(inTransaction(scope, async (tx) => {
      collectKeysBeforeCommit(tx, 'r', ['lost too'], async () => { throw new Error('the derived write failed'); });
    })).rejects.toThrow('the derived write failed');
    await inTransaction(scope, async (tx) => { collectKeysBeforeCommit(tx, 'r', ['kept'], async (keys) => { runs.push(keys); }); });
    expect(runs).toEqual([['kept']]);
  });

  it('collects nothing outside a transaction opened by inTransaction: the caller does the work itself', async () => {
    let ran = false;
    expect(collectKeysBeforeCommit(scope, 'k', ['a'], async () => { ran = true; })).toBe(false);
    await handle.db.transaction().execute(async (trx) => {
      expect(collectKeysBeforeCommit({ ...scope, db: trx }, 'k', ['a'], async () => { ran = true; })).toBe(false);
    });
    expect(ran).toBe(false);
  });
});
