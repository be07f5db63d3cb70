import { describe, expect, it } from 'vitest';
import { assertMayChange, assertMayUnlink, interactionAccess } from './interaction-access.ts';
import type { Visibility } from './types.ts';

const item = (visibility: Visibility) => ({ visibility, holders: [{ userId: 'owner', relation: 'holds' as const, at: 1 }] });
const owner = { userId: 'owner', role: 'rep' as const };
const rep = { userId: 'rep2', role: 'rep' as const };
const manager = { userId: 'boss', role: 'manager' as const };

describe('interactionAccess', () => {
  it('a holder may do everything, whatever the visibility', () => {
    for (const v of ['private', 'metadata', 'shared'] as const) {
      expect(interactionAccess(owner, item(v))).toEqual({ see: 'full', change: true, unlink: true, setVisibility: true });
    }
  });

  it('others see a private item not at all, a metadata item redacted, a shared one in full', () => {
    expect(interactionAccess(manager, item('private')).see).toBe('none');
    expect(interactionAccess(rep, item('metadata')).see).toBe('metadata');
    expect(interactionAccess(rep, item('shared')).see).toBe('full');
  });

  it('a manager may change and unlink a shared item, but not set its visibility', () => {
    expect(interactionAccess(manager, item('shared'))).toEqual({ see: 'full', change: true, unlink: true, setVisibility: false });
  });

  it('a manager may unlink a metadata-only item but not change its content', () => {
    expect(interactionAccess(manager, item('metadata'))).toMatchObject({ change: false, unlink: true });
  });

  it('a rep who does not hold it may neither change nor unlink it', () => {
    expect(interactionAccess(rep, item('shared'))).toMatchObject({ change: false, unlink: false, setVisibility: false });
  });
});

describe('assertMayChange', () => {
  it('names the first rule broken: visibility, then stewardship, then redaction', () => {
    expect(() => assertMayChange(manager, item('shared'), { visibility: 'private' })).toThrow(/hold this email/);
    expect(() => assertMayChange(rep, item('shared'), {})).toThrow(/holders, a manager or an admin/);
    expect(() => assertMayChange(manager, item('metadata'), {})).toThrow(/only that this contact happened/);
    expect(() => assertMayChange(manager, item('shared'), {})).not.toThrow();
  });

  it('unlink: holders, managers and admins', () => {
    expect(() => assertMayUnlink(rep, item('shared'))).toThrow(/remove this interaction/);
    expect(() => assertMayUnlink(manager, item('metadata'))).not.toThrow();
  });
});
