import { describe, expect, it } from 'vitest';
import { mergeInteractionCopies, type IncomingCopy, type StoredCopy } from './merge-interaction-copies.ts';

const stored: StoredCopy = { occurredAt: 100, visibility: 'metadata', note: null, opportunityId: null, removed: false };
const copy = (over: Partial<IncomingCopy> = {}): IncomingCopy => ({
  kind: 'email', source: 'sync', occurredAt: 200, visibility: 'metadata', note: null, opportunityId: null,
  accountIds: ['a1'], holders: [{ userId: 'u1', relation: 'holds', at: 200 }], ...over,
});
const holder = { holdsStored: true };
const stranger = { holdsStored: false };

describe('mergeInteractionCopies', () => {
  it('a new interaction: every copy adds its accounts and holders, at the first copy’s time and kind', () => {
    const m = mergeInteractionCopies(null, [copy(), copy({ kind: 'note', occurredAt: 300, accountIds: ['a2', 'a2'], holders: [{ userId: 'u2', relation: 'logged', at: 300 }] })], [stranger, stranger]);
    expect(m.update).toBeNull();
    expect(m.restore).toBeNull();
    expect(m.accounts).toEqual([{ accountId: 'a1', occurredAt: 200, kind: 'email' }, { accountId: 'a2', occurredAt: 200, kind: 'email' }]);
    expect(m.holders.map((h) => h.userId)).toEqual(['u1', 'u2']);
    // The note copy's account gets a timeline row but its last contact does not move.
    expect(m.contactAccountIds).toEqual(['a1']);
  });

  it('an existing interaction keeps its own time in the timeline', () => {
    expect(mergeInteractionCopies(stored, [copy()], [holder]).accounts).toEqual([{ accountId: 'a1', occurredAt: 100, kind: 'email' }]);
  });

  it('a second mailbox syncing the same mail does not widen visibility', () => {
    expect(mergeInteractionCopies(stored, [copy({ visibility: 'shared' })], [holder]).update).toBeNull();
  });

  it('a deliberate log widens visibility, never narrows it', () => {
    expect(mergeInteractionCopies(stored, [copy({ source: 'addin', visibility: 'shared' })], [holder]).update?.visibility).toBe('shared');
    expect(mergeInteractionCopies(stored, [copy({ source: 'addin', visibility: 'private' })], [holder]).update).toBeNull();
  });

  it('a log by someone who does not hold it (who knows only its key) never widens visibility', () => {
    expect(mergeInteractionCopies(stored, [copy({ source: 'manual', visibility: 'shared' })], [stranger]).update).toBeNull();
    expect(mergeInteractionCopies(stored, [copy({ source: 'addin', visibility: 'shared' })], [stranger]).update).toBeNull();
  });

  it('joins notes (one equal to the whole stored note is not repeated) and keeps the first opportunity', () => {
    const m = mergeInteractionCopies({ ...stored, note: null, opportunityId: null }, [
      copy({ source: 'addin', note: 'second', opportunityId: 'o1' }),
      copy({ source: 'addin', note: 'second', opportunityId: 'o2' }),
      copy({ source: 'sync', note: 'third' }),
    ], [holder, holder, holder]);
    expect(m.update).toEqual({ visibility: 'metadata', note: 'second\n\nthird', opportunityId: 'o1' });
  });

  it('only whole-note equality stops a join: a note already inside a longer one is added again', () => {
    expect(mergeInteractionCopies({ ...stored, note: 'a\n\nb' }, [copy({ note: 'b' })], [holder]).update?.note).toBe('a\n\nb\n\nb');
  });

  it('a removed interaction stays removed when only the sync brings it', () => {
    const m = mergeInteractionCopies({ ...stored, removed: true }, [copy(), copy()], [holder, holder]);
    expect(m).toMatchObject({ staysRemoved: true, accounts: [], holders: [] });
  });

  it('a colleague who does not hold a removed interaction cannot bring it back by logging its key', () => {
    const m = mergeInteractionCopies({ ...stored, removed: true }, [copy({ source: 'addin', holders: [{ userId: 'u9', relation: 'logged', at: 5 }] })], [stranger]);
    expect(m).toMatchObject({ staysRemoved: true, restore: null, accounts: [], holders: [] });
  });

  it('a holder logging a removed interaction again restores it, named as the actor', () => {
    const m = mergeInteractionCopies({ ...stored, removed: true }, [copy(), copy({ source: 'addin', holders: [{ userId: 'u9', relation: 'logged', at: 5 }] })], [stranger, holder]);
    expect(m.staysRemoved).toBe(false);
    expect(m.restore).toEqual({ actorId: 'u9' });
    expect(m.accounts).toHaveLength(2);
  });
});
