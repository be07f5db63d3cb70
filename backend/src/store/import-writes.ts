// The writes of one import batch, in the caller's transaction: many rows per statement for what is created, one
// statement per updated record, and an audit entry for each record (source: import, with the import's id).
import type { AccountWrite, ContactWrite, OpportunityWrite } from '../domain/import-plan.ts';
import type { ImportKind } from '../domain/import-mapping.ts';
import { OPEN_STAGES, type TenantSettings } from '../domain/types.ts';
import { probabilityFor } from '../domain/opportunity-value.ts';
import { chunks, type TenantScope } from './scope.ts';
import { newId } from './ids.ts';
import { bumpDataVersion } from './rollups.ts';
import { touchSearch } from './search-index.ts';

export interface Written<W> { id: string; write: W; fields: string[]; merged: boolean }

interface Ctx { actorId: string; importId: string; now: number }

async function audit(tx: TenantScope, ctx: Ctx, entity: 'account' | 'contact' | 'opportunity', rows: { id: string; action: 'create' | 'update'; fields: string[]; merged: boolean }[]): Promise<void> {
  for (const part of chunks(rows, 500)) {
    await tx.db.insertInto('audit_log').values(part.map((r) => ({
      tenant_id: tx.tenantId, id: newId(ctx.now), at: ctx.now, actor_id: ctx.actorId, action: `${entity}.${r.action}`, entity_type: entity, entity_id: r.id,
      detail: JSON.stringify({ source: 'import', importId: ctx.importId, ...(r.action === 'update' ? { fields: r.fields, merged: r.merged } : {}) }),
    }))).execute();
  }
  // Written past store/audit.ts (many rows per statement), so what writeAudit does for every audited write is done
  // here: the dashboards computed before this batch are stale once it commits.
  if (rows.length) await bumpDataVersion(tx);
}

async function replaceDomains(tx: TenantScope, items: { id: string; domains: string[] }[], replace: boolean): Promise<void> {
  if (replace) for (const part of chunks(items.map((i) => i.id), 500)) await tx.db.deleteFrom('account_domains').where('tenant_id', '=', tx.tenantId).where('account_id', 'in', part).execute();
  const rows = items.flatMap((i) => i.domains.map((domain) => ({ tenant_id: tx.tenantId, domain, account_id: i.id })));
  for (const part of chunks(rows, 1000)) await tx.db.insertInto('account_domains').values(part).execute();
}

async function replaceEmails(tx: TenantScope, items: { id: string; emails: string[] }[], replace: boolean): Promise<void> {
  if (replace) for (const part of chunks(items.map((i) => i.id), 500)) await tx.db.deleteFrom('contact_emails').where('tenant_id', '=', tx.tenantId).where('contact_id', 'in', part).execute();
  const rows = items.flatMap((i) => i.emails.map((address) => ({ tenant_id: tx.tenantId, address, contact_id: i.id })));
  for (const part of chunks(rows, 1000)) await tx.db.insertInto('contact_emails').values(part).execute();
}

export async function writeImportedAccounts(tx: TenantScope, ctx: Ctx, created: Written<AccountWrite>[], updated: Written<AccountWrite>[]): Promise<void> {
  for (const part of chunks(created, 300)) {
    await tx.db.insertInto('accounts').values(part.map(({ id, write: a }) => ({
      tenant_id: tx.tenantId, id, name: a.name, tier: a.tier, lifecycle: a.lifecycle, owner_id: a.ownerId, industry: a.industry, size: a.size, region: a.region,
      last_contact_at: null, created_at: ctx.now, updated_at: ctx.now, deleted_at: null,
    }))).execute();
  }
  await replaceDomains(tx, created.map((c) => ({ id: c.id, domains: c.write.domains })), false);
  for (const { id, write: a } of updated) {
    await tx.db.updateTable('accounts')
      .set({ name: a.name, tier: a.tier, lifecycle: a.lifecycle, owner_id: a.ownerId, industry: a.industry, size: a.size, region: a.region, updated_at: ctx.now })
      .where('tenant_id', '=', tx.tenantId).where('id', '=', id).execute();
  }
  await replaceDomains(tx, updated.filter((u) => u.fields.includes('domains')).map((u) => ({ id: u.id, domains: u.write.domains })), true);
  // Past the store's account writes, so their search entries are asked for here (built once, before the commit).
  await touchSearch(tx, 'account', [...created, ...updated].map((w) => w.id));
  await audit(tx, ctx, 'account', [...created.map((c) => ({ id: c.id, action: 'create' as const, fields: [], merged: false })), ...updated.map((u) => ({ id: u.id, action: 'update' as const, fields: u.fields, merged: u.merged }))]);
}

export async function writeImportedContacts(tx: TenantScope, ctx: Ctx, created: Written<ContactWrite>[], updated: Written<ContactWrite>[]): Promise<void> {
  for (const part of chunks(created, 300)) {
    await tx.db.insertInto('contacts').values(part.map(({ id, write: c }) => ({
      tenant_id: tx.tenantId, id, account_id: c.accountId, name: c.name, title: c.title, phones: JSON.stringify(c.phones), owner_id: c.ownerId,
      created_at: ctx.now, updated_at: ctx.now, deleted_at: null,
    }))).execute();
  }
  await replaceEmails(tx, created.map((c) => ({ id: c.id, emails: c.write.emails })), false);
  for (const { id, write: c } of updated) {
    await tx.db.updateTable('contacts')
      .set({ name: c.name, title: c.title, phones: JSON.stringify(c.phones), account_id: c.accountId, owner_id: c.ownerId, updated_at: ctx.now })
      .where('tenant_id', '=', tx.tenantId).where('id', '=', id).execute();
  }
  await replaceEmails(tx, updated.filter((u) => u.fields.includes('emails')).map((u) => ({ id: u.id, emails: u.write.emails })), true);
  await touchSearch(tx, 'contact', [...created, ...updated].map((w) => w.id));
  await audit(tx, ctx, 'contact', [...created.map((c) => ({ id: c.id, action: 'create' as const, fields: [], merged: false })), ...updated.map((u) => ({ id: u.id, action: 'update' as const, fields: u.fields, merged: u.merged }))]);
}

export async function writeImportedOpportunities(tx: TenantScope, ctx: Ctx, settings: TenantSettings, created: Written<OpportunityWrite>[], updated: Written<OpportunityWrite>[]): Promise<void> {
  const closedAt = (stage: OpportunityWrite['stage']) => (OPEN_STAGES.includes(stage) ? null : ctx.now);
  for (const part of chunks(created, 300)) {
    await tx.db.insertInto('opportunities').values(part.map(({ id, write: o }) => ({
      tenant_id: tx.tenantId, id, account_id: o.accountId, name: o.name, stage: o.stage, value_cents: o.value, currency: o.currency,
      expected_close_date: o.expectedCloseDate, probability: probabilityFor(o.stage, settings.stageProbability), owner_id: o.ownerId,
      stage_changed_at: ctx.now, closed_at: closedAt(o.stage), created_at: ctx.now, updated_at: ctx.now, deleted_at: null,
    }))).execute();
    await tx.db.insertInto('opportunity_stage_changes').values(part.map(({ id, write: o }) => ({
      tenant_id: tx.tenantId, id: newId(ctx.now), opportunity_id: id, from_stage: null, to_stage: o.stage, at: ctx.now, by_user_id: ctx.actorId,
    }))).execute();
  }
  for (const { id, write: o, fields } of updated) {
    const moved = fields.includes('stage');
    await tx.db.updateTable('opportunities')
      .set({
        name: o.name, account_id: o.accountId, value_cents: o.value, currency: o.currency, expected_close_date: o.expectedCloseDate, owner_id: o.ownerId, updated_at: ctx.now,
        ...(moved && { stage: o.stage, probability: probabilityFor(o.stage, settings.stageProbability), stage_changed_at: ctx.now, closed_at: closedAt(o.stage) }),
      })
      .where('tenant_id', '=', tx.tenantId).where('id', '=', id).execute();
    if (moved) {
      const before = await tx.db.selectFrom('opportunity_stage_changes').select('to_stage').where('tenant_id', '=', tx.tenantId).where('opportunity_id', '=', id).orderBy('at', 'desc').limit(1).executeTakeFirst();
      await tx.db.insertInto('opportunity_stage_changes').values({ tenant_id: tx.tenantId, id: newId(ctx.now), opportunity_id: id, from_stage: before?.to_stage ?? null, to_stage: o.stage, at: ctx.now, by_user_id: ctx.actorId }).execute();
    }
  }
  await audit(tx, ctx, 'opportunity', [...created.map((c) => ({ id: c.id, action: 'create' as const, fields: [], merged: false })), ...updated.map((u) => ({ id: u.id, action: 'update' as const, fields: u.fields, merged: false }))]);
}

/** The row keys that make a re-import find its records again (external ids of deals above all). */
export async function rememberImportKeys(tx: TenantScope, kind: ImportKind, importId: string, keys: { key: string; recordId: string }[]): Promise<void> {
  for (const part of chunks(keys, 500)) {
    await tx.db.insertInto('import_keys')
      .values(part.map((k) => ({ tenant_id: tx.tenantId, kind, row_key: k.key, record_id: k.recordId, import_id: importId })))
      .onConflict((oc) => oc.columns(['tenant_id', 'kind', 'row_key']).doUpdateSet((eb) => ({ record_id: eb.ref('excluded.record_id'), import_id: eb.ref('excluded.import_id') })))
      .execute();
  }
}
