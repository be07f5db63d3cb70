// Which of these addresses belong to an erased person: asked by the sync's planning, the log path and contact
// creation, so none of them brings an erased person back.
import { normalizeAddress } from '../../domain/addresses.ts';
import { suppressionKey } from '../../domain/erasure.ts';
import { conflict } from '../../domain/errors.ts';
import { existingPrivacySecret, suppressedAmong } from '../../store/privacy.ts';
import type { TenantScope } from '../../store/scope.ts';

/** The canonical forms of the suppressed addresses among these. */
export async function suppressedAddresses(scope: TenantScope, addresses: readonly string[]): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const secret = await existingPrivacySecret(scope);
  if (!secret) return new Set();
  const byKey = new Map<string, string>();
  for (const a of addresses) byKey.set(suppressionKey(secret, a), normalizeAddress(a) ?? a.trim().toLowerCase());
  const hits = await suppressedAmong(scope, [...byKey.keys()]);
  return new Set([...hits].map((k) => byKey.get(k)!));
}

/** Refuses to make a contact (or give one an address) of an erased person. The address is not echoed back. */
export async function requireNotSuppressed(scope: TenantScope, emails: readonly string[]): Promise<void> {
  const hit = await suppressedAddresses(scope, emails);
  if (hit.size === 0) return;
  throw conflict(
    'This person’s data was erased at their request, so they cannot be added again. An admin can tell you more.',
    [...hit].map(() => ({ field: 'emails', message: 'the address belongs to an erased person' })),
  );
}
