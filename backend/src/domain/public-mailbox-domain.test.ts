import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPublicMailboxDomain } from './public-mailbox-domain.ts';
import { isAutomatedAddress } from './automated-address.ts';

const providers = JSON.parse(readFileSync(new URL('../../../test/vectors/public_email_provider_domains.json', import.meta.url), 'utf8')) as {
  cases: { domain: string; isPublicProvider: boolean }[];
};

describe('isPublicMailboxDomain (provider test vectors)', () => {
  it('has the vectors', () => expect(providers.cases.length).toBeGreaterThan(50));
  it.each(providers.cases.map((c) => [c.domain, c.isPublicProvider]))('%s -> %s', (domain, expected) => {
    expect(isPublicMailboxDomain(domain as string)).toBe(expected);
    expect(isPublicMailboxDomain((domain as string).toUpperCase())).toBe(expected);
  });
  it('decides the disputed Finnish ISP mailbox and company domains', () => {
    expect(isPublicMailboxDomain('kolumbus.fi')).toBe(true);
    expect(isPublicMailboxDomain('suomi24.fi')).toBe(true);
    expect(isPublicMailboxDomain('stanford.edu')).toBe(false);
    expect(isPublicMailboxDomain('alibaba.com')).toBe(false);
  });
  it('matches the whole host only', () => expect(isPublicMailboxDomain('mail.gmail.com')).toBe(false));
});

describe('isAutomatedAddress', () => {
  it.each(['no-reply@x.fi', 'noreply@x.fi', 'do-not-reply@x.fi', 'donotreply@x.fi', 'MAILER-DAEMON@x.fi', 'postmaster@x.fi', 'bounces+123@x.fi', 'notifications@x.fi', 'newsletter@x.fi', 'noreply.invoices@x.fi', 'ala-vastaa@x.fi'])('flags %s', (a) => {
    expect(isAutomatedAddress(a)).toBe(true);
  });
  it.each(['info@x.fi', 'sales@x.fi', 'support@x.fi', 'liisa@x.fi', 'newsroom.editor@x.fi', 'marketta@x.fi', 'asiakaspalvelu@x.fi'])('keeps %s as a person or a shared mailbox', (a) => {
    expect(isAutomatedAddress(a)).toBe(false);
  });
});
