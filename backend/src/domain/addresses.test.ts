import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { domainOf, normalizeAddress, normalizeDomain } from './addresses.ts';

type Group = { name: string; cases: { input: unknown; options?: unknown; expected: unknown; note?: string }[] };
const groups = JSON.parse(readFileSync(new URL('../../../test/vectors/email_normalisation_and_message_id_cases.json', import.meta.url), 'utf8')).groups as Group[];
const group = (name: string) => groups.find((g) => g.name === name)!.cases;

describe('normalizeAddress', () => {
  it('trims, strips <> and mailto:, lower-cases the whole address', () => {
    expect(normalizeAddress('  <Liisa.Ostaja@Kivimaki.FI> ')).toBe('liisa.ostaja@kivimaki.fi');
    expect(normalizeAddress('mailto:A@B.fi')).toBe('a@b.fi');
    expect(normalizeAddress('MAILTO:<a@b.fi>')).toBe('a@b.fi');
    expect(normalizeAddress('mailto:liisa@b.fi?subject=Tarjous')).toBe('liisa@b.fi');
    expect(normalizeAddress('a@b.fi.')).toBe('a@b.fi');
  });

  it('keeps dots and +tags: an alias is a routing address of its own', () => {
    expect(normalizeAddress('Some.Name+offers@gmail.com')).toBe('some.name+offers@gmail.com');
    expect(normalizeAddress('liisa+tilaukset@asiakas.fi')).not.toBe(normalizeAddress('liisa@asiakas.fi'));
  });

  it('accepts quoted local parts and takes the domain after the last @', () => {
    expect(normalizeAddress('"user@attacker.com"@legitimate.com')).toBe('"user@attacker.com"@legitimate.com');
    expect(domainOf(normalizeAddress('"evil@attacker.com more stuff"@Legitimate.com')!)).toBe('legitimate.com');
  });

  it('writes IDN domains in one form, whether given as Unicode or punycode', () => {
    expect(normalizeAddress('User@XN--MNCHEN-3YA.de')).toBe('user@münchen.de');
    expect(normalizeAddress('user@München.de')).toBe('user@münchen.de');
    // nodemailer writes the same mailbox as punycode when the local part is ASCII: one canonical address either way.
    const [ascii] = group('nodemailer address header encoding (IDN)').map((c) => /<([^>]+)>/.exec(c.expected as string)![1]!);
    expect(normalizeAddress(ascii)).toBe(normalizeAddress((group('nodemailer address header encoding (IDN)')[0]!.input as { address: string }).address));
  });

  it('refuses what is not an address', () => {
    for (const bad of [null, undefined, '', '   ', 'no-at-sign', '@domain.fi', 'user@', 'a b@c.fi', 'a@b@c.fi', 'user@[192.168.1.1]', 'user@192.168.1.1', 'user@exa mple.fi', 'user@a..b.fi', '<>']) {
      expect(normalizeAddress(bad), String(bad)).toBeNull();
    }
  });

  // validator.js folds Gmail dots, strips +tags and maps provider aliases by default; we decided not to (see
  // normalizeAddress). So every case must come out as the input lower-cased, or null where validator.js rejects
  // it. Where validator.js only lower-cases, that is exactly its answer.
  it('follows the validator.js cases except where they fold addresses (all 98)', () => {
    const cases = group('validator.js normalizeEmail') as { input: string; expected: string | null }[];
    expect(cases).toHaveLength(98);
    let agreed = 0;
    for (const c of cases) {
      const ours = normalizeAddress(c.input);
      expect(ours, c.input).toBe(c.expected === null ? null : c.input.toLowerCase());
      if (ours === c.expected) agreed++;
    }
    expect(agreed).toBeGreaterThan(30);
  });
});

describe('normalizeDomain', () => {
  it('lower-cases, drops the root dot, and maps full-width and punycode forms to one Unicode form', () => {
    expect(normalizeDomain(' Asiakas.FI. ')).toBe('asiakas.fi');
    expect(normalizeDomain('ＡＢＣ.com')).toBe('abc.com');
    expect(normalizeDomain('xn--jgeva-dua.ee')).toBe('jõgeva.ee');
    expect(normalizeDomain('Jõgeva.EE')).toBe('jõgeva.ee');
  });
  it('refuses non-hosts', () => {
    for (const bad of [null, '', '.', '[1.2.3.4]', '10.0.0.1', 'a..b', 'exa mple.fi', 'xn--zz.com', 'a'.repeat(64) + '.fi']) expect(normalizeDomain(bad), String(bad)).toBeNull();
  });
});
