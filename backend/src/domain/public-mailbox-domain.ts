// Public mailbox providers: domains whose mailboxes belong to unrelated people (webmail, ISP and portal
// mailboxes, disposable inboxes), so sharing one says nothing about a shared employer.
import providers from 'email-providers/all.json' with { type: 'json' };

/**
 * Domains goware's list (npm email-providers) lacks, each decided against the shared test data:
 * - suomi24.fi: an agreed public case of the test vectors that goware misses.
 * - From the vectors' `disputed` list, consumer mailboxes whose only fault is missing from some source:
 *   gmx.ch, mail.de, posteo.de, tutanota.com (free or paid personal webmail), kolumbus.fi, ocn.ne.jp (ISP
 *   mailboxes), azet.sk (portal webmail), aol.de, aol.jp (AOL's regional domains).
 * - Finnish consumer ISP and webmail domains of the same kind as kolumbus.fi, because Suhde's users are
 *   Finnish and a private person's mail there must not read as a company's: elisanet.fi, saunalahti.fi,
 *   pp.inet.fi, welho.com, netti.fi, dnainternet.net, and Microsoft's Finnish hotmail.fi and live.fi.
 */
const SUPPLEMENT = [
  'suomi24.fi',
  'gmx.ch', 'mail.de', 'posteo.de', 'tutanota.com', 'kolumbus.fi', 'ocn.ne.jp', 'azet.sk', 'aol.de', 'aol.jp',
  'elisanet.fi', 'saunalahti.fi', 'pp.inet.fi', 'welho.com', 'netti.fi', 'dnainternet.net', 'hotmail.fi', 'live.fi',
];

/**
 * Company domains goware lists that the disputed vectors identify as one organisation's own (its people are
 * colleagues of one another, and a customer there must be matchable by domain). The reserved example.com and
 * test.com stay public as goware has them: no real customer mails from them, and treating them as public keeps
 * a bogus "Example" account from being suggested.
 */
const NOT_PUBLIC = ['alibaba.com', 'medscape.com', 'oath.com', 'ancestry.com'];

const PUBLIC = new Set<string>([...(providers as string[]), ...SUPPLEMENT].map((d) => d.toLowerCase()));
for (const d of NOT_PUBLIC) PUBLIC.delete(d);

/**
 * Exact, case-insensitive match of the whole host, as every source list means it: a subdomain of a
 * provider is not assumed to be one of its mailboxes, and a tenant host like contoso.onmicrosoft.com is not
 * "onmicrosoft.com". (The matcher additionally refuses to match a provider's registrable domain to an account.)
 */
export function isPublicMailboxDomain(domain: string | null | undefined): boolean {
  if (!domain) return false;
  const d = domain.trim().toLowerCase();
  return PUBLIC.has(d.endsWith('.') ? d.slice(0, -1) : d);
}
