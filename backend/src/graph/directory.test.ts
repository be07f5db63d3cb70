// The directory surface against the Graph emulator over real HTTP, and its parsers against Graph's documented shapes.
import { describe, expect, it } from 'vitest';
import { graphHarness } from '../../../test/support/graph-harness.ts';
import { parseDirectoryUser, parseProxyAddresses, type DirectoryUser } from './directory.ts';

const h = graphHarness();

describe('verifiedDomains', () => {
  it('reads the organization\'s verified domains', async () => {
    h.emulator.store.addAlias(h.mailbox.id, `${h.mailbox.id.slice(0, 8)}@contoso.onmicrosoft.com`);
    const domains = await h.client().verifiedDomains();
    expect(domains).toContainEqual({ name: 'suhde.example', isDefault: true, isInitial: false, type: 'Managed', capabilities: 'Email, OfficeCommunicationsOnline' });
    expect(domains).toContainEqual({ name: 'contoso.onmicrosoft.com', isDefault: false, isInitial: true, type: 'Managed', capabilities: 'Email, OfficeCommunicationsOnline' });
    expect(h.emulator.requests.map((r) => [r.path, decodeURIComponent(r.query)])).toEqual([['/organization', '$select=verifiedDomains']]);
  });
});

describe('directoryUsers', () => {
  it('pages through every user with mail, userPrincipalName and the SMTP aliases', async () => {
    h.emulator.store.addAlias(h.mailbox.id, 'myyja@suhde.example');
    const others = Array.from({ length: 4 }, (_, i) => h.emulator.addMailbox(`dir${i}-${h.mailbox.id}@suhde.example`));
    const pages: DirectoryUser[][] = [];
    for await (const page of h.client().directoryUsers({ pageSize: 2 })) pages.push(page);
    expect(pages.every((p) => p.length <= 2)).toBe(true);
    const users = pages.flat();
    const ids = users.map((u) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([h.mailbox.id, ...others.map((m) => m.id)]));
    expect(users.find((u) => u.id === h.mailbox.id)).toEqual({
      id: h.mailbox.id, userPrincipalName: h.mailbox.userPrincipalName, mail: h.mailbox.userPrincipalName,
      primarySmtp: h.mailbox.userPrincipalName, secondarySmtp: ['myyja@suhde.example'],
    });
    const first = h.emulator.requests[0]!;
    expect([first.path, decodeURIComponent(first.query)]).toEqual(['/users', '$select=id,mail,userPrincipalName,proxyAddresses&$top=2']);
    expect(h.emulator.requests.slice(1).every((r) => r.path === '/users' && r.query.includes('$skiptoken='))).toBe(true);
  });
});

describe('parsers', () => {
  it('tells the primary SMTP address from aliases by the prefix\'s case, and leaves other address types out', () => {
    expect(parseProxyAddresses(['smtp:alias@contoso.fi', 'SMTP:Aino@Contoso.fi', 'X500:/o=ExchangeLabs/cn=aino', 'SIP:aino@contoso.fi', 'smtp: spaced@contoso.fi']))
      .toEqual({ primary: 'Aino@Contoso.fi', secondary: ['alias@contoso.fi', 'spaced@contoso.fi'] });
    expect(parseProxyAddresses(undefined)).toEqual({ primary: null, secondary: [] });
  });

  it('reads a user without a mailbox (no mail, no proxyAddresses)', () => {
    expect(parseDirectoryUser({ id: 'u1', userPrincipalName: 'guest#EXT#@contoso.onmicrosoft.com', mail: null, proxyAddresses: [] }))
      .toEqual({ id: 'u1', userPrincipalName: 'guest#EXT#@contoso.onmicrosoft.com', mail: null, primarySmtp: null, secondarySmtp: [] });
  });
});
