// The product catalogue and "what is sold to whom for how much" through the API, on both databases: who keeps
// the catalogue, unique codes, deactivation instead of deletion, lines chosen from it, and the won figures
// each person may see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';

type Who = 'rep' | 'rep2' | 'manager' | 'admin';

describe.each(testDatabases())('products on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  const as = (key: Who) => [h.a, h.a.users[key]] as [Harness['a'], Harness['a']['users']['rep']];
  const call = (who: Who, method: string, path: string, body?: unknown) => h.call(method, path, { as: as(who), ...(body !== undefined ? { body } : {}) });
  let repAccount: string;
  let rep2Account: string;
  let scada: { id: string };
  let training: { id: string };

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
    repAccount = (await call('rep', 'POST', '/api/accounts', { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'] })).body.id;
    rep2Account = (await call('rep2', 'POST', '/api/accounts', { name: 'Aalto Infra Oy', domains: ['aalto-infra.fi'] })).body.id;
    scada = (await call('manager', 'POST', '/api/products', { name: 'SCADA licence', code: 'SCADA-LIC', unitPrice: 1_800_000 })).body;
    training = (await call('admin', 'POST', '/api/products', { name: 'Operator training (day)', code: 'TRAINING-DAY', unitPrice: 140_000 })).body;
  });
  afterAll(async () => dispose());

  it('lists the catalogue by name to everyone and lets only managers and admins change it, with the reason', async () => {
    const list = await call('rep', 'GET', '/api/products');
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { code: string }) => p.code)).toEqual(['TRAINING-DAY', 'SCADA-LIC']);
    expect(list.body.items[1]).toMatchObject({ name: 'SCADA licence', unitPrice: 1_800_000, currency: 'EUR', active: true });
    expect(list.body.can.edit).toEqual({ allowed: false, reason: expect.stringMatching(/manager or an admin/) });
    expect((await call('manager', 'GET', '/api/products')).body.can.edit).toEqual({ allowed: true, reason: null });
    const refused = await call('rep', 'POST', '/api/products', { name: 'Mine', code: 'MINE', unitPrice: 1 });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/manager or an admin/);
    expect((await call('rep', 'PATCH', `/api/products/${scada.id}`, { unitPrice: 1 })).status).toBe(403);
  });

  it('refuses a code another product has (whatever its case) with a 409 naming that product', async () => {
    const dup = await call('manager', 'POST', '/api/products', { name: 'Another SCADA', code: ' scada-lic ', unitPrice: 10 });
    expect(dup.status).toBe(409);
    expect(dup.headers.get('content-type')).toContain('application/problem+json');
    expect(dup.body.detail).toMatch(/already used by “SCADA licence”/);
    expect(dup.body.errors).toEqual([{ field: 'code', message: expect.stringMatching(/SCADA licence/) }]);
    const renamed = await call('manager', 'PATCH', `/api/products/${training.id}`, { code: 'Scada-Lic' });
    expect(renamed.status).toBe(409);
    // Its own code again, in another case, is not a duplicate of itself.
    expect((await call('manager', 'PATCH', `/api/products/${training.id}`, { code: 'training-day' })).body.code).toBe('training-day');
    expect((await call('manager', 'PATCH', `/api/products/${training.id}`, { code: 'TRAINING-DAY' })).status).toBe(200);
  });

  it('fills a line from the catalogue (list price, or the price given) and refuses a deactivated product on a new line', async () => {
    const created = await call('rep', 'POST', '/api/opportunities', {
      accountId: repAccount, name: 'SCADA upgrade', lines: [{ productId: scada.id, quantity: 2 }, { productId: training.id, quantity: 3, unitPrice: 120_000 }, { product: 'Travel', quantity: 1, unitPrice: 50_000 }],
    });
    expect(created.status).toBe(201);
    expect(created.body.lines).toEqual([
      { product: 'SCADA licence', productId: scada.id, quantity: 2, unitPrice: 1_800_000 },
      { product: 'Operator training (day)', productId: training.id, quantity: 3, unitPrice: 120_000 },
      { product: 'Travel', productId: null, quantity: 1, unitPrice: 50_000 },
    ]);
    expect(created.body.value).toBe(3_600_000 + 360_000 + 50_000);

    const old = (await call('manager', 'POST', '/api/products', { name: 'PLC unit (old model)', code: 'PLC-OLD', unitPrice: 200_000 })).body;
    const carrying = (await call('rep', 'POST', '/api/opportunities', { accountId: repAccount, name: 'Line 2', lines: [{ productId: old.id, quantity: 4 }] })).body;
    const off = await call('manager', 'PATCH', `/api/products/${old.id}`, { active: false });
    expect(off.body.active).toBe(false);
    expect((await call('rep', 'GET', '/api/products')).body.items.some((p: { id: string }) => p.id === old.id)).toBe(false);
    expect((await call('rep', 'GET', '/api/products?includeInactive=true')).body.items.find((p: { id: string }) => p.id === old.id)).toMatchObject({ active: false });

    const refused = await call('rep', 'POST', '/api/opportunities', { accountId: repAccount, name: 'Line 3', lines: [{ productId: old.id, quantity: 1 }] });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/“PLC unit \(old model\)” \(PLC-OLD\) is no longer sold/);
    expect(refused.body.errors[0].field).toBe('lines.0.productId');
    // The deal that already carries it keeps it when its quantity changes.
    const kept = await call('rep', 'PATCH', `/api/opportunities/${carrying.id}`, { lines: [{ productId: old.id, quantity: 5, unitPrice: 200_000 }] });
    expect(kept.status).toBe(200);
    expect(kept.body.value).toBe(1_000_000);

    // In use: deactivate, never delete. Unused: may be deleted.
    const del = await call('manager', 'DELETE', `/api/products/${old.id}`);
    expect(del.status).toBe(409);
    expect(del.body.detail).toMatch(/on 1 deal and cannot be deleted: deactivate it instead/);
    const unused = (await call('manager', 'POST', '/api/products', { name: 'Typo', code: 'TYPO', unitPrice: 1 })).body;
    expect((await call('manager', 'DELETE', `/api/products/${unused.id}`)).status).toBe(204);
    expect((await call('manager', 'GET', `/api/products/${unused.id}`)).status).toBe(404);
  });

  it('refuses another tenant’s product as a line', async () => {
    const theirs = (await h.call('POST', '/api/products', { as: [h.b, h.b.users.manager], body: { name: 'Theirs', code: 'THEIRS', unitPrice: 5 } })).body;
    const r = await call('rep', 'POST', '/api/opportunities', { accountId: repAccount, name: 'Cross', lines: [{ productId: theirs.id, quantity: 1 }] });
    expect(r.status).toBe(422);
    expect((await call('rep', 'GET', `/api/products/${theirs.id}`)).status).toBe(404);
  });

  it('audits every change to the catalogue', async () => {
    const r = await call('admin', 'GET', `/api/audit?action=product.`);
    expect(r.status).toBe(200);
    const actions = new Set(r.body.items.map((e: { action: string }) => e.action));
    for (const a of ['product.create', 'product.update', 'product.deactivate', 'product.delete']) expect(actions.has(a)).toBe(true);
  });

  it('sums what was won per product, account and month, with the open pipeline, for whom each person may see', async () => {
    const win = async (who: Who, accountId: string, name: string, lines: unknown[]) => {
      const o = (await call(who, 'POST', '/api/opportunities', { accountId, name, lines })).body;
      expect((await call(who, 'POST', `/api/opportunities/${o.id}/stage`, { stage: 'won' })).status).toBe(200);
      return o;
    };
    await win('rep', repAccount, 'Won A', [{ productId: scada.id, quantity: 1 }, { productId: training.id, quantity: 2 }]);
    await win('rep2', rep2Account, 'Won B', [{ productId: scada.id, quantity: 3, unitPrice: 1_700_000 }]);
    await win('rep2', rep2Account, 'Won B2', []);

    const mine = await call('rep', 'GET', '/api/analytics/products');
    expect(mine.status).toBe(200);
    expect(mine.body.scope).toEqual({ kind: 'own', team: null });
    expect(mine.body.accounts.items.map((a: { name: string }) => a.name)).toEqual(['Kallio Rakennus Oy']);
    const row = mine.body.accounts.items[0];
    expect(row.wonCents).toBe(1_800_000 + 280_000);
    expect(row.cells).toEqual(expect.arrayContaining([{ productId: scada.id, wonCents: 1_800_000 }, { productId: training.id, wonCents: 280_000 }]));
    const scadaColumn = mine.body.products.find((p: { productId: string }) => p.productId === scada.id);
    // Open: "SCADA upgrade" (2 × 18,000 €); the old PLC deal is open too.
    expect(scadaColumn).toMatchObject({ name: 'SCADA licence', code: 'SCADA-LIC', wonCents: 1_800_000, wonDeals: 1, openPipelineCents: 3_600_000 });
    expect(mine.body.months).toHaveLength(1);
    expect(mine.body.months[0].wonCents).toBe(2_080_000);
    expect(mine.body.totals.wonCents).toBe(2_080_000);
    expect((await call('rep', 'GET', '/api/analytics/products?team=all')).status).toBe(403);

    const team = await call('manager', 'GET', '/api/analytics/products');
    expect(team.body.scope).toEqual({ kind: 'team', team: 'Enterprise' });
    expect(team.body.accounts.items.map((a: { name: string }) => a.name)).toEqual(['Aalto Infra Oy', 'Kallio Rakennus Oy']);
    expect(team.body.products.find((p: { productId: string }) => p.productId === scada.id).wonCents).toBe(1_800_000 + 5_100_000);
    // "Won B2" has no lines: its value (0 here) counts under no product.
    expect(team.body.accounts.items[0].wonCents).toBe(5_100_000);
    expect(team.body.totals.wonCents).toBe(5_100_000 + 2_080_000);

    // A period that ended before any deal was won has no won euros but still the open pipeline.
    const before = await call('manager', 'GET', '/api/analytics/products?from=2020-01-01&to=2020-12-31');
    expect(before.body.totals.wonCents).toBe(0);
    expect(before.body.accounts.items).toEqual([]);
    expect(before.body.totals.openPipelineCents).toBeGreaterThan(0);
    expect((await call('manager', 'GET', '/api/analytics/products?from=2026-01-01')).status).toBe(400);
    expect((await call('manager', 'GET', '/api/analytics/products?team=Nobody')).status).toBe(404);

    const bought = await call('rep', 'GET', `/api/accounts/${rep2Account}/products`);
    expect(bought.status).toBe(200);
    expect(bought.body.products[0]).toMatchObject({ productId: scada.id, wonCents: 5_100_000, wonDeals: 1 });
    expect(bought.body.totals.wonCents).toBe(5_100_000);
  });
});
