import { describe, expect, it } from 'vitest';
import { erasedPlaceholder, isErasedPlaceholder, planInteractionErasure, suppressionKey, withoutSuppressed } from './erasure.ts';
import type { Participant } from './types.ts';

const p = (address: string, extra: Partial<Participant> = {}): Participant => ({ role: 'to', address, displayName: null, userId: null, contactId: null, ...extra });

describe('erasure rules', () => {
  it('keys an address by tenant secret, whatever its case, without containing it', () => {
    const k = suppressionKey('s1', 'Anna@Example.com');
    expect(k).toBe(suppressionKey('s1', 'anna@example.com'));
    expect(k).not.toBe(suppressionKey('s2', 'anna@example.com'));
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(isErasedPlaceholder(erasedPlaceholder(k))).toBe(true);
  });

  it('blanks the content only where the person was the only external party', () => {
    const erased = { contactIds: new Set(['c1']), addresses: new Set(['anna@example.com']) };
    expect(planInteractionErasure([p('me@us.fi', { userId: 'u1', role: 'from' }), p('Anna@example.com')], erased)).toEqual({ ordinals: [1], blankContent: true });
    expect(planInteractionErasure([p('me@us.fi', { userId: 'u1' }), p('x@example.com', { contactId: 'c1' }), p('bo@example.com')], erased)).toEqual({ ordinals: [1], blankContent: false });
    expect(planInteractionErasure([p('bo@example.com')], erased)).toEqual({ ordinals: [], blankContent: false });
  });

  it('drops suppressed participants and says when no external party is left', () => {
    const ext = (x: { address: string; colleague?: boolean }) => !x.colleague;
    const r = withoutSuppressed([{ address: 'me@us.fi', colleague: true }, { address: 'ANNA@example.com' }], ext, new Set(['anna@example.com']));
    expect(r).toEqual({ kept: [{ address: 'me@us.fi', colleague: true }], dropped: 1, onlySuppressed: true });
    expect(withoutSuppressed([{ address: 'bo@example.com' }, { address: 'anna@example.com' }], ext, new Set(['anna@example.com'])).onlySuppressed).toBe(false);
  });
});
