// What the tenant's settings must hold beyond each field's shape: rules across fields, each refusal named by
// the field it belongs to so the settings page shows it there.
import type { FieldError } from './errors.ts';
import { isPublicMailboxDomain } from './public-mailbox-domain.ts';

export function settingsProblems(s: { internalDomains: readonly string[]; blockedDomains: readonly string[] }): FieldError[] {
  const out: FieldError[] = [];
  const blocked = new Set(s.blockedDomains);
  s.internalDomains.forEach((d, i) => {
    // Every sender at gmail.com would become a colleague and their mail would never be captured.
    if (isPublicMailboxDomain(d)) out.push({ field: `internalDomains.${i}`, message: `${d} is a public mailbox provider, not your organisation’s domain` });
    else if (blocked.has(d)) out.push({ field: `internalDomains.${i}`, message: `${d} is also a blocked domain: a domain is either yours or blocked` });
  });
  return out;
}
