// Imports over HTTP on both databases: who may import, the CSV body (its media type and its own larger limit),
// upload -> dry run -> run (polled) -> refused rows as JSON and CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';

describe.each(testDatabases())('imports over HTTP on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  const as = (key: 'rep' | 'rep2' | 'manager' | 'admin') => [h.a, h.a.users[key]] as [Harness['a'], Harness['a']['users']['rep']];
  const upload = (csv: string, who: 'rep' | 'manager' | 'admin' = 'manager', type = 'text/csv; charset=utf-8') =>
    h.call('POST', '/api/imports?fileName=asiakkaat.csv', { as: as(who), raw: csv, headers: { 'content-type': type } });

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
  });
  afterAll(async () => dispose());

  it('gives a salesperson a 403 problem, and asks for CSV rather than JSON', async () => {
    const rep = await upload('Name\nX Oy\n', 'rep');
    expect(rep.status).toBe(403);
    expect(rep.headers.get('content-type')).toContain('application/problem+json');
    expect(rep.body.detail).toBe('Only a manager or an admin can import accounts, contacts and opportunities.');
    expect((await h.call('GET', '/api/imports', { as: as('rep') })).status).toBe(403);
    const json = await upload('{"name":"x"}', 'manager', 'application/json');
    expect(json.status).toBe(415);
    expect(json.body.detail).toContain('text/csv');
    expect((await upload('', 'manager')).status).toBe(400);
  });

  it('takes a file over the API’s usual body limit on the upload route only', async () => {
    const rows = Array.from({ length: 3000 }, (_, k) => `Yritys ${k} Oy;yritys-${k}.fi;Kuvaus numero ${k} joka tekee rivistä pidemmän`).join('\r\n');
    const big = `Nimi;Verkkotunnus;Toimiala\r\n${rows}\r\n`;
    expect(big.length).toBeGreaterThan(64 * 1024);
    const r = await upload(big);
    expect(r.status).toBe(201);
    expect(r.body.import).toMatchObject({ totalRows: 3000, delimiter: ';', status: 'uploaded' });
    // Everywhere else the limit is unchanged.
    const other = await h.call('POST', '/api/accounts', { as: as('manager'), body: { name: 'x', industry: 'y'.repeat(70 * 1024) } });
    expect(other.status).toBe(413);
  });

  it('uploads, dry-runs, runs as a polled job and lists the refused rows as JSON and CSV', async () => {
    const up = await upload('Company name,Company Domain Name,Tier\nAalto Infra Oy,aalto-infra.fi,A\n,missing.fi,B\nKallio Oy,kallio.fi,X\n');
    expect(up.status).toBe(201);
    expect(up.body.suggested).toEqual({ kind: 'accounts', columns: ['name', 'domain', 'tier'] });
    expect(up.body.import.preview).toEqual([['Aalto Infra Oy', 'aalto-infra.fi', 'A'], ['', 'missing.fi', 'B'], ['Kallio Oy', 'kallio.fi', 'X']]);
    const id = up.body.import.id as string;

    const bad = await h.call('POST', `/api/imports/${id}/dry-run`, { as: as('manager'), body: { mapping: { kind: 'accounts', columns: ['domain', null, null] } } });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('map a column to the account name');
    expect((await h.call('POST', `/api/imports/${id}/run`, { as: as('rep') })).status).toBe(403);

    const plan = await h.call('POST', `/api/imports/${id}/dry-run`, { as: as('manager'), body: { mapping: up.body.suggested } });
    expect(plan.status).toBe(200);
    expect(plan.body.import).toMatchObject({ status: 'planned', counts: { created: 1, updated: 0, merged: 0, unchanged: 0, refused: 2 } });
    expect(plan.body.rows.map((r: { outcome: string }) => r.outcome)).toEqual(['created', 'refused', 'refused']);

    const started = await h.call('POST', `/api/imports/${id}/run`, { as: as('manager') });
    expect(started.status).toBe(202);
    expect(started.body.status).toBe('running');
    let now = started.body;
    // Bounded by time, not by a count of polls: on a loaded machine each poll alone can take 100 ms and more.
    for (const deadline = Date.now() + 30_000; now.status === 'running' && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 20));
      now = (await h.call('GET', `/api/imports/${id}`, { as: as('manager') })).body;
    }
    expect(now).toMatchObject({ status: 'done', doneRows: 3, totalRows: 3, counts: { created: 1, refused: 2 } });
    expect((await h.call('POST', `/api/imports/${id}/run`, { as: as('manager') })).status).toBe(409);

    const refused = await h.call('GET', `/api/imports/${id}/rows?outcome=refused`, { as: as('admin') });
    expect(refused.body).toMatchObject({ total: 2, items: [{ rowNo: 2, reason: 'missing name' }, { rowNo: 3, reason: 'unknown tier “X” (A, B, C or D)' }] });
    const csv = await h.call('GET', `/api/imports/${id}/rows?outcome=refused&format=csv`, { as: as('manager') });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('asiakkaat-refused.csv');
    expect(csv.body).toBe('Row,Reason,Company name,Company Domain Name,Tier\r\n2,missing name,,missing.fi,B\r\n3,"unknown tier “X” (A, B, C or D)",Kallio Oy,kallio.fi,X\r\n');

    const accounts = (await h.call('GET', '/api/accounts?q=Aalto', { as: as('manager') })).body;
    expect(accounts.items.map((a: { name: string; ownerId: string }) => [a.name, a.ownerId])).toEqual([['Aalto Infra Oy', h.a.users.manager.id]]);
    const list = (await h.call('GET', '/api/imports', { as: as('manager') })).body;
    expect(list.items.find((i: { id: string }) => i.id === id)).toMatchObject({ fileName: 'asiakkaat.csv', status: 'done' });
    expect((await h.call('GET', '/api/imports/no-such-import', { as: as('manager') })).status).toBe(404);
    // Another tenant never sees it.
    expect((await h.call('GET', `/api/imports/${id}`, { as: [h.b, h.b.users.manager] })).status).toBe(404);
  });
});
