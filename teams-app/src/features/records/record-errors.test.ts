import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../../../web-shared/src/index.ts';
import { problemFromResponse } from '../../../../web-shared/src/api/problem.ts';
import { centsOf, likelyDuplicatesOf, listOf, recordErrorsOf } from './record-errors.ts';

const duplicateBody = {
  type: 'https://suhde.invalid/problems/likely-duplicate', title: 'Conflict', status: 409, detail: 'This looks like an account you already have.',
  duplicates: [{ id: 'acc-1', name: 'Aalto Infra Oy', reasons: ['same domain aalto-infra.fi', 'similar name'] }, { id: 7, name: 'bad' }],
};

describe('record dialog errors', () => {
  it('reads the likely duplicates from the problem body, skipping malformed entries', async () => {
    const problem = await problemFromResponse(new Response(JSON.stringify(duplicateBody), { status: 409, headers: { 'content-type': 'application/problem+json' } }));
    expect(likelyDuplicatesOf(problem)).toEqual([{ id: 'acc-1', name: 'Aalto Infra Oy', reasons: ['same domain aalto-infra.fi', 'similar name'] }]);
  });

  it('is not a duplicate for another 409 or another error', () => {
    expect(likelyDuplicatesOf(new ApiProblem({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'address taken' }))).toBeNull();
    expect(likelyDuplicatesOf(new ApiProblem({ ...duplicateBody, status: 400 }))).toBeNull();
    expect(likelyDuplicatesOf(new Error('x'))).toBeNull();
  });

  it('puts a list item’s error on the list field', () => {
    const e = new ApiProblem({ type: 'about:blank', title: 'Invalid request', status: 400, detail: 'Check the fields.', errors: [{ field: 'emails.1', message: 'must be an email address' }] });
    expect(recordErrorsOf(e, ['name', 'emails'])).toEqual({ fields: { emails: 'must be an email address' }, general: null });
  });

  it('parses lists and euros as people type them', () => {
    expect(listOf(' a.fi, b.fi;\nc.fi ,')).toEqual(['a.fi', 'b.fi', 'c.fi']);
    expect(centsOf('12 500,50')).toBe(1_250_050);
    expect(centsOf('')).toBe(0);
    expect(centsOf('abc')).toBeNull();
  });
});
