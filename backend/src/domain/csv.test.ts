import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('csv', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const s of ['=1+1', '+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(s)).toBe(`"'${s}"`);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-5)).toBe(`"'-5"`);
  });

  it('quotes separators and leaves plain cells alone', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('Äijä')).toBe('Äijä');
    expect(csvCell(null)).toBe('');
    expect(toCsv([{ a: 'x' }], [{ header: 'A', value: (r) => r.a }])).toBe('A\r\nx\r\n');
  });
});
