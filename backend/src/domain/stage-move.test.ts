import { describe, expect, it } from 'vitest';
import { canMoveStage } from './stage-move.ts';

describe('canMoveStage', () => {
  it('lets an open deal move anywhere, backwards included', () => {
    expect(canMoveStage('offer', 'contacted')).toBe(true);
    expect(canMoveStage('identified', 'won')).toBe(true);
    expect(canMoveStage('negotiation', 'lost')).toBe(true);
  });

  it('reopens a closed deal but never flips its outcome directly', () => {
    expect(canMoveStage('won', 'negotiation')).toBe(true);
    expect(canMoveStage('lost', 'identified')).toBe(true);
    expect(canMoveStage('won', 'lost')).toBe(false);
    expect(canMoveStage('lost', 'won')).toBe(false);
    expect(canMoveStage('won', 'won')).toBe(true);
  });
});
