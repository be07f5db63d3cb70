// Pairs judged "not a duplicate": stored in id order so a pair is one row whichever way round it was named.
import type { Selectable } from 'kysely';
import type { DuplicateDismissalTable } from './database.ts';
import type { DuplicateKind } from '../domain/duplicates.ts';
import type { TenantScope } from './scope.ts';
import { newId } from './ids.ts';

export interface DuplicateDismissal {
  id: string;
  kind: DuplicateKind;
  /** In id order. */
  ids: [string, string];
  dismissedBy: string;
  dismissedAt: number;
}

const ordered = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

/** The key listDuplicateSuggestions compares pairs by. */
export const dismissalKey = (a: string, b: string) => ordered(a, b).join('\n');

function fromRow(r: Selectable<DuplicateDismissalTable>): DuplicateDismissal {
  return { id: r.id, kind: r.kind as DuplicateKind, ids: [r.first_id, r.second_id], dismissedBy: r.dismissed_by, dismissedAt: Number(r.dismissed_at) };
}

export async function findDismissal(scope: TenantScope, kind: DuplicateKind, a: string, b: string): Promise<DuplicateDismissal | null> {
  const [first, second] = ordered(a, b);
  const r = await scope.db
    .selectFrom('duplicate_dismissals').selectAll()
    .where('tenant_id', '=', scope.tenantId).where('kind', '=', kind).where('first_id', '=', first).where('second_id', '=', second)
    .executeTakeFirst();
  return r ? fromRow(r) : null;
}

export async function getDismissal(scope: TenantScope, id: string): Promise<DuplicateDismissal | null> {
  const r = await scope.db.selectFrom('duplicate_dismissals').selectAll().where('tenant_id', '=', scope.tenantId).where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : null;
}

export async function insertDismissal(scope: TenantScope, kind: DuplicateKind, a: string, b: string, actorId: string, now: number): Promise<DuplicateDismissal> {
  const [first, second] = ordered(a, b);
  const id = newId(now);
  await scope.db
    .insertInto('duplicate_dismissals')
    .values({ tenant_id: scope.tenantId, id, kind, first_id: first, second_id: second, dismissed_by: actorId, dismissed_at: now })
    .execute();
  return { id, kind, ids: [first, second], dismissedBy: actorId, dismissedAt: now };
}

export async function deleteDismissal(scope: TenantScope, id: string): Promise<void> {
  await scope.db.deleteFrom('duplicate_dismissals').where('tenant_id', '=', scope.tenantId).where('id', '=', id).execute();
}

/** Every dismissed pair of a kind, as dismissalKey strings. */
export async function dismissedPairKeys(scope: TenantScope, kind: DuplicateKind): Promise<Set<string>> {
  const rows = await scope.db
    .selectFrom('duplicate_dismissals').select(['first_id', 'second_id'])
    .where('tenant_id', '=', scope.tenantId).where('kind', '=', kind)
    .execute();
  return new Set(rows.map((r) => `${r.first_id}\n${r.second_id}`));
}
