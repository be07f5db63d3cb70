import { describe, expect, it } from 'vitest';
import { readLogIntent } from './log-intent.ts';

const read = (intent: unknown) => readLogIntent({ suhdeLogIntent: JSON.stringify(intent) });

describe('readLogIntent', () => {
  it('reads what the compose pane saves', () => {
    expect(read({ note: ' Tarjous lähetetty ', visibility: 'shared', accountIds: ['a1', 'a2'], opportunityId: null })).toEqual({
      intent: { note: 'Tarjous lähetetty', visibility: 'shared', accountIds: ['a1', 'a2'], opportunityId: null }, refused: [],
    });
  });

  it('is null without the property, and a problem when it is not a JSON object', () => {
    expect(readLogIntent({ otherProperty: 'x' })).toBeNull();
    expect(readLogIntent({ suhdeLogIntent: '{oops' })).toEqual({ intent: null, problem: 'suhdeLogIntent is not JSON' });
    expect(readLogIntent({ suhdeLogIntent: 7 })).toEqual({ intent: null, problem: 'suhdeLogIntent is not a string' });
    expect(readLogIntent({ suhdeLogIntent: '"shared"' })).toEqual({ intent: null, problem: 'suhdeLogIntent is not a JSON object' });
  });

  it('leaves out each field the API would not take, and keeps the rest', () => {
    expect(read({ note: 'x'.repeat(10_001), visibility: 'everyone', accountIds: ['a1', 5, 'a1', ''], opportunityId: { id: 1 } })).toEqual({
      intent: { note: null, visibility: null, accountIds: ['a1'], opportunityId: null }, refused: ['note', 'visibility', 'accountIds', 'opportunityId'],
    });
    expect(read({ accountIds: Array.from({ length: 21 }, (_, i) => `a${i}`) })).toMatchObject({ intent: { accountIds: [] }, refused: ['accountIds'] });
    expect(read({ note: '   ' })).toEqual({ intent: { note: null, visibility: null, accountIds: [], opportunityId: null }, refused: [] });
  });
});
