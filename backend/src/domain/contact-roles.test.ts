import { describe, expect, it } from 'vitest';
import { planRoleMoves, rolesOutsideAccount, type PlacedRole } from './contact-roles.ts';

const placed = (o: Partial<PlacedRole>): PlacedRole => ({ opportunityId: 'o1', contactId: 'c1', role: 'user', stage: 'offer', opportunityAccountId: 'A', contactAccountId: 'A', ...o });

describe('rolesOutsideAccount', () => {
  it('ends only open deals’ roles held by someone no longer at the deal’s account', () => {
    const roles = [
      placed({ opportunityId: 'here' }),
      placed({ opportunityId: 'moved', contactAccountId: 'B' }),
      placed({ opportunityId: 'left', contactAccountId: null }),
      placed({ opportunityId: 'won', stage: 'won', contactAccountId: 'B' }),
      placed({ opportunityId: 'lost', stage: 'lost', contactAccountId: null }),
    ];
    expect(rolesOutsideAccount(roles).map((r) => r.opportunityId)).toEqual(['moved', 'left']);
  });
});

describe('planRoleMoves', () => {
  it('keeps the survivor’s role on a shared deal, moves the rest, and keeps closed deals’ roles at any account', () => {
    const r = (contactId: string, opportunityId: string, accountId: string, stage: PlacedRole['stage'] = 'offer') => ({ contactId, opportunityId, accountId, stage, role: 'user' as const });
    const { move, drop } = planRoleMoves('keep', [
      r('keep', 'shared', 'A'), r('dupe', 'shared', 'A'), r('dupe', 'only', 'A'), r('dupe', 'elsewhere', 'B'), r('dupe', 'history', 'B', 'won'), r('keep', 'old', 'B', 'lost'),
    ], 'A');
    expect(move.map((x) => x.opportunityId)).toEqual(['only', 'history']);
    expect(drop.map((x) => `${x.contactId}:${x.opportunityId}`)).toEqual(['dupe:shared', 'dupe:elsewhere']);
  });
});
