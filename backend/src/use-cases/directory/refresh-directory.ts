// Reads the tenant's directory from Microsoft Graph (its verified domains and every user's SMTP addresses) and
// replaces the stored copy, so what is internal is known rather than configured: colleagues at any of the
// organisation's domains and every alias of theirs are never captured as customers.
import { normalizeAddress, normalizeDomain } from '../../domain/addresses.ts';
import { replaceDirectory, type DirectorySnapshot } from '../../store/directory.ts';
import type { TenantScope } from '../../store/scope.ts';

/** What the refresh reads; the Graph client (graph/graph-client.ts) is one. */
export interface DirectorySource {
  verifiedDomains(): Promise<{ name: string; isDefault: boolean; isInitial: boolean }[]>;
  directoryUsers(options?: { pageSize?: number }): AsyncIterable<{
    id: string; userPrincipalName: string | null; mail: string | null; primarySmtp: string | null; secondarySmtp: string[];
  }[]>;
}

/** A refresh every day: aliases and domains change seldom, and the admin's own list covers the time between. */
export const DIRECTORY_REFRESH_MS = 24 * 3_600_000;

export async function refreshDirectory(scope: TenantScope, source: DirectorySource, now: number): Promise<DirectorySnapshot> {
  const domains = new Map<string, { domain: string; isDefault: boolean; isInitial: boolean }>();
  for (const d of await source.verifiedDomains()) {
    const domain = normalizeDomain(d.name);
    if (domain && !domains.has(domain)) domains.set(domain, { domain, isDefault: d.isDefault, isInitial: d.isInitial });
  }
  const addresses = new Map<string, string>();
  let users = 0;
  for await (const page of source.directoryUsers({ pageSize: 999 })) {
    for (const user of page) {
      users++;
      // The user principal name is a sign-in name, but mail to it reaches the user in Exchange Online, and it
      // sits at one of the organisation's domains either way.
      for (const raw of [user.primarySmtp, user.mail, ...user.secondarySmtp, user.userPrincipalName]) {
        const address = normalizeAddress(raw);
        // An address two users claim (it should not happen) stays with the first.
        if (address && !addresses.has(address)) addresses.set(address, user.id);
      }
    }
  }
  const snapshot: DirectorySnapshot = {
    domains: [...domains.values()],
    addresses: [...addresses].map(([address, objectId]) => ({ address, objectId })),
    users,
  };
  await replaceDirectory(scope, snapshot, now);
  return snapshot;
}
