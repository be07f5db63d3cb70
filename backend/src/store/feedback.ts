import type { Feedback, FeedbackKind } from '../domain/types.ts';
import { chunks, type TenantScope } from './scope.ts';
import { newId } from './ids.ts';
import { bumpDataVersion } from './rollups.ts';
import { notFound } from '../domain/errors.ts';

export async function addFeedback(
  scope: TenantScope,
  input: { accountId: string; contactId: string | null; kind: FeedbackKind; score: number; comment: string | null; givenAt: number },
  actorId: string | null,
  now: number,
): Promise<Feedback> {
  const account = await scope.db.selectFrom('accounts').select('id').where('tenant_id', '=', scope.tenantId).where('id', '=', input.accountId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!account) throw notFound('account');
  if (input.contactId) {
    const contact = await scope.db.selectFrom('contacts').select('id').where('tenant_id', '=', scope.tenantId).where('id', '=', input.contactId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!contact) throw notFound('contact');
  }
  const id = newId(now);
  await scope.db
    .insertInto('feedback')
    .values({ tenant_id: scope.tenantId, id, account_id: input.accountId, contact_id: input.contactId, kind: input.kind, score: input.score, comment: input.comment, given_at: input.givenAt, created_by: actorId, created_at: now })
    .execute();
  await bumpDataVersion(scope);
  return { id, tenantId: scope.tenantId, ...input };
}

export async function listFeedback(scope: TenantScope, accountId: string): Promise<Feedback[]> {
  const rows = await scope.db
    .selectFrom('feedback')
    .selectAll()
    .where('tenant_id', '=', scope.tenantId)
    .where('account_id', '=', accountId)
    .orderBy('given_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id, tenantId: r.tenant_id, accountId: r.account_id, contactId: r.contact_id, kind: r.kind as FeedbackKind,
    score: r.score, comment: r.comment, givenAt: r.given_at,
  }));
}

export async function insertFeedback(scope: TenantScope, list: Feedback[], now: number): Promise<void> {
  for (const part of chunks(list, 1000)) {
    await scope.db
      .insertInto('feedback')
      .values(part.map((f) => ({ tenant_id: scope.tenantId, id: f.id, account_id: f.accountId, contact_id: f.contactId, kind: f.kind, score: f.score, comment: f.comment, given_at: f.givenAt, created_by: null, created_at: now })))
      .execute();
  }
}
