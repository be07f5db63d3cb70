import { describe, expect, it } from 'vitest';
import { planLog } from './plan-log.ts';
import type { AddressMatch } from './match-participants.ts';
import type { TenantSettings } from './types.ts';

const settings = {} as TenantSettings;
const m = (over: Partial<AddressMatch>): AddressMatch =>
  ({ address: 'x@y.fi', displayName: null, kind: 'unknown', userId: null, contactId: null, accountIds: [], automated: false, suggestion: null, ...over }) as AddressMatch;

describe('planLog', () => {
  it('resolves participants, takes the matched accounts and reads the direction from the sender', () => {
    const plan = planLog(
      { kind: 'email', participants: [{ role: 'from', address: 'Me@Firma.fi', displayName: null }, { role: 'to', address: 'a@asiakas.fi', displayName: 'A' }] },
      [m({ kind: 'colleague', userId: 'u1' }), m({ kind: 'contact', contactId: 'c1', accountIds: ['acc1'] })],
      settings,
    );
    expect(plan).toEqual({
      participants: [
        { role: 'from', address: 'me@firma.fi', displayName: null, userId: 'u1', contactId: null },
        { role: 'to', address: 'a@asiakas.fi', displayName: 'A', userId: null, contactId: 'c1' },
      ],
      accountIds: ['acc1'], direction: 'outbound', reason: null,
    });
  });

  it('says why there is no account: internal only, ambiguous, unknown', () => {
    const one = (kind: AddressMatch['kind']) => planLog({ kind: 'email', participants: [{ role: 'from', address: 'a@b.fi', displayName: null }] }, [m({ kind })], settings).reason;
    expect(one('colleague')).toMatch(/internal-only/);
    expect(one('ambiguous')).toMatch(/more than one account/);
    expect(one('unknown')).toMatch(/known contact/);
  });

  it('a meeting has no direction', () => {
    expect(planLog({ kind: 'meeting', participants: [{ role: 'organizer', address: 'a@b.fi', displayName: null }] }, [m({ kind: 'account', accountIds: ['a'] })], settings).direction).toBeNull();
  });
});
