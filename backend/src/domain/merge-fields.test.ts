import { describe, expect, it } from 'vitest';
import { planFieldMerge } from './merge-fields.ts';

describe('planFieldMerge', () => {
  const survivor = { name: 'Aalto Infra Oy', industry: null as string | null, region: 'Uusimaa', tier: 'A' };
  const merged = [{ name: 'Aalto Infra', industry: 'Construction', region: 'Uusimaa', tier: 'B' }];

  it('keeps the survivor’s values, fills its empty ones, lists every difference', () => {
    const plan = planFieldMerge(survivor, merged, ['name', 'industry', 'region', 'tier']);
    expect(plan.conflicts).toEqual([
      { field: 'name', survivor: 'Aalto Infra Oy', merged: 'Aalto Infra', keep: 'survivor' },
      { field: 'industry', survivor: null, merged: 'Construction', keep: 'merged' },
      { field: 'tier', survivor: 'A', merged: 'B', keep: 'survivor' },
    ]);
    expect(plan.values).toEqual({ industry: 'Construction' });
  });

  it('follows the person’s choices both ways', () => {
    const plan = planFieldMerge(survivor, merged, ['name', 'industry', 'tier'], { tier: 'merged', industry: 'survivor' });
    expect(plan.values).toEqual({ tier: 'B' });
  });

  it('takes the first merged record that differs', () => {
    const plan = planFieldMerge({ name: 'A' }, [{ name: 'A' }, { name: 'B' }, { name: 'C' }], ['name'], { name: 'merged' });
    expect(plan.values).toEqual({ name: 'B' });
  });
});
