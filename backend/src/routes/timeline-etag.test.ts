// The timeline page's ETag: If-None-Match with the tag of what this viewer was sent gives 304; the tag differs
// between viewers who may see different things, and a write that changes the page changes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import type { Db } from '../store/connect.ts';

describe.each(testDatabases())('timeline ETag on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  let accountId: string;
  let privateId: string;
  const as = (who: 'rep' | 'rep2' | 'manager') => [h.a, h.a.users[who]] as [Harness['a'], Harness['a']['users']['rep']];
  const email = (id: string, visibility: string) => ({
    kind: 'email', source: 'addin', subject: `Tarjous ${id}`, occurredAt: h.clock.now - 3_600_000, internetMessageId: `<${id}@kallio-rakennus.fi>`, visibility,
    participants: [{ role: 'from', address: 'pekka@kallio-rakennus.fi', displayName: 'Pekka Kallio' }, { role: 'to', address: 'rep@seller-a.fi', displayName: null }],
  });
  const page = (who: 'rep' | 'rep2' | 'manager', headers: Record<string, string> = {}) =>
    h.call('GET', `/api/accounts/${accountId}/timeline?limit=20`, { as: as(who), headers });

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
    accountId = (await h.call('POST', '/api/accounts', { as: as('rep'), body: { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'], tier: 'B' } })).body.id;
    expect((await h.call('POST', '/api/interactions', { as: as('rep'), body: email('shared-1', 'shared') })).status).toBe(201);
    privateId = (await h.call('POST', '/api/interactions', { as: as('rep'), body: email('private-1', 'private') })).body.interaction.id;
  });
  afterAll(async () => dispose());

  it('answers 304 with no body when the viewer sends the tag of the page they have', async () => {
    const first = await page('rep');
    expect(first.status).toBe(200);
    const tag = first.headers.get('etag')!;
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    const again = await page('rep', { 'if-none-match': tag });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    expect(again.headers.get('etag')).toBe(tag);
    // Weak comparison, and a list of tags.
    expect((await page('rep', { 'if-none-match': `"other", W/${tag}` })).status).toBe(304);
    expect((await page('rep', { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('differs between viewers who may see different things', async () => {
    const rep = await page('rep');
    const rep2 = await page('rep2');
    expect(rep.body.items.map((i: { id: string }) => i.id)).toContain(privateId);
    expect(rep2.body.items.map((i: { id: string }) => i.id)).not.toContain(privateId);
    expect(rep2.headers.get('etag')).not.toBe(rep.headers.get('etag'));
    // Another viewer's tag is no proof of anything: the full page.
    const crossed = await page('rep2', { 'if-none-match': rep.headers.get('etag')! });
    expect(crossed.status).toBe(200);
    expect(crossed.body.items).toEqual(rep2.body.items);
  });

  it('changes when a write changes the page', async () => {
    const before = await page('rep');
    const patched = await h.call('PATCH', `/api/interactions/${privateId}`, { as: as('rep'), body: { note: 'Soitetaan maanantaina' } });
    expect(patched.status).toBe(200);
    const after = await page('rep', { 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(after.body.items.find((i: { id: string }) => i.id === privateId).note).toBe('Soitetaan maanantaina');
    // rep2 does not see that item: their page, and so their tag, stays as it was.
    const rep2Before = await page('rep2');
    await h.call('PATCH', `/api/interactions/${privateId}`, { as: as('rep'), body: { note: 'Soitettu' } });
    expect((await page('rep2', { 'if-none-match': rep2Before.headers.get('etag')! })).status).toBe(304);
  });
});
