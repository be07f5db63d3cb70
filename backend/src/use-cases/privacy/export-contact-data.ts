// "What we hold" about one person: the contact's fields and every interaction naming them, with where each came
// from, who can see it, and the feedback, follow-ups and opportunities tied to it. For admins; the export itself
// is audited with counts only.
import type { Actor } from '../../domain/record-permissions.ts';
import { forbidden } from '../../domain/errors.ts';
import { toCsv } from '../../domain/csv.ts';
import { requireContact } from '../../store/contacts.ts';
import { getInteractions } from '../../store/interactions.ts';
import { getOpportunity } from '../../store/opportunities.ts';
import { writeAudit } from '../../store/audit.ts';
import { feedbackOfContact, followUpsOfInteractions, interactionIdsNaming } from '../../store/privacy.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';

export type ContactDataExport = Awaited<ReturnType<typeof collect>>;

async function collect(scope: TenantScope, contactId: string) {
  const contact = await requireContact(scope, contactId);
  const emails = new Set(contact.emails);
  const ids = await interactionIdsNaming(scope, [contact.id], contact.emails, { includeRemoved: false });
  const interactions = (await getInteractions(scope, ids)).sort((a, b) => a.occurredAt - b.occurredAt || a.id.localeCompare(b.id));
  const oppIds = [...new Set(interactions.flatMap((i) => (i.opportunityId ? [i.opportunityId] : [])))];
  const opportunities = (await Promise.all(oppIds.map((id) => getOpportunity(scope, id)))).flatMap((o) => (o ? [o] : []));
  return {
    contact: {
      id: contact.id, name: contact.name, title: contact.title, emails: contact.emails, phones: contact.phones,
      accountId: contact.accountId, ownerId: contact.ownerId, createdAt: contact.createdAt, updatedAt: contact.updatedAt,
    },
    interactions: interactions.map((i) => {
      const as = i.participants.filter((p) => p.contactId === contact.id || emails.has(p.address.toLowerCase()));
      return {
        id: i.id, kind: i.kind, direction: i.direction, occurredAt: i.occurredAt, subject: i.subject, snippet: i.snippet, note: i.note,
        durationMinutes: i.durationMinutes, source: i.source, visibility: i.visibility, holders: i.holders, accountIds: i.accountIds,
        opportunityId: i.opportunityId, asParticipant: as.map((p) => ({ role: p.role, address: p.address, displayName: p.displayName })),
      };
    }),
    feedback: await feedbackOfContact(scope, contact.id),
    followUps: await followUpsOfInteractions(scope, ids),
    opportunities: opportunities.map((o) => ({ id: o.id, accountId: o.accountId, name: o.name, stage: o.stage })),
  };
}

export async function exportContactData(scope: TenantScope, actor: Actor, contactId: string, format: 'json' | 'csv', now: number) {
  if (actor.role !== 'admin') throw forbidden('Only an admin can export what Suhde holds about a person.');
  return inTransaction(scope, async (tx) => {
    const data = await collect(tx, contactId);
    await writeAudit(tx, {
      actorId: actor.id, action: 'contact.export', entityType: 'contact', entityId: contactId, at: now,
      detail: { mode: format, interactions: data.interactions.length, rows: data.feedback.length + data.followUps.length + data.opportunities.length },
    });
    return data;
  });
}

interface CsvRow { record: string; id: string; at: number | string | null; field: string; value: string | number | null }

/** One row per held value: record, id, when, field, value. Flat, so a spreadsheet reads it without nesting. */
export function contactDataCsv(data: ContactDataExport): string {
  const rows: CsvRow[] = [];
  const put = (record: string, id: string, at: number | string | null, fields: Record<string, unknown>) => {
    for (const [field, v] of Object.entries(fields)) {
      rows.push({ record, id, at, field, value: v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : (v as string | number) });
    }
  };
  const { id, ...contact } = data.contact;
  put('contact', id, data.contact.updatedAt, contact);
  for (const { id: iid, occurredAt, ...rest } of data.interactions) put('interaction', iid, occurredAt, rest);
  for (const { id: fid, givenAt, ...rest } of data.feedback) put('feedback', fid, givenAt, rest);
  for (const { id: uid, dueOn, ...rest } of data.followUps) put('follow-up', uid, dueOn, rest);
  for (const { id: oid, ...rest } of data.opportunities) put('opportunity', oid, null, rest);
  return toCsv(rows, [
    { header: 'record', value: (r) => r.record },
    { header: 'id', value: (r) => r.id },
    { header: 'at', value: (r) => (typeof r.at === 'number' ? new Date(r.at).toISOString() : r.at) },
    { header: 'field', value: (r) => r.field },
    { header: 'value', value: (r) => r.value },
  ]);
}
