// The registrable domain (eTLD+1) of a host by the full Public Suffix List, ICANN and private sections.
import { getDomain } from 'tldts';

/**
 * "mail.eu.asiakas.co.uk" -> "asiakas.co.uk"; null for a public suffix itself ("co.uk", "github.io"), an IP
 * address, a leading dot or no input. The private section counts (allowPrivateDomains): two blogs on
 * blogspot.com or two apps on github.io are different owners, exactly like two companies under co.uk.
 * IDN stays in the form it was given (Unicode in, Unicode out), as the PSL's own tests expect.
 *
 * Hosts under a TLD the list lacks follow the PSL's implicit "*" rule: "corp.local" -> "corp.local". The
 * upstream test cases that expect null for ".local" are disabled upstream too, and we keep tldts's answer.
 */
export function registrableDomain(host: string | null | undefined): string | null {
  if (!host || host.startsWith('.')) return null;
  return getDomain(host.toLowerCase(), { allowPrivateDomains: true, extractHostname: false }) ?? null;
}
