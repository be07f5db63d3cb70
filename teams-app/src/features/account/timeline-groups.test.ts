// The readable timeline's wording: runs of items the viewer may not open become one line with plural forms, the
// people most on them and a date range, in English and Finnish; notes are titled by their first line.
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../../web-shared/src/index.ts';
import messages from '../../i18n/messages.ts';
import { dateRange, firstLine, groupSummary, groupTimeline, itemTitle, noteBelowTitle } from './timeline-groups.ts';

const en = createI18n('en-US', [messages]);
const fi = createI18n('fi-FI', [messages]);
const NOW = Date.UTC(2026, 11, 6, 12);
const day = (m: number, d: number) => Date.UTC(2026, m - 1, d, 10);
const sofia = { address: 'sofia.lindqvist@suhde-demo.fi', displayName: 'Sofia Lindqvist' };
const aino = { address: 'aino.saarinen@asiakas.fi', displayName: 'Aino Saarinen' };
// ICU puts thin spaces around the range's dash; compare with plain ones.
const plain = (s: string) => s.replace(/\u2009/g, ' ');
const item = (id: string, kind: string, at: number, redacted: boolean, participants: { address: string; displayName: string | null }[] = [sofia, aino]) =>
  ({ id, kind, occurredAt: at, redacted, subject: redacted ? null : `S ${id}`, note: null, participants });

describe('groupTimeline', () => {
  it('collapses each run of redacted items, keeping order, and leaves readable ones alone', () => {
    const rows = groupTimeline([item('a', 'email', 5, false), item('b', 'email', 4, true), item('c', 'email', 3, true), item('d', 'call', 2, false), item('e', 'email', 1, true)]);
    expect(rows.map((r) => (r.type === 'item' ? r.item.id : r.items.map((i) => i.id).join('+')))).toEqual(['a', 'b+c', 'd', 'e']);
  });
});

describe('groupSummary', () => {
  const six = Array.from({ length: 6 }, (_, k) => item(`m${k}`, 'email', day(10, 2 + k * 2 + (k === 5 ? 2 : 0)), true));
  it('says how many, between whom and when, in English', () => {
    expect(plain(groupSummary(six, en, NOW))).toBe('6 emails between Aino Saarinen and Sofia Lindqvist, Oct 2 – 14');
  });
  it('in Finnish, with Finnish plural forms and date range', () => {
    expect(groupSummary(six, fi, NOW)).toBe('6 sähköpostia: Aino Saarinen ja Sofia Lindqvist, 2.–14.10.');
    expect(groupSummary([item('x', 'meeting', day(9, 30), true)], fi, NOW)).toBe('1 kokous: Aino Saarinen ja Sofia Lindqvist, 30.9.');
  });
  it('counts mixed kinds and names at most two people', () => {
    const mixed = [item('a', 'email', day(9, 28), true), item('b', 'meeting', day(10, 3), true, [sofia, aino, { address: 'x@a.fi', displayName: 'Xena' }, { address: 'y@a.fi', displayName: null }])];
    expect(plain(groupSummary(mixed, en, NOW))).toBe('1 email and 1 meeting between Aino Saarinen, Sofia Lindqvist, and 2 others, Sep 28 – Oct 3');
  });
  it('shows the year only for another year', () => {
    expect(dateRange(Date.UTC(2025, 11, 30, 10), Date.UTC(2026, 0, 2, 10), 'en-US', NOW)).toMatch(/2025.*2026/);
  });
});

describe('titles', () => {
  it('titles a note or call by its first non-empty line, and shows the rest below', () => {
    const note = { subject: null, note: '\n  Agreed the pilot scope  \nThree sites, start in March' };
    expect(itemTitle(note)).toBe('Agreed the pilot scope');
    expect(noteBelowTitle(note)).toBe('Three sites, start in March');
    expect(noteBelowTitle({ subject: null, note: 'One line only' })).toBeNull();
    expect(itemTitle({ subject: 'Call with Pekka', note: 'x' })).toBe('Call with Pekka');
    expect(firstLine('a'.repeat(200))!.length).toBe(120);
    expect(itemTitle({ subject: null, note: null })).toBeNull();
  });
});
