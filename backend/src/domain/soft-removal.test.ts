import { describe, expect, it } from 'vitest';
import { planSyncRemoval, planUserRemoval, syncBringsBack, SYNC_REMOVER } from './soft-removal.ts';

const email = { id: 'i1', kind: 'email', externalKey: 'msgid:x', accountIds: ['a1', 'a2', 'a1'] };

describe('soft removal plans', () => {
  it('a person’s removal: their id, the reason, every account recomputed', () => {
    expect(planUserRemoval(email, 'u1', 'logged by mistake', 9)).toEqual({
      interactionId: 'i1', deletedAt: 9, deletedBy: 'u1', dropTimelineOf: 'i1', recomputeLastContact: ['a1', 'a2'],
      audit: { actorId: 'u1', action: 'interaction.remove', entityType: 'interaction', entityId: 'i1', at: 9, detail: { reason: 'logged by mistake', kind: 'email', externalKey: 'msgid:x', accountIds: ['a1', 'a2'] } },
    });
  });

  it('the sync’s removal: deleted by the sync, audited without an actor', () => {
    const p = planSyncRemoval(email, 9);
    expect(p.deletedBy).toBe(SYNC_REMOVER);
    expect(p.audit).toMatchObject({ actorId: null, action: 'interaction.sync_remove', detail: { reason: 'no mailbox holds it any more' } });
  });

  it('the sync brings back only what the sync removed', () => {
    expect(syncBringsBack(SYNC_REMOVER)).toBe(true);
    expect(syncBringsBack('u1')).toBe(false);
  });

  it('a note never moved the last contact, so removing it recomputes none', () => {
    expect(planUserRemoval({ ...email, kind: 'note' }, 'u1', null, 9).recomputeLastContact).toEqual([]);
  });
});
