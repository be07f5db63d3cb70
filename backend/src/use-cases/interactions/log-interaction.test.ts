import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { createAccount } from '../../store/accounts.ts';
import { DEFAULT_TENANT_SETTINGS } from '../../domain/types.ts';
import { logInteractionRequest, type LogRequest } from './log-interaction.ts';

const request = (over: Partial<LogRequest> = {}): LogRequest => ({
  kind: 'email', subject: 'Tarjous', snippet: null, note: null, durationMinutes: null, participants: [], opportunityId: null,
  visibility: 'shared', source: 'addin', internetMessageId: '<log-1@asiakas.fi>', iCalUId: null, followUpOn: null, occurredAt: T0, ...over,
});

describe.each(testDatabases())('log interaction on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-log.fi');
  let accountId: string;
  const settings = { ...DEFAULT_TENANT_SETTINGS, internalDomains: ['seller-log.fi'] };
  const who = () => ({ userId: a.users.rep.id, role: 'rep' as const, settings });

  beforeAll(async () => {
    accountId = (await createAccount(a.scope, { name: 'Asiakas Oy', domains: ['asiakas.fi'], tier: 'A', lifecycle: 'customer', ownerId: null, industry: null, size: null, region: null }, null, T0)).id;
  });

  it('logs to the accounts the participants match, from the sender’s side, with a follow-up', async () => {
    const r = await logInteractionRequest(a.scope, who(), request({
      participants: [{ role: 'from', address: 'Ostaja@Asiakas.fi', displayName: null }, { role: 'to', address: a.users.rep.email, displayName: null }],
      followUpOn: '2026-10-05',
    }), T0);
    expect(r.created).toBe(true);
    expect(r.interaction).toMatchObject({ accountIds: [accountId], direction: 'inbound', externalKey: 'msgid:log-1@asiakas.fi', holders: [{ userId: a.users.rep.id, relation: 'logged' }] });
    expect(r.view.redacted).toBe(false);
    expect(r.followUp).toMatchObject({ dueOn: '2026-10-05', accountId, interactionId: r.interaction.id });
  });

  it('is idempotent on the Message-ID: a colleague’s log joins the same interaction', async () => {
    const r = await logInteractionRequest(a.scope, { ...who(), userId: a.users.rep2.id }, request({ accountIds: [accountId] }), T0 + 1);
    expect(r.created).toBe(false);
    expect(r.interaction.holders.map((h) => h.userId).sort()).toEqual([a.users.rep.id, a.users.rep2.id].sort());
  });

  it('refuses internal-only mail: no account to log to', async () => {
    await expect(logInteractionRequest(a.scope, who(), request({
      internetMessageId: '<internal@seller-log.fi>',
      participants: [{ role: 'from', address: a.users.rep.email, displayName: null }, { role: 'to', address: a.users.rep2.email, displayName: null }],
    }), T0)).rejects.toMatchObject({ kind: 'unprocessable', detail: expect.stringMatching(/internal-only/) });
  });

  it('a meeting without its iCalUId is keyed by organizer, minute and subject', async () => {
    const r = await logInteractionRequest(a.scope, who(), request({
      kind: 'meeting', internetMessageId: null, accountIds: [accountId],
      participants: [{ role: 'organizer', address: 'ostaja@asiakas.fi', displayName: null }],
    }), T0);
    expect(r.interaction.externalKey).toMatch(/^mtgfp:/);
  });
});
