// Tenant A's records of every kind, made through the API by A's admin: the ids the security suites aim at.
import { expect } from 'vitest';
import type { Harness } from '../support/api-harness.ts';

export async function seedTenant(h: Harness): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const asA = { as: [h.a, h.a.users.admin] as [Harness['a'], Harness['a']['users']['admin']] };
  const made = async (method: string, path: string, body?: unknown) => {
    const r = await h.call(method, path, { ...asA, ...(body !== undefined ? { body } : {}) });
    expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
    return r.body;
  };
  ids.account = (await made('POST', '/api/accounts', { name: 'Alphasecret Oy', domains: ['alphasecret.fi'], tier: 'A' })).id;
  ids.contact = (await made('POST', '/api/contacts', { name: 'Aatu Salainen', emails: ['aatu.salainen@alphasecret.fi'], phones: ['+358 40 765 4321'], accountId: ids.account })).id;
  const logged = await made('POST', '/api/interactions', {
    kind: 'note', note: 'Alphasecret renewal notes', subject: 'Alphasecret renewal', accountIds: [ids.account],
    participants: [{ role: 'to', address: 'aatu.salainen@alphasecret.fi' }], followUpOn: '2026-11-02',
  });
  ids.interaction = (logged.interaction ?? logged).id;
  ids.opportunity = (await made('POST', '/api/opportunities', { accountId: ids.account, name: 'Alphasecret expansion' })).id;
  ids.followUp = (await made('GET', '/api/follow-ups')).items[0].id;
  ids.feedback = (await made('POST', `/api/accounts/${ids.account}/feedback`, { kind: 'nps', score: 9, comment: 'Alphasecret likes it', contactId: ids.contact })).id;
  const mailbox = await h.call('POST', '/api/sync/mailboxes', { ...asA, body: { userId: h.a.users.rep.id } });
  if (mailbox.status < 300) ids.mailbox = mailbox.body.id;
  ids.userRep = h.a.users.rep.id;
  ids.userAdmin = h.a.users.admin.id;
  return ids;
}
