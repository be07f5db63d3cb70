// The buying committees: which contacts play which role in an opportunity. No rules here (who may change a
// committee, which contacts may sit on it): the use cases decide, these read and write.
import type { TenantScope } from './scope.ts';
import { OPEN_STAGES, type Stage } from '../domain/types.ts';
import type { CommitteeMember, ContactRole, PlacedRole } from '../domain/contact-roles.ts';

export interface CommitteeRow extends CommitteeMember {
  contactName: string;
  contactTitle: string | null;
  contactArchivedAt: number | null;
  createdAt: number;
  createdBy: string | null;
  updatedAt: number;
}

/** The committee of one opportunity, by contact name; erased or merged-away contacts are not on it. */
export async function listCommittee(scope: TenantScope, opportunityId: string): Promise<CommitteeRow[]> {
  const rows = await scope.db
    .selectFrom('opportunity_contacts as r')
    .innerJoin('contacts as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.contact_id'))
    .select(['r.opportunity_id', 'r.contact_id', 'r.role', 'r.created_at', 'r.created_by', 'r.updated_at', 'c.name', 'c.title', 'c.archived_at'])
    .where('r.tenant_id', '=', scope.tenantId)
    .where('r.opportunity_id', '=', opportunityId)
    .where('c.deleted_at', 'is', null)
    .orderBy('c.name')
    .orderBy('r.contact_id')
    .execute();
  return rows.map((r) => ({
    opportunityId: r.opportunity_id, contactId: r.contact_id, role: r.role as ContactRole,
    contactName: r.name, contactTitle: r.title, contactArchivedAt: r.archived_at == null ? null : Number(r.archived_at),
    createdAt: Number(r.created_at), createdBy: r.created_by, updatedAt: Number(r.updated_at),
  }));
}

export async function getCommitteeRole(scope: TenantScope, opportunityId: string, contactId: string): Promise<ContactRole | null> {
  const r = await scope.db
    .selectFrom('opportunity_contacts').select('role')
    .where('tenant_id', '=', scope.tenantId).where('opportunity_id', '=', opportunityId).where('contact_id', '=', contactId)
    .executeTakeFirst();
  return (r?.role as ContactRole | undefined) ?? null;
}

export async function insertCommitteeRole(scope: TenantScope, m: CommitteeMember, actorId: string, now: number): Promise<void> {
  await scope.db
    .insertInto('opportunity_contacts')
    .values({ tenant_id: scope.tenantId, opportunity_id: m.opportunityId, contact_id: m.contactId, role: m.role, created_at: now, created_by: actorId, updated_at: now })
    .execute();
}

export async function updateCommitteeRole(scope: TenantScope, m: CommitteeMember, now: number): Promise<void> {
  await scope.db
    .updateTable('opportunity_contacts').set({ role: m.role, updated_at: now })
    .where('tenant_id', '=', scope.tenantId).where('opportunity_id', '=', m.opportunityId).where('contact_id', '=', m.contactId)
    .execute();
}

export async function deleteCommitteeRole(scope: TenantScope, opportunityId: string, contactId: string): Promise<void> {
  await scope.db
    .deleteFrom('opportunity_contacts')
    .where('tenant_id', '=', scope.tenantId).where('opportunity_id', '=', opportunityId).where('contact_id', '=', contactId)
    .execute();
}

export interface ContactDealRole {
  contactId: string;
  opportunityId: string;
  opportunityName: string;
  stage: Stage;
  role: ContactRole;
}

/** Each of an account's contacts' roles in its open, unarchived deals (the contacts panel's "Decision maker · Cloud migration"). */
export async function openDealRolesOfAccount(scope: TenantScope, accountId: string): Promise<ContactDealRole[]> {
  const rows = await scope.db
    .selectFrom('opportunity_contacts as r')
    .innerJoin('opportunities as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.opportunity_id'))
    .select(['r.contact_id', 'r.opportunity_id', 'r.role', 'o.name', 'o.stage'])
    .where('r.tenant_id', '=', scope.tenantId)
    .where('o.account_id', '=', accountId)
    .where('o.stage', 'in', OPEN_STAGES)
    .where('o.deleted_at', 'is', null)
    .where('o.archived_at', 'is', null)
    .orderBy('o.name')
    .orderBy('r.opportunity_id')
    .orderBy('r.created_at')
    .orderBy('r.contact_id')
    .execute();
  return rows.map((r) => ({ contactId: r.contact_id, opportunityId: r.opportunity_id, opportunityName: r.name, stage: r.stage as Stage, role: r.role as ContactRole }));
}

/** Every role held by these contacts, with each deal's account (a merge's preview and move). */
export async function committeeRolesOfContacts(scope: TenantScope, contactIds: readonly string[]): Promise<(CommitteeMember & { accountId: string; stage: Stage })[]> {
  if (contactIds.length === 0) return [];
  const rows = await scope.db
    .selectFrom('opportunity_contacts as r')
    .innerJoin('opportunities as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.opportunity_id'))
    .select(['r.opportunity_id', 'r.contact_id', 'r.role', 'o.account_id', 'o.stage'])
    .where('r.tenant_id', '=', scope.tenantId).where('r.contact_id', 'in', [...contactIds])
    .orderBy('r.created_at').orderBy('r.opportunity_id')
    .execute();
  return rows.map((r) => ({ opportunityId: r.opportunity_id, contactId: r.contact_id, role: r.role as ContactRole, accountId: r.account_id, stage: r.stage as Stage }));
}

/** The roles of these contacts, or on these deals, with the deal's stage and account and the contact's account now. */
export async function placedRoles(scope: TenantScope, of: { contactIds?: readonly string[]; opportunityIds?: readonly string[] }): Promise<PlacedRole[]> {
  const contactIds = [...(of.contactIds ?? [])];
  const opportunityIds = [...(of.opportunityIds ?? [])];
  if (contactIds.length === 0 && opportunityIds.length === 0) return [];
  const rows = await scope.db
    .selectFrom('opportunity_contacts as r')
    .innerJoin('opportunities as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.opportunity_id'))
    .innerJoin('contacts as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.contact_id'))
    .select(['r.opportunity_id', 'r.contact_id', 'r.role', 'o.stage', 'o.account_id as opportunity_account_id', 'c.account_id as contact_account_id'])
    .where('r.tenant_id', '=', scope.tenantId)
    .where((eb) => eb.or([
      ...(contactIds.length ? [eb('r.contact_id', 'in', contactIds)] : []),
      ...(opportunityIds.length ? [eb('r.opportunity_id', 'in', opportunityIds)] : []),
    ]))
    .orderBy('r.opportunity_id').orderBy('r.contact_id')
    .execute();
  return rows.map((r) => ({
    opportunityId: r.opportunity_id, contactId: r.contact_id, role: r.role as ContactRole, stage: r.stage as Stage,
    opportunityAccountId: r.opportunity_account_id, contactAccountId: r.contact_account_id,
  }));
}

/** Moves roles to another contact (a merge), and drops the ones the use case decided not to keep. */
export async function reassignCommitteeRoles(scope: TenantScope, toContactId: string, move: readonly CommitteeMember[], drop: readonly CommitteeMember[], now: number): Promise<void> {
  for (const r of drop) await deleteCommitteeRole(scope, r.opportunityId, r.contactId);
  for (const r of move) {
    await scope.db
      .updateTable('opportunity_contacts').set({ contact_id: toContactId, updated_at: now })
      .where('tenant_id', '=', scope.tenantId).where('opportunity_id', '=', r.opportunityId).where('contact_id', '=', r.contactId)
      .execute();
  }
}

/** An erased person's roles go with them: a role in a deal is information about that person. */
export async function deleteCommitteeRolesOfContact(scope: TenantScope, contactId: string): Promise<number> {
  const r = await scope.db.deleteFrom('opportunity_contacts').where('tenant_id', '=', scope.tenantId).where('contact_id', '=', contactId).executeTakeFirst();
  return Number(r.numDeletedRows);
}
