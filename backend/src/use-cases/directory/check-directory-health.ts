// The directory health view for admins: when the directory was last read, its verified domains, and the
// domains whose stored "customer" mail looks like colleagues' (see domain/directory-health.ts).
import { internalTest, suspiciousDomains, type SuspiciousDomain } from '../../domain/directory-health.ts';
import type { TenantSettings } from '../../domain/types.ts';
import {
  externalParticipantsOfInteractionsNaming, getDirectoryState, organisationAddresses, storedExternalParticipants, type DirectoryState,
} from '../../store/directory.ts';
import type { TenantScope } from '../../store/scope.ts';

export interface DirectoryHealth extends DirectoryState {
  /** The admin's own additions (settings.internalDomains), matched on top of the verified domains. */
  adminDomains: string[];
  suspicious: SuspiciousDomain[];
}

export async function checkDirectoryHealth(scope: TenantScope, settings: TenantSettings): Promise<DirectoryHealth> {
  const [state, participants, own] = await Promise.all([getDirectoryState(scope), storedExternalParticipants(scope), organisationAddresses(scope)]);
  const known = { internalDomains: [...state.domains.map((d) => d.domain), ...settings.internalDomains], organisationAddresses: own };
  // Only interactions naming an address that is internal now can look internal: those are re-checked whole.
  const isInternal = internalTest(known);
  const candidates = await externalParticipantsOfInteractionsNaming(scope, participants.map((p) => p.address).filter(isInternal));
  return { ...state, adminDomains: settings.internalDomains, suspicious: suspiciousDomains({ ...known, participants, candidates }) };
}
