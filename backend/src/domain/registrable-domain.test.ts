import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registrableDomain } from './registrable-domain.ts';
import { organizationDomain } from './organization-domain.ts';

const psl = JSON.parse(readFileSync(new URL('../../../test/vectors/psl_registrable_domain_cases.json', import.meta.url), 'utf8')) as {
  cases: { input: string | null; expectedRegistrableDomain: string | null }[];
};

describe('registrableDomain (Public Suffix List test vectors)', () => {
  it('has the vectors', () => expect(psl.cases.length).toBeGreaterThan(70));
  it.each(psl.cases.map((c) => [c.input, c.expectedRegistrableDomain]))('%s -> %s', (input, expected) => {
    expect(registrableDomain(input)).toBe(expected);
  });
  it('follows the implicit "*" rule for the cases disabled upstream (.local), as documented in registrableDomain', () => {
    expect(registrableDomain('example.local')).toBe('example.local');
    expect(registrableDomain('a.b.example.local')).toBe('example.local');
  });
  it('maps a customer’s mail subdomains to its registrable domain', () => {
    expect(registrableDomain('mail.kivimaki-logistics.fi')).toBe('kivimaki-logistics.fi');
    expect(registrableDomain('eu.mx.example.co.uk')).toBe('example.co.uk');
  });
  it('keeps each Microsoft 365 tenant host its own organisation', () => {
    expect(organizationDomain('x.contoso.onmicrosoft.com')).toBe('contoso.onmicrosoft.com');
    expect(organizationDomain('contoso.mail.onmicrosoft.com')).toBe('contoso.onmicrosoft.com');
    expect(organizationDomain('onmicrosoft.com')).toBeNull();
  });
});
