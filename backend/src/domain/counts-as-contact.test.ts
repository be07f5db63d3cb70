import { describe, expect, it } from 'vitest';
import { countsAsContact } from './counts-as-contact.ts';
import { INTERACTION_KINDS } from './types.ts';

describe('countsAsContact', () => {
  it('counts every kind but notes', () => {
    expect(INTERACTION_KINDS.filter(countsAsContact)).toEqual(['email', 'meeting', 'call', 'chat']);
  });
});
