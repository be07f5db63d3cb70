// Saved views through the HTTP API on both databases: create, list, rename, share with the team, delete; a
// teammate sees a team view and another team does not; only the owner (or the team's manager) deletes.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import { T0 } from '../../../test/support/fixtures.ts';
import { insertUsers } from '../store/users.ts';
import { auditTrail } from '../store/audit.ts';
import { dataVersion } from '../store/rollups.ts';
import type { Db } from '../store/connect.ts';
import type { User } from '../domain/types.ts';

const FILTERS = { q: '', tiers: ['A', 'B'], ownerId: 'me', lifecycles: [], industry: '', region: 'Uusimaa', size: '', overdue: true, sort: 'attention', order: 'asc' };

describe.each(testDatabases())('saved views on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  let outsider: User;
  type Who = 'rep' | 'rep2' | 'manager' | 'admin' | 'outsider';
  const as = (u: Who) => [h.a, u === 'outsider' ? outsider : h.a.users[u]] as [Harness['a'], User];
  const names = async (u: Who) => (await h.call('GET', '/api/saved-views', { as: as(u) })).body.items.map((v: { name: string }) => v.name);
  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
    outsider = { id: randomUUID(), tenantId: h.a.tenantId, entraObjectId: randomUUID(), displayName: 'Olli Other', email: `olli@${h.a.users.rep.email.split('@')[1]}`, role: 'manager', team: 'SMB', createdAt: T0 };
    await insertUsers(h.a.scope, [outsider]);
  });
  afterAll(async () => dispose());

  it('keeps a view for its owner until it is shared with the team, then a teammate sees it and another team does not', async () => {
    const created = await h.call('POST', '/api/saved-views', { as: as('rep'), body: { name: 'A/B overdue in Uusimaa', filters: FILTERS } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'A/B overdue in Uusimaa', scope: 'mine', ownerId: h.a.users.rep.id, filters: FILTERS, can: { change: true, delete: true } });
    expect(await names('rep')).toEqual(['A/B overdue in Uusimaa']);
    expect(await names('rep2')).toEqual([]);

    const shared = await h.call('PATCH', `/api/saved-views/${created.body.id}`, { as: as('rep'), body: { scope: 'team', name: 'Team: overdue' } });
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ scope: 'team', name: 'Team: overdue' });
    const mates = (await h.call('GET', '/api/saved-views', { as: as('rep2') })).body.items;
    expect(mates).toEqual([expect.objectContaining({ id: created.body.id, ownerId: h.a.users.rep.id, filters: FILTERS, can: { change: false, delete: false } })]);
    expect(await names('outsider')).toEqual([]);
    expect((await h.call('GET', '/api/saved-views', { as: [h.b, h.b.users.rep] })).body.items).toEqual([]);

    // Only the owner renames; a stranger to the view is told nothing exists.
    expect((await h.call('PATCH', `/api/saved-views/${created.body.id}`, { as: as('rep2'), body: { name: 'Mine now' } })).status).toBe(403);
    expect((await h.call('PATCH', `/api/saved-views/${created.body.id}`, { as: as('outsider'), body: { name: 'Mine now' } })).status).toBe(404);
    expect((await h.call('PATCH', `/api/saved-views/${created.body.id}`, { as: [h.b, h.b.users.admin], body: { name: 'x' } })).status).toBe(404);
  });

  it('validates the filters and the name per field, and refuses a second view of the same name', async () => {
    const bad = await h.call('POST', '/api/saved-views', { as: as('rep2'), body: { name: ' ', filters: { ...FILTERS, tiers: ['E'], sort: 'random' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['filters.sort', 'filters.tiers.0', 'name']);
    expect((await h.call('POST', '/api/saved-views', { as: as('rep2'), body: { name: 'Pipeline', filters: FILTERS } })).status).toBe(201);
    const again = await h.call('POST', '/api/saved-views', { as: as('rep2'), body: { name: 'Pipeline', filters: FILTERS } });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ field: 'name', message: expect.any(String) }]);
    // Another colleague may use the same name.
    expect((await h.call('POST', '/api/saved-views', { as: as('manager'), body: { name: 'Pipeline', filters: FILTERS, scope: 'team' } })).status).toBe(201);
  });

  it('deletes only by the owner or the team’s manager, audited, without touching the dashboards', async () => {
    const view = (await h.call('POST', '/api/saved-views', { as: as('rep2'), body: { name: 'To go', filters: FILTERS, scope: 'team' } })).body;
    // Entries of one millisecond have no order between them: the delete comes a second later.
    h.clock.now += 1000;
    const versionBefore = await dataVersion(h.a.scope);
    expect((await h.call('DELETE', `/api/saved-views/${view.id}`, { as: as('rep') })).status).toBe(403);
    expect((await h.call('DELETE', `/api/saved-views/${view.id}`, { as: as('outsider') })).status).toBe(404);
    expect((await h.call('DELETE', `/api/saved-views/${view.id}`, { as: as('rep2') })).status).toBe(204);
    expect(await names('rep')).not.toContain('To go');
    expect((await auditTrail(h.a.scope, 'saved-view', view.id)).map((e) => e.action)).toEqual(['saved-view.create', 'saved-view.delete']);
    expect(await dataVersion(h.a.scope)).toBe(versionBefore);

    const teamView = (await h.call('POST', '/api/saved-views', { as: as('rep2'), body: { name: 'Left behind', filters: FILTERS, scope: 'team' } })).body;
    const seenByManager = (await h.call('GET', '/api/saved-views', { as: as('manager') })).body.items.find((v: { id: string }) => v.id === teamView.id);
    expect(seenByManager.can).toEqual({ change: false, delete: true });
    expect((await h.call('DELETE', `/api/saved-views/${teamView.id}`, { as: as('manager') })).status).toBe(204);
    const own = (await h.call('POST', '/api/saved-views', { as: as('rep2'), body: { name: 'Private one', filters: FILTERS } })).body;
    expect((await h.call('DELETE', `/api/saved-views/${own.id}`, { as: as('manager') })).status).toBe(404);
  });
});
