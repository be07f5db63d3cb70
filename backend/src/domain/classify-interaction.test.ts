import { describe, expect, it } from 'vitest';
import { classifyEvent, classifyMessage, directionOf, isCapturable, type Sensitivity } from './classify-interaction.ts';
import { matchParticipants } from './match-participants.ts';

const match = (...addresses: string[]) =>
  matchParticipants(addresses.map((address) => ({ address, displayName: null })), {
    internalDomains: ['seller.fi'], blockedDomains: ['union.fi'], blockedAddresses: [],
    usersByAddress: new Map(), contactsByAddress: new Map([['friend@gmail.com', { contactId: 'c1', accountId: 'a1' }]]),
    accountIdsByDomain: new Map([['customer.fi', ['a1']]]),
  });
const message = (sensitivity: Sensitivity | null, addresses: string[], extra: { isDraft?: boolean; machineGenerated?: boolean } = {}) => {
  const [from = null, ...recipients] = match(...addresses);
  return classifyMessage({ sensitivity, isDraft: extra.isDraft ?? false, machineGenerated: extra.machineGenerated, from, recipients }).classification;
};
const meeting = (sensitivity: Sensitivity | null, addresses: string[], isCancelled = false) => {
  const [organizer = null, ...attendees] = match(...addresses);
  return classifyEvent({ sensitivity, isCancelled, organizer, attendees }).classification;
};

describe('classifyMessage', () => {
  it('captures mail with a customer or a would-be customer', () => {
    expect(message('normal', ['liisa@customer.fi', 'rep@seller.fi'])).toBe('customer');
    expect(message('normal', ['rep@seller.fi', 'someone@new-company.fi'])).toBe('customer');
    expect(message('normal', ['friend@gmail.com', 'rep@seller.fi'])).toBe('customer'); // a known contact at a public mailbox
    expect(message('confidential', ['liisa@customer.fi', 'rep@seller.fi'])).toBe('customer');
  });
  it('never captures private or personal sensitivity, whoever takes part', () => {
    expect(message('private', ['liisa@customer.fi', 'rep@seller.fi'])).toBe('private');
    expect(message('personal', ['liisa@customer.fi', 'rep@seller.fi'])).toBe('personal');
  });
  it('skips internal-only mail', () => expect(message('normal', ['rep@seller.fi', 'boss@seller.fi'])).toBe('internal'));
  it('skips personal mail with strangers at public providers', () => expect(message('normal', ['mum@gmail.com', 'rep@seller.fi'])).toBe('personal'));
  it('skips automated senders and bulk mail', () => {
    expect(message('normal', ['no-reply@customer.fi', 'rep@seller.fi'])).toBe('automated');
    expect(message('normal', ['liisa@customer.fi', 'rep@seller.fi'], { machineGenerated: true })).toBe('automated');
  });
  it('skips blocked participants and drafts', () => {
    expect(message('normal', ['rep@seller.fi', 'chair@union.fi', 'liisa@customer.fi'])).toBe('blocked');
    expect(message('normal', ['rep@seller.fi', 'liisa@customer.fi'], { isDraft: true })).toBe('draft');
  });
  it('gives the direction from the sender', () => {
    const [customer, colleague] = match('liisa@customer.fi', 'rep@seller.fi');
    expect(directionOf(customer!)).toBe('inbound');
    expect(directionOf(colleague!)).toBe('outbound');
    expect(directionOf(null)).toBeNull();
  });
});

describe('classifyEvent', () => {
  it('captures a meeting with a customer attendee', () => expect(meeting('normal', ['rep@seller.fi', 'liisa@customer.fi'])).toBe('customer'));
  it('skips cancelled, private and internal meetings', () => {
    expect(meeting('normal', ['rep@seller.fi', 'liisa@customer.fi'], true)).toBe('cancelled');
    expect(meeting('private', ['rep@seller.fi', 'liisa@customer.fi'])).toBe('private');
    expect(meeting('normal', ['rep@seller.fi', 'boss@seller.fi'])).toBe('internal');
  });
  it('stores only customer interactions', () => {
    expect(isCapturable('customer')).toBe(true);
    for (const c of ['internal', 'personal', 'automated', 'private', 'blocked', 'draft', 'cancelled'] as const) expect(isCapturable(c)).toBe(false);
  });
});
