import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

const one = (value: string | number | null) => toCsv([{ value }], [{ header: 'h', value: (r) => r.value }]).split('\r\n')[1];

describe('CSV cells (OWASP CSV injection)', () => {
  it.each([
    ['=1+1', `"'=1+1"`],
    ['+1+1', `"'+1+1"`],
    ['-1+1', `"'-1+1"`],
    [`-2+3+cmd|' /C calc'!A0`, `"'-2+3+cmd|' /C calc'!A0"`],
    ['@SUM(A1:A2)', `"'@SUM(A1:A2)"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
  ])('neutralises %j', (input, expected) => {
    expect(one(input)).toBe(expected);
  });

  it('prefixes negative numbers too, as OWASP advises', () => {
    expect(one(-5)).toBe(`"'-5"`);
    expect(one('-5')).toBe(`"'-5"`);
  });

  it('leaves ordinary values as they are, quoting only where RFC 4180 needs it', () => {
    expect(one('Acme Oy')).toBe('Acme Oy');
    expect(one(42)).toBe('42');
    expect(one('a,b')).toBe('"a,b"');
    expect(one('say "hi"')).toBe('"say ""hi"""');
    expect(one('a=b')).toBe('a=b');
    expect(one(null)).toBe('');
  });
});
