// Internal is known, not configured (issue 13): directory addresses and verified domains are colleagues; IDN
// domains match in either form.
import { describe, expect, it } from 'vitest';
import { matchLookupKeys, matchParticipants, type MatchFacts } from './match-participants.ts';
import { suspiciousDomains } from './directory-health.ts';

const facts = (over: Partial<MatchFacts> = {}): MatchFacts => ({
  internalDomains: ['contoso.com', 'contoso.onmicrosoft.com'],
  blockedDomains: [],
  blockedAddresses: [],
  usersByAddress: new Map([['samanthab@contoso.com', 'u-sam']]),
  contactsByAddress: new Map([['liisa@järvi.fi', { contactId: 'c-liisa', accountId: 'a-jarvi' }]]),
  accountIdsByDomain: new Map([['järvi.fi', ['a-jarvi']], ['bücher.de', ['a-buch']], ['例え.jp', ['a-tatoe']]]),
  ...over,
});
const m = (address: string, f = facts()) => matchParticipants([{ address, displayName: null }], f)[0]!;

describe('internal addresses', () => {
  it("a user's second address is the same colleague; a colleague who is not a Suhde user is a colleague too", () => {
    const f = facts({
      internalAddresses: new Map<string, string | null>([['samanthab@contoso.onmicrosoft.com', 'u-sam'], ['pekka@fabrikam-sub.fi', null]]),
    });
    expect(m('SamanthaB@contoso.onmicrosoft.com', f)).toMatchObject({ kind: 'colleague', userId: 'u-sam', suggestion: null });
    // An alias at a domain that is not verified (an acquired company's) is still internal.
    expect(m('pekka@fabrikam-sub.fi', f)).toMatchObject({ kind: 'colleague', userId: null, suggestion: null });
    expect(m('other@fabrikam-sub.fi', f)).toMatchObject({ kind: 'unknown' });
  });

  it('never suggests an account for a verified domain (or a host under it)', () => {
    for (const a of ['new.colleague@contoso.com', 'x@eu.contoso.com', 'y@contoso.onmicrosoft.com']) {
      expect(m(a)).toMatchObject({ kind: 'colleague', suggestion: null });
    }
    expect(matchLookupKeys(['x@contoso.com', 'y@asiakas.fi'], { internalDomains: facts().internalDomains }).domains).toEqual(['asiakas.fi']);
  });
});

describe('IDN domains in either form', () => {
  it('finds the account and the contact whether the address is in Unicode or punycode', () => {
    expect(m('liisa@xn--jrvi-loa.fi')).toMatchObject({ address: 'liisa@järvi.fi', kind: 'contact', accountIds: ['a-jarvi'] });
    expect(m('Pekka@JÄRVI.fi')).toMatchObject({ address: 'pekka@järvi.fi', kind: 'account', accountIds: ['a-jarvi'] });
    expect(m('pekka@xn--jrvi-loa.fi')).toMatchObject({ kind: 'account', accountIds: ['a-jarvi'] });
    expect(m('hans@xn--bcher-kva.de')).toMatchObject({ kind: 'account', accountIds: ['a-buch'] });
    expect(m('taro@例え.jp')).toMatchObject({ kind: 'account', accountIds: ['a-tatoe'] });
    expect(m('taro@xn--r8jz45g.jp')).toMatchObject({ address: 'taro@例え.jp', kind: 'account' });
  });

  it('matches a store that keyed the account by punycode, and suggests new accounts in Unicode', () => {
    const f = facts({ accountIdsByDomain: new Map([['xn--jrvi-loa.fi', ['a-jarvi']]]) });
    expect(m('pekka@järvi.fi', f)).toMatchObject({ kind: 'account', accountIds: ['a-jarvi'] });
    expect(m('anna@xn--mnchen-3ya.de')).toMatchObject({ kind: 'unknown', suggestion: { newAccount: { domain: 'münchen.de' } } });
    expect(matchLookupKeys(['a@xn--jrvi-loa.fi', 'b@järvi.fi'], { internalDomains: [] })).toEqual({ addresses: ['a@järvi.fi', 'b@järvi.fi'], domains: ['järvi.fi'] });
  });

  it('treats an internal IDN domain the admin gave in punycode as internal in Unicode', () => {
    expect(m('tiina@ääkköset.fi', facts({ internalDomains: ['xn--kkset-fraa0m.fi'] }))).toMatchObject({ kind: 'colleague' });
  });
});

describe('suspiciousDomains', () => {
  it('lists domains of stored interactions that are all-internal now, and non-internal domains colleagues share', () => {
    const out = suspiciousDomains({
      participants: [
        { address: 'pekka@fabrikam-sub.fi', interactions: 5 },
        { address: 'maija@fabrikam-sub.fi', interactions: 2 },
        { address: 'x@contoso.com', interactions: 3 },
        { address: 'kalle@asiakas.fi', interactions: 40 },
        { address: 'someone@gmail.com', interactions: 9 },
      ],
      candidates: [
        // Only colleagues: would not be captured today.
        { interactionId: 'i1', addresses: ['x@contoso.com'] },
        // A customer with a colleague in cc is customer mail, rightly stored.
        { interactionId: 'i2', addresses: ['kalle@asiakas.fi', 'x@contoso.com'] },
      ],
      internalDomains: ['contoso.com'],
      organisationAddresses: ['samanthab@contoso.com', 'x@contoso.com', 'ville@fabrikam-sub.fi', 'aino@fabrikam-sub.fi', 'a@gmail.com', 'b@gmail.com'],
    });
    expect(out).toEqual([
      { domain: 'contoso.com', interactions: 3, internalOnly: 1, colleagueAddresses: 2, reasons: ['internal-only'] },
      { domain: 'fabrikam-sub.fi', interactions: 7, internalOnly: 0, colleagueAddresses: 2, reasons: ['colleagues-addresses'] },
    ]);
  });
});
