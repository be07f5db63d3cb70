// The domain that stands for one organisation when addresses are matched to accounts.
import { registrableDomain } from './registrable-domain.ts';

// Microsoft 365 gives every tenant a host under onmicrosoft.com (contoso.onmicrosoft.com) and a hybrid-routing
// twin under mail.onmicrosoft.com. The Public Suffix List does not list either, so by the PSL alone every
// tenant shares the registrable domain "onmicrosoft.com" and all their senders would match one account.
// For these hosts the tenant label decides. This is a rule about organisations, not an edit of the PSL:
// registrableDomain stays exactly the list's answer.
const TENANT_PARENTS = ['mail.onmicrosoft.com', 'onmicrosoft.com'];

/**
 * The registrable domain, except that a Microsoft 365 tenant host stands for its own tenant:
 * "x.contoso.onmicrosoft.com" and "contoso.mail.onmicrosoft.com" -> "contoso.onmicrosoft.com";
 * "onmicrosoft.com" itself names no organisation (null).
 */
export function organizationDomain(host: string | null | undefined): string | null {
  if (!host) return null;
  const h = host.toLowerCase();
  for (const parent of TENANT_PARENTS) {
    if (h === parent) return null;
    if (h.endsWith(`.${parent}`)) return `${h.slice(0, -parent.length - 1).split('.').pop()}.onmicrosoft.com`;
  }
  return registrableDomain(h);
}
