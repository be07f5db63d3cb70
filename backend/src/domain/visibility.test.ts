import { describe, expect, it } from 'vitest';
import { widerVisibility } from './visibility.ts';
import { viewOf } from './interaction-access.ts';
import type { Interaction } from './types.ts';

const base: Interaction = {
  id: 'i1', tenantId: 't', kind: 'email', direction: 'inbound', occurredAt: 1, subject: 'Tarjous', snippet: 'Hei',
  note: 'call back', durationMinutes: null, participants: [], accountIds: ['a'], opportunityId: null, source: 'sync',
  visibility: 'metadata', holders: [{ userId: 'owner', relation: 'holds', at: 1 }], externalKey: 'msgid:x', createdAt: 1, updatedAt: 1,
};

const viewFor = (i: Interaction, userId: string) => viewOf({ userId, role: 'rep' }, i);

describe('viewOf', () => {
  it('shows a metadata item in full to its holder', () => {
    expect(viewFor(base, 'owner')).toMatchObject({ subject: 'Tarjous', redacted: false });
  });
  it('withholds subject, snippet and note of a metadata item from a colleague', () => {
    expect(viewFor(base, 'colleague')).toMatchObject({ subject: null, snippet: null, note: null, redacted: true, kind: 'email', occurredAt: 1 });
  });
  it('never names the message in a redacted view: its key would let a colleague log it as their own', () => {
    expect(viewFor(base, 'colleague')?.externalKey).toBeNull();
    expect(viewFor(base, 'owner')?.externalKey).toBe('msgid:x');
  });
  it('hides a private item from everyone but its holders', () => {
    const p = { ...base, visibility: 'private' as const };
    expect(viewFor(p, 'colleague')).toBeNull();
    expect(viewFor(p, 'owner')?.subject).toBe('Tarjous');
  });
  it('shows a shared item to everyone', () => {
    expect(viewFor({ ...base, visibility: 'shared' }, 'colleague')?.note).toBe('call back');
  });
  it('widerVisibility never narrows', () => {
    expect(widerVisibility('metadata', 'shared')).toBe('shared');
    expect(widerVisibility('shared', 'private')).toBe('shared');
    expect(widerVisibility('private', 'private')).toBe('private');
  });
});
