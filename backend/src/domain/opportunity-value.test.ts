import { describe, expect, it } from 'vitest';
import { opportunityFigures, probabilityFor, valueFromLines, weightedValue } from './opportunity-value.ts';
import { DEFAULT_TENANT_SETTINGS, type Stage } from './types.ts';

const odd: Record<Stage, number> = { identified: 10, contacted: 20, offer: 50, negotiation: 140, won: 80, lost: 30 };

describe('opportunity value', () => {
  it('fixes won at 100 and lost at 0 whatever the settings; clamps open stages', () => {
    expect(probabilityFor('won', odd)).toBe(100);
    expect(probabilityFor('lost', odd)).toBe(0);
    expect(probabilityFor('negotiation', odd)).toBe(100);
    expect(probabilityFor('offer', odd)).toBe(50);
  });

  it('rounds each line half away from zero', () => {
    expect(valueFromLines([{ product: 'a', quantity: 0.5, unitPrice: 5 }])).toBe(3); // 2.5 -> 3
    expect(valueFromLines([{ product: 'credit', quantity: -0.5, unitPrice: 5 }])).toBe(-3); // Math.round gives -2
    expect(valueFromLines([{ product: 'a', quantity: 1.005, unitPrice: 100 }])).toBe(101);
    expect(() => valueFromLines([{ product: 'a', quantity: 1, unitPrice: 1.5 }])).toThrow(RangeError);
  });

  it('weights the value by the probability', () => {
    expect(weightedValue({ value: 1005, probability: 50 })).toBe(503);
    expect(weightedValue({ value: -1005, probability: 50 })).toBe(-503);
  });

  it('derives the stored figures: lines win over the value; a closed deal’s probability is fixed', () => {
    const p = DEFAULT_TENANT_SETTINGS.stageProbability;
    expect(opportunityFigures({ stage: 'offer', lines: [], value: 700 }, p)).toEqual({ value: 700, probability: p.offer });
    expect(opportunityFigures({ stage: 'offer', lines: [{ product: 'a', quantity: 2, unitPrice: 3 }], value: 700, probability: 33 }, p)).toEqual({ value: 6, probability: 33 });
    expect(opportunityFigures({ stage: 'won', lines: [], value: 1, probability: 40 }, odd)).toEqual({ value: 1, probability: 100 });
    expect(opportunityFigures({ stage: 'lost', lines: [], value: 1 }, odd)).toEqual({ value: 1, probability: 0 });
  });
});
