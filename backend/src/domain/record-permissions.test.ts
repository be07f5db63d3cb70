import { describe, expect, it } from 'vitest';
import {
  mayChangeAccountOwner, mayChangeContactOwner, mayChangeTier, mayEditAccount, mayEditContact, mayEditFollowUp, mayEditOpportunity,
  mayEditSettings, mayMoveStage, type Actor,
} from './record-permissions.ts';

const rep: Actor = { id: 'rep', role: 'rep' };
const manager: Actor = { id: 'manager', role: 'manager' };
const admin: Actor = { id: 'admin', role: 'admin' };

describe('record permissions', () => {
  it('accounts: a rep edits their own or an unowned account; managers and admins any', () => {
    expect(mayEditAccount(rep, { ownerId: 'rep' })).toEqual({ allowed: true });
    expect(mayEditAccount(rep, { ownerId: null })).toEqual({ allowed: true });
    expect(mayEditAccount(rep, { ownerId: 'other' })).toMatchObject({ allowed: false, reason: expect.stringMatching(/owner/) });
    expect(mayEditAccount(manager, { ownerId: 'other' }).allowed).toBe(true);
    expect(mayEditAccount(admin, { ownerId: 'other' }).allowed).toBe(true);
  });

  it('accounts: tier and owner changes are for managers and admins, even on a rep’s own account', () => {
    expect(mayChangeTier(rep)).toMatchObject({ allowed: false, reason: expect.stringMatching(/manager/) });
    expect(mayChangeAccountOwner(rep).allowed).toBe(false);
    expect(mayChangeTier(manager).allowed).toBe(true);
    expect(mayChangeAccountOwner(admin).allowed).toBe(true);
  });

  it('contacts: the owner, the account owner, managers and admins; not a colleague', () => {
    expect(mayEditContact(rep, { ownerId: 'rep' }, null).allowed).toBe(true);
    expect(mayEditContact(rep, { ownerId: null }, { ownerId: 'other' }).allowed).toBe(true);
    expect(mayEditContact(rep, { ownerId: 'other' }, { ownerId: 'rep' }).allowed).toBe(true);
    expect(mayEditContact(rep, { ownerId: 'other' }, { ownerId: 'other' })).toMatchObject({ allowed: false, reason: expect.stringMatching(/owner/) });
    expect(mayEditContact(rep, { ownerId: 'other' }, null).allowed).toBe(false);
    expect(mayChangeContactOwner(rep, { ownerId: 'other' }, null).allowed).toBe(false);
    expect(mayChangeContactOwner(manager, { ownerId: 'other' }, null).allowed).toBe(true);
  });

  it('opportunities: the owner, the account owner, managers and admins', () => {
    expect(mayEditOpportunity(rep, { ownerId: 'rep' }, null).allowed).toBe(true);
    expect(mayEditOpportunity(rep, { ownerId: null }, null).allowed).toBe(true);
    expect(mayEditOpportunity(rep, { ownerId: 'other' }, { ownerId: 'rep' }).allowed).toBe(true);
    expect(mayMoveStage(rep, { ownerId: 'other' }, { ownerId: 'other' })).toMatchObject({ allowed: false, reason: expect.stringMatching(/opportunity/) });
    expect(mayMoveStage(manager, { ownerId: 'other' }, null).allowed).toBe(true);
  });

  it('follow-ups are personal; settings are for admins', () => {
    expect(mayEditFollowUp(rep, { userId: 'rep' }).allowed).toBe(true);
    expect(mayEditFollowUp(manager, { userId: 'rep' }).allowed).toBe(false);
    expect(mayEditSettings(admin).allowed).toBe(true);
    expect(mayEditSettings(manager)).toMatchObject({ allowed: false, reason: expect.stringMatching(/admin/) });
  });
});
