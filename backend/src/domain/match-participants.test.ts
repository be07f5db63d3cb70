import { describe, expect, it } from 'vitest';
import { matchLookupKeys, matchParticipants, type MatchFacts } from './match-participants.ts';

const facts = (over: Partial<MatchFacts> = {}): MatchFacts => ({
  internalDomains: ['seller.fi'],
  blockedDomains: ['union.fi'],
  blockedAddresses: ['spouse@customer.fi'],
  usersByAddress: new Map([['rep@seller.fi', 'u-rep']]),
  contactsByAddress: new Map([['liisa@customer.fi', { contactId: 'c-liisa', accountId: 'a-customer' }], ['private.buyer@gmail.com', { contactId: 'c-gmail', accountId: 'a-small' }]]),
  accountIdsByDomain: new Map([['customer.fi', ['a-customer']], ['twins.fi', ['a-2', 'a-1']]]),
  ...over,
});
const m = (address: string, displayName: string | null = null, f = facts()) => matchParticipants([{ address, displayName }], f)[0]!;

describe('matchParticipants', () => {
  it('finds a contact case-insensitively, and its account', () => {
    expect(m('LIISA@Customer.FI')).toMatchObject({ kind: 'contact', contactId: 'c-liisa', accountIds: ['a-customer'], address: 'liisa@customer.fi' });
  });
  it('matches a subdomain to the account of its registrable domain', () => {
    expect(m('jussi@mail.eu.customer.fi', 'Jussi Varasto')).toMatchObject({ kind: 'account', accountIds: ['a-customer'], suggestion: { newContact: { name: 'Jussi Varasto', accountId: 'a-customer' } } });
  });
  it('treats the tenant’s own domains (and their subdomains) as colleagues, never contacts', () => {
    expect(m('rep@seller.fi')).toMatchObject({ kind: 'colleague', userId: 'u-rep' });
    expect(m('new.hire@mail.seller.fi')).toMatchObject({ kind: 'colleague', userId: null });
  });
  it('never matches a public mailbox provider by domain, but does match a known contact there', () => {
    const f = facts({ accountIdsByDomain: new Map([['gmail.com', ['a-wrong']]]) });
    expect(m('someone@gmail.com', 'Some One', f)).toMatchObject({ kind: 'personal', accountIds: [], suggestion: { newAccount: null } });
    expect(m('private.buyer@gmail.com', null, f)).toMatchObject({ kind: 'contact', accountIds: ['a-small'] });
  });
  it('reports a domain of two accounts as ambiguous instead of guessing', () => {
    expect(m('x@twins.fi')).toMatchObject({ kind: 'ambiguous', accountIds: ['a-1', 'a-2'] });
  });
  it('suggests a new account and contact for an unknown company address', () => {
    expect(m('pekka.uusi@sub.uusi-asiakas.fi', 'Uusi, Pekka')).toMatchObject({
      kind: 'unknown', suggestion: { newAccount: { domain: 'uusi-asiakas.fi', name: 'Uusi Asiakas' }, newContact: { name: 'Pekka Uusi', accountId: null } },
    });
  });
  it('flags automated senders and offers them nothing', () => {
    expect(m('no-reply@customer.fi')).toMatchObject({ kind: 'account', automated: true, suggestion: null });
  });
  it('honours the blocklists', () => {
    expect(m('spouse@customer.fi').kind).toBe('blocked');
    expect(m('chair@mail.union.fi').kind).toBe('blocked');
  });
  it('reports garbage as invalid rather than failing', () => expect(m('not an address').kind).toBe('invalid'));
});

describe('matchLookupKeys', () => {
  it('asks only for what can match: normalised addresses, registrable non-internal non-public domains', () => {
    const keys = matchLookupKeys(['A@Mail.Customer.fi', 'a@mail.customer.fi', 'rep@seller.fi', 'x@gmail.com', 'bad'], { internalDomains: ['seller.fi'] });
    expect(keys.addresses.sort()).toEqual(['a@mail.customer.fi', 'rep@seller.fi', 'x@gmail.com']);
    expect(keys.domains).toEqual(['customer.fi']);
  });
});
