// An import whose server died mid-run, on both databases: seen as running while its heartbeat is fresh, as stopped
// (failed, saying where) once it is stale, and started again it continues after the last committed batch without
// importing a row twice.
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { accountIdsByDomains } from '../../store/accounts.ts';
import { claimImportRun, clearImportRows, requireImport, touchRunningImport, updateImport } from '../../store/imports.ts';
import { IMPORT_STALE_MS } from '../../domain/import-liveness.ts';
import { uploadImport } from './upload-import.ts';
import { dryRunImport, IMPORT_BATCH } from './plan-import.ts';
import { startImportRun } from './run-import.ts';
import { getImportJob, listImportJobs, listImportRows } from './read-imports.ts';

const file = (n: number, word = 'Jatko') => new TextEncoder().encode(`Name,Domain\n${Array.from({ length: n }, (_, k) => `${word} ${k + 1} Oy,${word.toLowerCase()}-${k + 1}.fi`).join('\n')}\n`);
const ZERO = { created: 0, updated: 0, merged: 0, unchanged: 0, refused: 0 };

describe.each(testDatabases())('a stopped import on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-a.fi');

  async function planned(rows: number, at: number, word?: string) {
    const up = await uploadImport(a.scope, a.users.manager, { name: 'asiakkaat.csv', bytes: file(rows, word) }, at);
    await dryRunImport(a.scope, a.users.manager, up.import.id, { ...up.suggested, kind: 'accounts' }, at + 1);
    return up.import.id;
  }

  it('says it stopped once its heartbeat is stale, and continues after its last batch when started again', async () => {
    const total = IMPORT_BATCH + 200;
    // What a server that died after its first batch leaves behind: that batch's records, and the job still "running".
    const first = await planned(IMPORT_BATCH, T0);
    await (await startImportRun(a.scope, a.users.manager, first, () => T0 + 10)).job;
    const id = await planned(total, T0 + 100);
    const died = T0 + 1_000;
    expect(await claimImportRun(a.scope, id, await requireImport(a.scope, id), false, died - 500)).toBe(true);
    await clearImportRows(a.scope, id);
    await updateImport(a.scope, id, { doneRows: IMPORT_BATCH, counts: { ...ZERO, created: IMPORT_BATCH } }, died);

    // While the heartbeat is fresh it is running, and a second start is refused.
    expect((await getImportJob(a.scope, a.users.manager, id, died + 10_000)).status).toBe('running');
    await expect(startImportRun(a.scope, a.users.manager, id, () => died + 10_000)).rejects.toMatchObject({ kind: 'conflict', detail: 'This import is already running.' });

    const later = died + IMPORT_STALE_MS + 1;
    const seen = await getImportJob(a.scope, a.users.manager, id, later);
    expect(seen).toMatchObject({ status: 'failed', doneRows: IMPORT_BATCH, error: expect.stringMatching(new RegExp(`stopped after ${IMPORT_BATCH} of ${total} rows.*continue from row ${IMPORT_BATCH + 1}`)) });
    expect((await listImportJobs(a.scope, a.users.manager, 10, later)).find((i) => i.id === id)?.status).toBe('failed');
    // Nothing is written by reading it.
    expect((await requireImport(a.scope, id)).status).toBe('running');

    await (await startImportRun(a.scope, a.users.manager, id, () => later)).job;
    const done = await getImportJob(a.scope, a.users.manager, id, later + 1);
    expect(done).toMatchObject({ status: 'done', doneRows: total, counts: { ...ZERO, created: total }, error: null });
    // Every company once: the first batch's were not planned again, the rest were created.
    const domains = Array.from({ length: total }, (_, k) => `jatko-${k + 1}.fi`);
    const ids = await accountIdsByDomains(a.scope, domains);
    expect(domains.filter((d) => ids.get(d)?.length !== 1)).toEqual([]);
    const rows = await listImportRows(a.scope, a.users.manager, id, { limit: 1, offset: 0 }, later + 1);
    expect(rows.total).toBe(200);
    expect(rows.items[0]).toMatchObject({ rowNo: IMPORT_BATCH + 1, outcome: 'created' });
  });

  it('touches only a running import with its heartbeat, and a stopped run may be planned afresh', async () => {
    const id = await planned(3, T0 + 5_000, 'Syke');
    await touchRunningImport(a.scope, id, T0 + 9_000);
    expect((await requireImport(a.scope, id)).updatedAt).toBe(T0 + 5_001);
    expect(await claimImportRun(a.scope, id, await requireImport(a.scope, id), false, T0 + 6_000)).toBe(true);
    // A claim on a state that has changed meanwhile (a second click, another instance) loses.
    expect(await claimImportRun(a.scope, id, { status: 'planned', updatedAt: T0 + 5_001 }, false, T0 + 6_001)).toBe(false);
    await touchRunningImport(a.scope, id, T0 + 9_000);
    expect((await requireImport(a.scope, id)).updatedAt).toBe(T0 + 9_000);
    await expect(dryRunImport(a.scope, a.users.manager, id, (await requireImport(a.scope, id)).mapping!, T0 + 9_500)).rejects.toMatchObject({ kind: 'conflict' });
    const again = await dryRunImport(a.scope, a.users.manager, id, (await requireImport(a.scope, id)).mapping!, T0 + 9_000 + IMPORT_STALE_MS + 1);
    expect(again.import).toMatchObject({ status: 'planned', doneRows: 0 });
    expect(again.outcomes).toMatchObject({ created: 3 });
  });
});
