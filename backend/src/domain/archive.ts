// Archiving sets a record aside without losing it: it leaves lists, Today, care and counts, keeps its history
// and still opens by its id. An archived record is read-only until restored, so nobody edits something the rest
// of the team no longer sees.
import { conflict } from './errors.ts';

export type ArchivableKind = 'account' | 'contact' | 'opportunity';

export function requireNotArchived(kind: ArchivableKind, record: { archivedAt?: number | null }): void {
  if (record.archivedAt != null) throw conflict(`This ${kind} is archived. Restore it before changing it.`);
}

/** Which records a list shows: the live ones (the default), archived ones too ("Show archived"), or only those. */
export type ArchivedFilter = 'exclude' | 'include' | 'only';
