import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { companyNameFromDomain, isAutomatedAddress, isPublicMailboxDomain, normalizeAddress, parseMailbox, personName, registrableDomain } from './addresses.ts';

const testdata = (name: string) => JSON.parse(readFileSync(new URL(`../../../../shared/testdata/${name}`, import.meta.url), 'utf8'));

describe('registrableDomain (Public Suffix List test vectors)', () => {
  const psl = testdata('psl_registrable_domain_cases.json') as { cases: { input: string | null; expectedRegistrableDomain: string | null }[] };
  it('has the vectors', () => expect(psl.cases.length).toBeGreaterThan(70));
  it.each(psl.cases.map((c) => [c.input, c.expectedRegistrableDomain]))('%s -> %s', (input, expected) => {
    expect(registrableDomain(input)).toBe(expected);
  });
  it('maps mail subdomains of a customer to its registrable domain', () => {
    expect(registrableDomain('mail.kivimaki-logistics.fi')).toBe('kivimaki-logistics.fi');
    expect(registrableDomain('eu.mx.example.co.uk')).toBe('example.co.uk');
  });
});

describe('isPublicMailboxDomain (provider test vectors)', () => {
  const providers = testdata('public_email_provider_domains.json') as { cases: { domain: string; isPublicProvider: boolean }[] };
  it.each(providers.cases.map((c) => [c.domain, c.isPublicProvider]))('%s -> %s', (domain, expected) => {
    expect(isPublicMailboxDomain(domain as string)).toBe(expected);
    expect(isPublicMailboxDomain((domain as string).toUpperCase())).toBe(expected);
  });
  it('decides the disputed Finnish ISP mailbox and company domains', () => {
    expect(isPublicMailboxDomain('kolumbus.fi')).toBe(true); // a Finnish ISP mailbox: unrelated people
    expect(isPublicMailboxDomain('stanford.edu')).toBe(false); // one institution: colleagues
    expect(isPublicMailboxDomain('telekom.de')).toBe(false);
  });
  it('matches the whole host only', () => expect(isPublicMailboxDomain('mail.gmail.com')).toBe(false));
});

describe('normalizeAddress', () => {
  it('lower-cases and strips brackets and mailto:', () => {
    expect(normalizeAddress('  <Liisa.Ostaja@Kivimaki.FI> ')).toBe('liisa.ostaja@kivimaki.fi');
    expect(normalizeAddress('mailto:A@B.fi')).toBe('a@b.fi');
  });
  it('keeps dots and +tags: an alias is its own routing address', () => {
    expect(normalizeAddress('some.name+offers@gmail.com')).toBe('some.name+offers@gmail.com');
  });
  it('refuses what is not an address', () => {
    for (const bad of ['', 'no-at-sign', '@domain.fi', 'user@', 'a b@c.fi', null]) expect(normalizeAddress(bad)).toBeNull();
  });
});

describe('parseMailbox and names', () => {
  const cases = testdata('email_normalisation_and_message_id_cases.json').groups.find((g: { name: string }) => g.name === 'nodemailer addressparser').cases as {
    input: string; options: unknown; expected: { address?: string; name: string; group?: unknown }[];
  }[];
  const single = cases.filter((c) => c.options === null && c.expected.length === 1 && c.expected[0]!.address && !c.expected[0]!.group && !c.input.includes('[') && c.input.split('<').length === 2 && c.input.split('>').length === 2 && /^\s*("[^"]*"|[^",<]*)\s*<[^>]+>\s*$|^[^\s<>",]+@[^\s<>",]+$/.test(c.input));
  // Left out on purpose: address literals (user@[IPv6:...]), which normalizeAddress refuses since no customer
  // domain follows from an IP address; and stray '<' '>' in a display name, where nodemailer's tokenizer has quirks.
  it('parses the simple one-mailbox nodemailer cases alike', () => {
    expect(single.length).toBeGreaterThan(5);
    for (const c of single) {
      const got = parseMailbox(c.input);
      expect(got.address, c.input).toBe(c.expected[0]!.address!.toLowerCase());
      expect(got.name ?? '', c.input).toBe(c.expected[0]!.name);
    }
  });
  it('turns "Last, First" around and derives a name from the address', () => {
    expect(personName('Virtanen, Matti', 'matti.virtanen@x.fi')).toBe('Matti Virtanen');
    expect(personName(null, 'liisa.ostaja@x.fi')).toBe('Liisa Ostaja');
    expect(personName('"Pekka Uusi"', 'p@x.fi')).toBe('Pekka Uusi');
  });
  it('guesses a company name from a domain', () => expect(companyNameFromDomain('acme-industries.fi')).toBe('Acme Industries'));
});

describe('isAutomatedAddress', () => {
  it.each(['no-reply@x.fi', 'noreply@x.fi', 'do-not-reply@x.fi', 'donotreply@x.fi', 'MAILER-DAEMON@x.fi', 'postmaster@x.fi', 'bounces+123@x.fi', 'notifications@x.fi', 'newsletter@x.fi', 'noreply.invoices@x.fi'])('flags %s', (a) => {
    expect(isAutomatedAddress(a)).toBe(true);
  });
  it.each(['info@x.fi', 'sales@x.fi', 'support@x.fi', 'liisa@x.fi', 'newsroom.editor@x.fi', 'marketta@x.fi'])('keeps %s as a person or a shared mailbox', (a) => {
    expect(isAutomatedAddress(a)).toBe(false);
  });
});
