// Activity-feed reminders end to end: follow-ups set through the API, the reminders job sending through the real
// Graph client over HTTP to the emulator's sendActivityNotification, which validates as Graph does. Checks once per
// item and day, the per-user setting, the digest's figures, and the manifest declaring what the code sends.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/test-databases.ts';
import { apiHarness, type Harness } from '../support/api-harness.ts';
import type { Db } from '../../backend/src/store/connect.ts';
import { startGraphEmulator, type GraphEmulator } from '../../backend/src/graph/emulator/index.ts';
import { createGraphClient } from '../../backend/src/graph/graph-client.ts';
import { ACTIVITY_TYPES } from '../../backend/src/graph/activity-feed.ts';
import { sendRemindersToAllTenants } from '../../backend/src/sync/reminders-job.ts';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const APP_ID = '11111111-2222-4333-8444-555555555555';

describe('the manifest and the code agree on activity types', () => {
  it('declares exactly the activity types the reminders send, with the same templates', () => {
    const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../manifest/manifest.json'), 'utf8'));
    expect(manifest.activities.activityTypes).toEqual(ACTIVITY_TYPES.map((t) => ({ ...t })));
    const fi = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../manifest/fi-fi.json'), 'utf8'));
    ACTIVITY_TYPES.forEach((t, i) => {
      const text = fi[`activities.activityTypes[${i}].templateText`] as string;
      // The Finnish template fills the same parameters.
      expect(text.match(/\{\w+\}/g)?.sort()).toEqual(t.templateText.match(/\{\w+\}/g)?.sort());
    });
  });
});

describe.each(testDatabases())('activity-feed reminders on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  let h: Harness;
  let emulator: GraphEmulator;
  const run = () => sendRemindersToAllTenants({
    handle, clock: () => h.clock.now, appId: APP_ID, webOrigin: 'https://suhde.example', log: () => {},
    graphFor: () => createGraphClient({ baseUrl: emulator.url, authProvider: async () => 'test-token', random: () => 1 }),
  });
  const email = (id: string, followUpOn: string) => ({
    kind: 'email', source: 'addin', subject: `Tarjous ${id}`, occurredAt: h.clock.now - 3_600_000, internetMessageId: `<${id}@kallio.fi>`, followUpOn,
    participants: [{ role: 'from', address: 'pekka@kallio.fi', displayName: 'Pekka Kallio' }, { role: 'to', address: 'rep@seller-a.fi', displayName: null }],
  });

  beforeAll(async () => {
    ({ handle, dispose } = await database.open());
    h = await apiHarness(handle);
    emulator = await startGraphEmulator({ checkToken: (t) => t === 'test-token' });
    for (const u of [...Object.values(h.a.users), ...Object.values(h.b.users)]) emulator.store.addMailbox({ userPrincipalName: u.email, id: u.entraObjectId });
    await h.call('POST', '/api/accounts', { as: [h.a, h.a.users.rep], body: { name: 'Kallio Oy', domains: ['kallio.fi'], tier: 'C' } });
  });
  afterAll(async () => {
    await emulator.stop();
    await dispose();
  });

  it('reminds of a due follow-up once a day, with what was promised and a deep link into the tab', async () => {
    const logged = await h.call('POST', '/api/interactions', { as: [h.a, h.a.users.rep], body: email('r1', iso(h.clock.now - DAY)) });
    await h.call('PATCH', `/api/follow-ups/${logged.body.followUp.id}`, { as: [h.a, h.a.users.rep], body: { note: 'Send Pekka the revised price' } });
    expect((await run()).failed).toBe(0);
    const got = emulator.activityFeed.for(h.a.users.rep.entraObjectId).filter((n) => n.activityType === 'followUpDue');
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ templateParameters: { account: 'Kallio Oy' }, topic: { source: 'text', value: 'Kallio Oy' } });
    expect(got[0]!.previewText).toBe('1 day late: Send Pekka the revised price');
    const link = new URL(got[0]!.topic.webUrl!);
    expect(link.origin + link.pathname).toBe(`https://teams.microsoft.com/l/entity/${APP_ID}/accounts`);
    expect(JSON.parse(link.searchParams.get('context')!)).toEqual({ subEntityId: `account:${logged.body.interaction.accountIds?.[0] ?? logged.body.followUp.accountId}/interaction:${logged.body.interaction.id}` });
    // The same day again: nothing new. The next day: once more.
    await run();
    expect(emulator.activityFeed.for(h.a.users.rep.entraObjectId).filter((n) => n.activityType === 'followUpDue')).toHaveLength(1);
    h.clock.now += DAY;
    await run();
    expect(emulator.activityFeed.for(h.a.users.rep.entraObjectId).filter((n) => n.activityType === 'followUpDue')).toHaveLength(2);
  });

  it('sends nothing of a kind a person turned off', async () => {
    const off = { followUpsDue: false, overdueCadences: true, idleDeals: true, weeklyDigest: false, locale: 'fi-FI' };
    expect((await h.call('PUT', '/api/me/notification-settings', { as: [h.a, h.a.users.rep2], body: off })).status).toBe(200);
    expect((await h.call('GET', '/api/me/notification-settings', { as: [h.a, h.a.users.rep2] })).body).toEqual(off);
    const logged = await h.call('POST', '/api/interactions', { as: [h.a, h.a.users.rep], body: email('r2', iso(h.clock.now)) });
    await h.call('PATCH', `/api/follow-ups/${logged.body.followUp.id}`, { as: [h.a, h.a.users.rep], body: { assigneeId: h.a.users.rep2.id } });
    const before = emulator.activityFeed.for(h.a.users.rep2.entraObjectId).length;
    await run();
    expect(emulator.activityFeed.for(h.a.users.rep2.entraObjectId).slice(before)).toEqual([]);
    // Turned on again: the handed-over follow-up reminds them, in Finnish, saying who handed it over.
    await h.call('PUT', '/api/me/notification-settings', { as: [h.a, h.a.users.rep2], body: { ...off, followUpsDue: true } });
    await run();
    const now = emulator.activityFeed.for(h.a.users.rep2.entraObjectId).slice(before);
    expect(now.map((n) => n.activityType)).toEqual(['followUpDue']);
    expect(now[0]!.previewText).toBe('Tänään (antoi: Riikka Rep): Koskien: Tarjous r2');
  });

  it('sends a weekly digest once a week; a manager’s counts their team', async () => {
    const digests = (who: string) => emulator.activityFeed.for(who).filter((n) => n.activityType === 'weeklyDigest');
    const repDigest = digests(h.a.users.rep.entraObjectId);
    expect(repDigest).toHaveLength(1);
    // Sent on the first day: one follow-up one day late.
    expect(repDigest[0]!.templateParameters.summary).toBe('1 overdue, 0 due this week, 0 idle deals');
    expect(repDigest[0]!.topic.webUrl).toContain(`/l/entity/${APP_ID}/today?`);
    const manager = digests(h.a.users.manager.entraObjectId);
    expect(manager).toHaveLength(1);
    expect(manager[0]!.topic.value).toBe('Team Enterprise’s week');
    await run();
    expect(digests(h.a.users.rep.entraObjectId)).toHaveLength(1);
    // Another tenant's people got nothing of tenant A's.
    expect(emulator.activityFeed.for(h.b.users.rep.entraObjectId).filter((n) => n.activityType !== 'weeklyDigest')).toEqual([]);
  });

  it('the emulator refuses what Graph refuses', async () => {
    const post = (user: string, body: unknown) => fetch(`${emulator.url}/v1.0/users/${user}/teamwork/sendActivityNotification`, {
      method: 'POST', headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    const good = { topic: { source: 'text', value: 'Kallio Oy', webUrl: 'https://teams.microsoft.com/l/entity/x/accounts' }, activityType: 'followUpDue', previewText: { content: 'x' }, templateParameters: [{ name: 'account', value: 'Kallio Oy' }] };
    const rep = h.a.users.rep.entraObjectId;
    expect((await post(rep, good)).status).toBe(204);
    expect((await post(rep, { ...good, activityType: 'somethingElse' })).status).toBe(400);
    expect((await post(rep, { ...good, templateParameters: [] })).status).toBe(400);
    expect((await post(rep, { ...good, topic: { source: 'text', value: 'Kallio Oy' } })).status).toBe(400);
    expect((await post('00000000-0000-4000-8000-000000000000', good)).status).toBe(404);
    const wrongMethod = await fetch(`${emulator.url}/v1.0/users/${rep}/teamwork/sendActivityNotification`, { headers: { authorization: 'Bearer test-token' } });
    expect(wrongMethod.status).toBe(405);
  });
});
