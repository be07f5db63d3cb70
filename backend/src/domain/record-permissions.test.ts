import { describe, expect, it } from 'vitest';
import {
  mayChangeAccountOwner, mayChangeContactOwner, mayChangeTier, mayEditAccount, mayEditContact, mayEditFollowUp, mayEditOpportunity,
  mayEditSettings, mayMoveStage, mayArchiveAccount, mayArchiveContact, mayArchiveOpportunity, type Actor,
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

  it('accounts: the owner may change their own account’s tier; others (and unowned ones) need a manager', () => {
    expect(mayChangeTier(rep, { ownerId: 'rep' })).toEqual({ allowed: true });
    expect(mayChangeTier(rep, { ownerId: 'other' })).toEqual({ allowed: false, reason: 'Only the owner or a manager can change the tier.' });
    expect(mayChangeTier(rep, { ownerId: null }).allowed).toBe(false);
    expect(mayChangeTier(manager, { ownerId: 'other' }).allowed).toBe(true);
    expect(mayChangeTier(admin, { ownerId: null }).allowed).toBe(true);
  });

  it('accounts: the owner is a manager’s or admin’s decision, even on a rep’s own account', () => {
    expect(mayChangeAccountOwner(rep)).toEqual({ allowed: false, reason: 'Only a manager can change the account owner.' });
    expect(mayChangeAccountOwner(manager).allowed).toBe(true);
    expect(mayChangeAccountOwner(admin).allowed).toBe(true);
  });

  it('archiving follows editing', () => {
    expect(mayArchiveAccount(rep, { ownerId: 'rep' }).allowed).toBe(true);
    expect(mayArchiveAccount(rep, { ownerId: 'other' }).allowed).toBe(false);
    expect(mayArchiveContact(rep, { ownerId: 'other' }, { ownerId: 'rep' }).allowed).toBe(true);
    expect(mayArchiveOpportunity(rep, { ownerId: 'other' }, { ownerId: 'other' }).allowed).toBe(false);
    expect(mayArchiveOpportunity(manager, { ownerId: 'other' }, null).allowed).toBe(true);
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
