// Shared data-version reads: fewer reads under load, and never an answer read before the caller arrived.
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { T0 } from '../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../test/support/tenant-database.ts';
import type { TenantScope } from './scope.ts';
import { writeAudit } from './audit.ts';
import { dataVersion } from './rollups.ts';
import { sharedDataVersion } from './data-version-reads.ts';

/** A read the test ends by hand; records when each began, counted in calls of sharedDataVersion so far. */
function manualReads() {
  const begun: { arrivalsBefore: number; end: (v: number) => void; fail: (e: Error) => void }[] = [];
  let arrivals = 0;
  const read = () => new Promise<number>((end, fail) => begun.push({ arrivalsBefore: arrivals, end, fail }));
  const call = (scope: TenantScope) => { arrivals += 1; return sharedDataVersion(scope, read); };
  return { begun, call };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('sharedDataVersion, in order', () => {
  const db = {};
  const scope = (tenantId: string) => ({ db, tenantId, dialect: 'postgres' }) as unknown as TenantScope;

  it('gives callers who arrive during a read the next read, one for all of them, begun after they arrived', async () => {
    const s = scope('t1');
    const { begun, call } = manualReads();
    const first = call(s);
    const waiting = [call(s), call(s), call(s)];
    expect(begun).toHaveLength(1);
    begun[0]!.end(7);
    expect(await first).toBe(7);
    await flush();
    // The three shared one read, and it began after all four callers had arrived.
    expect(begun).toHaveLength(2);
    expect(begun[1]!.arrivalsBefore).toBe(4);
    const late = call(s); // arrives while the second read runs: it must not take that read's answer
    begun[1]!.end(8);
    expect(await Promise.all(waiting)).toEqual([8, 8, 8]);
    await flush();
    expect(begun).toHaveLength(3);
    begun[2]!.end(9);
    expect(await late).toBe(9);
  });

  it('on SQLite reads for each caller: there is no round trip to share', async () => {
    const { begun, call } = manualReads();
    const sqlite = { db, tenantId: 't9', dialect: 'sqlite' } as unknown as TenantScope;
    const reads = [call(sqlite), call(sqlite)];
    expect(begun).toHaveLength(2);
    begun.forEach((r, i) => r.end(i));
    expect(await Promise.all(reads)).toEqual([0, 1]);
  });

  it('keeps tenants and handles apart', async () => {
    const { begun, call } = manualReads();
    const a = call(scope('t1'));
    const b = call(scope('t2'));
    const c = call({ db: {}, tenantId: 't1', dialect: 'postgres' } as unknown as TenantScope);
    expect(begun).toHaveLength(3);
    begun.forEach((r, i) => r.end(i));
    expect(await Promise.all([a, b, c])).toEqual([0, 1, 2]);
  });

  it('passes a failed read to its callers only; the next caller reads again', async () => {
    const s = scope('t3');
    const { begun, call } = manualReads();
    const failing = call(s);
    const queued = call(s);
    begun[0]!.fail(new Error('connection reset'));
    await expect(failing).rejects.toThrow(/connection reset/);
    await flush();
    begun[1]!.end(3);
    expect(await queued).toBe(3);
    const after = call(s);
    expect(begun).toHaveLength(3);
    begun[2]!.end(4);
    expect(await after).toBe(4);
  });
});

describe.each(testDatabases())('sharedDataVersion on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-a.fi');

  it('answers, to every request made after a write committed, a version that includes it', async () => {
    const seen: { committedBefore: number; answer: Promise<number> }[] = [];
    let committed = await dataVersion(a.scope);
    const writer = (async () => {
      for (let i = 0; i < 30; i++) {
        await writeAudit(a.scope, { actorId: a.users.admin.id, action: 'account.update', entityType: 'account', entityId: `x${i}`, at: T0 });
        committed = await dataVersion(a.scope);
      }
    })();
    for (let i = 0; i < 300; i++) {
      seen.push({ committedBefore: committed, answer: sharedDataVersion(a.scope) });
      if (i % 10 === 0) await flush();
    }
    await writer;
    for (const s of seen) expect(await s.answer).toBeGreaterThanOrEqual(s.committedBefore);
    expect(await sharedDataVersion(a.scope)).toBe(await dataVersion(a.scope));
  });
});
