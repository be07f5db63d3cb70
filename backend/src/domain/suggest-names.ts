// Names offered when a user creates a contact or an account from an address nobody knows yet.
import { domainToUnicode } from 'node:url';

// What may follow a comma without the part before it being a surname ("Joe Foo, PhD").
const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'mba', 'msc', 'bsc', 'ma', 'ba', 'esq', 'cpa', 'dds']);

const capitalize = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/**
 * A person's name for a new contact. From the display name: surrounding quotes go (double, or single as some
 * Outlook versions write 'Name'), so does a trailing "(Company)" or "[External]"; "Last, First" is turned
 * around ("Virtanen, Matti" -> "Matti Virtanen") unless the part after the comma is a suffix ("Joe Foo, PhD").
 * "First Last" stays as written, case included: people spell their own names as they like. Without a usable
 * display name (none, or the address again) it comes from the local part without its +tag:
 * "liisa.ostaja+tilaukset@x.fi" -> "Liisa Ostaja".
 */
export function suggestContactName(displayName: string | null | undefined, address: string): string {
  let n = (displayName ?? '').trim();
  for (let m = /^(["'])(.*)\1$/s.exec(n); m; m = /^(["'])(.*)\1$/s.exec(n)) n = m[2]!.trim();
  n = n.replace(/\s*(\([^()]*\)|\[[^[\]]*\])$/, '').replace(/\s+/g, ' ').trim();
  if (!n || n.includes('@')) {
    const local = address.slice(0, Math.max(0, address.lastIndexOf('@'))).split('+')[0]!.replace(/"/g, '');
    return local.split(/[._-]+/).filter(Boolean).map(capitalize).join(' ') || address;
  }
  const comma = /^([^,]+),\s*([^,]+)$/.exec(n);
  if (comma && !NAME_SUFFIXES.has(comma[2]!.toLowerCase().replace(/\./g, ''))) return `${comma[2]} ${comma[1]}`;
  return n;
}

/**
 * A company name for a new account from its organisation domain: the label before the suffix, words split at
 * hyphens. "acme-industries.fi" -> "Acme Industries", "contoso.onmicrosoft.com" -> "Contoso". Only a
 * suggestion: the user sees it before the account is created.
 */
export function suggestAccountName(domain: string): string {
  let label = domain.split('.')[0] ?? domain;
  if (label.startsWith('xn--')) label = domainToUnicode(label) || label;
  return label.split(/[-_]+/).filter(Boolean).map(capitalize).join(' ') || domain;
}
