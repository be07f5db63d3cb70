// The reader threads' pool: sized by SUHDE_SQLITE_READERS, lends each thread to one caller at a time, and a
// thread's statements see the file as the server's connection committed it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { createSqliteReaders, ReaderLostError, sqliteReaderCount } from './sqlite-readers.ts';

describe('SQLite reader threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'suhde-readers-'));
  const path = join(dir, 'r.db');
  const main = new SQLite(path);
  main.pragma('journal_mode = WAL');
  main.exec('create table t (n integer); insert into t values (1), (2)');
  afterAll(() => {
    main.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is sized by SUHDE_SQLITE_READERS, at most 2 by default, off at 0, and refuses what is not a count', () => {
    expect(sqliteReaderCount({})).toBeGreaterThanOrEqual(1);
    expect(sqliteReaderCount({})).toBeLessThanOrEqual(2);
    expect(sqliteReaderCount({ SUHDE_SQLITE_READERS: '0' })).toBe(0);
    expect(sqliteReaderCount({ SUHDE_SQLITE_READERS: '3' })).toBe(3);
    expect(() => sqliteReaderCount({ SUHDE_SQLITE_READERS: 'two' })).toThrow(/SUHDE_SQLITE_READERS/);
    expect(() => sqliteReaderCount({ SUHDE_SQLITE_READERS: '1.5' })).toThrow(/SUHDE_SQLITE_READERS/);
  });

  it('lends each thread once until it is released, reads what was committed, and holds its snapshot', async () => {
    const pool = createSqliteReaders(path, 8, 2);
    try {
      const [a, b, none] = [pool.take(1), pool.take(5), pool.take(1)];
      expect([a.length, b.length, none.length]).toEqual([1, 1, 0]);
      const sum = async () => Number((await a[0]!.executeQuery<{ s: number }>(CompiledQuery.raw('select sum(n) as s from t'))).rows[0]!.s);
      await a[0]!.executeQuery(CompiledQuery.raw('begin'));
      expect(await sum()).toBe(3);
      main.exec('insert into t values (10)');
      expect(await sum()).toBe(3); // its snapshot
      await a[0]!.executeQuery(CompiledQuery.raw('commit'));
      expect(await sum()).toBe(13);
      // A read-only connection: a write fails with SQLite's own message, and the thread goes on.
      await expect(a[0]!.executeQuery(CompiledQuery.raw('insert into t values (1)'))).rejects.toThrow(/readonly/);
      expect(await sum()).toBe(13);
      a[0]!.release();
      a[0]!.release(); // twice is once
      expect(pool.take(5)).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });

  it('fails a statement of a thread that has ended with ReaderLostError, and starts a new thread at the next take', async () => {
    const pool = createSqliteReaders(path, 8, 1);
    try {
      const [r] = pool.take(1);
      await pool.close();
      await expect(r!.executeQuery(CompiledQuery.raw('select 1'))).rejects.toBeInstanceOf(ReaderLostError);
      r!.release();
      const [again] = pool.take(1);
      expect((await again!.executeQuery<{ one: number }>(CompiledQuery.raw('select 1 as one'))).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.close();
    }
  });

  it('reports a thread that cannot open the file as lost (the dashboard then reads on the one connection)', async () => {
    const pool = createSqliteReaders(join(dir, 'missing.db'), 8, 1);
    try {
      const [r] = pool.take(1);
      await expect(r!.executeQuery(CompiledQuery.raw('select 1'))).rejects.toBeInstanceOf(ReaderLostError);
    } finally {
      await pool.close();
    }
  });
});
