// The emulator's directory surface, checked with plain fetch against what Graph's documentation shows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGraphEmulator, type GraphEmulator } from './index.ts';

let emulator: GraphEmulator;

async function get(url: string) {
  const res = await fetch(url.startsWith('http') ? url : `${emulator.url}/v1.0${url}`, { headers: { Authorization: 'Bearer t' } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

// A fresh emulator per test: the directory is every mailbox it holds.
beforeEach(async () => {
  emulator = await startGraphEmulator({ tenantId: '5eed0000-0000-4000-8000-0000000000d1' });
});
afterEach(() => emulator.stop());

describe('GET /organization', () => {
  it('lists the domains of the mailboxes as verifiedDomains: the onmicrosoft.com one initial, the first other the default', async () => {
    emulator.addMailbox('admin@contoso.onmicrosoft.com');
    emulator.addMailbox('aino@contoso.fi');
    emulator.addMailbox('Eero@Contoso.FI');
    const ville = emulator.addMailbox('ville@contoso.fi');
    emulator.store.addAlias(ville.id, 'ville@contoso.se');
    const { status, body } = await get('/organization?$select=verifiedDomains');
    expect(status).toBe(200);
    expect(body.value).toEqual([{
      id: '5eed0000-0000-4000-8000-0000000000d1',
      verifiedDomains: [
        { capabilities: 'Email, OfficeCommunicationsOnline', isDefault: false, isInitial: true, name: 'contoso.onmicrosoft.com', type: 'Managed' },
        { capabilities: 'Email, OfficeCommunicationsOnline', isDefault: true, isInitial: false, name: 'contoso.fi', type: 'Managed' },
        { capabilities: 'Email, OfficeCommunicationsOnline', isDefault: false, isInitial: false, name: 'contoso.se', type: 'Managed' },
      ],
    }]);
  });

  it('answers 400 for a property the organization does not have', async () => {
    expect((await get('/organization?$select=nonsense')).status).toBe(400);
  });
});

describe('GET /users', () => {
  it('gives mail, userPrincipalName and proxyAddresses (SMTP: primary, smtp: aliases) when selected', async () => {
    const aino = emulator.addMailbox('aino@contoso.fi', 'Aino');
    emulator.store.addAlias(aino.id, 'aino.asiakas@contoso.fi');
    emulator.store.addAlias(aino.id, 'aino@contoso.se');
    const { status, body } = await get('/users?$select=mail,userPrincipalName,proxyAddresses');
    expect(status).toBe(200);
    expect(body.value).toEqual([{
      id: aino.id, mail: 'aino@contoso.fi', userPrincipalName: 'aino@contoso.fi',
      proxyAddresses: ['SMTP:aino@contoso.fi', 'smtp:aino.asiakas@contoso.fi', 'smtp:aino@contoso.se'],
    }]);
    expect(body).not.toHaveProperty('@odata.nextLink');
    // Without $select, Graph's default set: no proxyAddresses.
    expect((await get('/users')).body.value[0]).toEqual({ id: aino.id, displayName: 'Aino', mail: 'aino@contoso.fi', userPrincipalName: 'aino@contoso.fi' });
  });

  it('pages by @odata.nextLink under $top, keeping $select', async () => {
    const added = Array.from({ length: 5 }, (_, i) => emulator.addMailbox(`user${i}@contoso.fi`));
    const seen: string[] = [];
    let url: string | undefined = '/users?$select=mail&$top=2';
    let pages = 0;
    while (url) {
      const { status, body }: { status: number; body: { value: { id: string; mail: string }[]; '@odata.nextLink'?: string } } = await get(url);
      expect(status).toBe(200);
      expect(body.value.length).toBeLessThanOrEqual(2);
      expect(body.value.every((u) => Object.keys(u).sort().join() === 'id,mail')).toBe(true);
      seen.push(...body.value.map((u) => u.id));
      url = body['@odata.nextLink'];
      if (url) expect(url.startsWith(`${emulator.url}/v1.0/users?`)).toBe(true);
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(added.map((m) => m.id));
  });

  it('refuses a $top over 999 and an unknown property', async () => {
    expect((await get('/users?$top=1000')).status).toBe(400);
    expect((await get('/users?$select=nonsense')).status).toBe(400);
  });
});
