import { describe, expect, it } from 'vitest';
import { classifyInteraction, isCapturable } from './classify-interaction.ts';
import { matchParticipants } from './match-participants.ts';

const match = (...addresses: string[]) =>
  matchParticipants(addresses.map((address) => ({ address, displayName: null })), {
    internalDomains: ['seller.fi'], blockedDomains: ['union.fi'], blockedAddresses: [],
    usersByAddress: new Map(), contactsByAddress: new Map([['friend@gmail.com', { contactId: 'c1', accountId: 'a1' }]]),
    accountIdsByDomain: new Map([['customer.fi', ['a1']]]),
  });
const classify = (sensitivity: 'normal' | 'private' | null, addresses: string[], extra: { isDraft?: boolean; isCancelled?: boolean } = {}) => {
  const participants = match(...addresses);
  return classifyInteraction({ sensitivity, sender: participants[0] ?? null, participants, ...extra }).classification;
};

describe('classifyInteraction', () => {
  it('captures mail with a customer or a would-be customer', () => {
    expect(classify('normal', ['liisa@customer.fi', 'rep@seller.fi'])).toBe('customer');
    expect(classify('normal', ['rep@seller.fi', 'someone@new-company.fi'])).toBe('customer');
    expect(classify('normal', ['friend@gmail.com', 'rep@seller.fi'])).toBe('customer'); // a known contact at a public mailbox
  });
  it('never captures private sensitivity, whoever takes part', () => expect(classify('private', ['liisa@customer.fi', 'rep@seller.fi'])).toBe('private'));
  it('skips internal-only mail', () => expect(classify('normal', ['rep@seller.fi', 'boss@seller.fi'])).toBe('internal'));
  it('skips personal mail with strangers at public providers', () => expect(classify('normal', ['mum@gmail.com', 'rep@seller.fi'])).toBe('personal'));
  it('skips automated senders', () => expect(classify('normal', ['no-reply@customer.fi', 'rep@seller.fi'])).toBe('automated'));
  it('skips blocked participants, drafts and cancelled meetings', () => {
    expect(classify('normal', ['rep@seller.fi', 'chair@union.fi', 'liisa@customer.fi'])).toBe('blocked');
    expect(classify('normal', ['rep@seller.fi', 'liisa@customer.fi'], { isDraft: true })).toBe('draft');
    expect(classify('normal', ['rep@seller.fi', 'liisa@customer.fi'], { isCancelled: true })).toBe('cancelled');
  });
  it('stores only customer interactions', () => {
    expect(isCapturable('customer')).toBe(true);
    for (const c of ['internal', 'personal', 'automated', 'private', 'blocked', 'draft', 'cancelled'] as const) expect(isCapturable(c)).toBe(false);
  });
});
