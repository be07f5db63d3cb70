import { describe, expect, it } from 'vitest';
import { applyLogIntent, type IntentContext } from './apply-log-intent.ts';
import type { InteractionInput } from '../store/interactions.ts';

const synced: InteractionInput = {
  kind: 'email', direction: 'outbound', occurredAt: 1, subject: 'Tarjous', snippet: null, note: null, durationMinutes: null,
  participants: [], accountIds: ['matched'], opportunityId: null, source: 'sync', visibility: 'metadata',
  holders: [{ userId: 'owner', relation: 'holds', at: 5 }], externalKey: 'msgid:x',
};
const ctx: IntentContext = {
  ownerUserId: 'owner', now: 9, accounts: new Set(['chosen', 'matched']), opportunities: new Map([['opp', 'chosen'], ['opp-m', 'matched']]), alreadyLogged: false,
};

describe('applyLogIntent', () => {
  it('logs it for the owner with the note, the chosen accounts instead of the matched, the opportunity and the visibility', () => {
    const r = applyLogIntent(synced, { note: 'n', visibility: 'shared', accountIds: ['chosen'], opportunityId: 'opp' }, ctx);
    expect(r).toMatchObject({ applied: true, refused: false });
    expect(r.input).toMatchObject({ source: 'addin', note: 'n', visibility: 'shared', accountIds: ['chosen'], opportunityId: 'opp' });
    expect(r.input.holders).toEqual([{ userId: 'owner', relation: 'holds', at: 5 }, { userId: 'owner', relation: 'logged', at: 9 }]);
  });

  it('falls back to the matched accounts when none chosen is the tenant\'s, and drops an opportunity of another account', () => {
    const r = applyLogIntent(synced, { note: null, visibility: null, accountIds: ['foreign'], opportunityId: 'opp' }, ctx);
    expect(r).toMatchObject({ applied: true, refused: true, input: { accountIds: ['matched'], opportunityId: null, visibility: 'metadata' } });
    expect(applyLogIntent(synced, { note: null, visibility: null, accountIds: [], opportunityId: 'opp-m' }, ctx)).toMatchObject({ refused: false, input: { opportunityId: 'opp-m' } });
  });

  it('leaves the item as synced when the owner logged it already', () => {
    expect(applyLogIntent(synced, { note: 'n', visibility: 'shared', accountIds: ['chosen'], opportunityId: null }, { ...ctx, alreadyLogged: true })).toEqual({ input: synced, applied: false, refused: false });
  });
});
