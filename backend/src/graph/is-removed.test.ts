import { describe, expect, it } from 'vitest';
import { isRemoved } from './is-removed.ts';

describe('isRemoved', () => {
  it('recognises removed messages and events as delta reports them', () => {
    expect(isRemoved({ '@odata.type': '#microsoft.graph.message', id: 'AAMkADk0MGFkODE3LWEAAA=', '@removed': { reason: 'deleted' } })).toBe(true);
    expect(isRemoved({ '@odata.type': '#microsoft.graph.event', id: 'AAMkADk0MGFkODE3LWE4MmYtNDRhOS04OGQLkRkXbBznTvAADb6ytyAAA=', '@removed': { reason: 'deleted' } })).toBe(true);
    expect(isRemoved({ id: 'x', '@removed': { reason: 'changed' } })).toBe(true);
  });
  it('does not mistake items for removals', () => {
    expect(isRemoved({ id: 'x', subject: 'Hei' })).toBe(false);
    expect(isRemoved({ '@removed': { reason: 'deleted' } })).toBe(false);
    expect(isRemoved(null)).toBe(false);
    expect(isRemoved('x')).toBe(false);
  });
});
