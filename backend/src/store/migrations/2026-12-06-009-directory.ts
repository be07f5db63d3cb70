// Frozen in time: never import application code here, and never edit once released; add a new migration.
// The directory (issue 13): what the tenant's Microsoft Entra directory says is its own, so colleagues' mail is
// never captured as customer mail. Its verified domains, every user's SMTP addresses (aliases too) and when it was
// last read. Replaced whole on each refresh, so these tables hold no history.
//
// Also one canonical form for stored domains and addresses: an IDN in Unicode, lower case (UTS #46 mapping), as
// domain/addresses.ts writes from now on. Rows written before (e.g. "xn--jrvi-loa.fi" as given) are rewritten.
import { domainToASCII, domainToUnicode } from 'node:url';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('directory_domains')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_initial', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('directory_domains_pk', ['tenant_id', 'domain'])
    .execute();
  await db.schema
    .createTable('directory_addresses')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    // The directory user's object id: a Suhde user has it as users.entra_object_id.
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('directory_addresses_pk', ['tenant_id', 'address'])
    .execute();
  await db.schema
    .createTable('directory_refreshes')
    .addColumn('tenant_id', 'text', (c) => c.notNull().primaryKey())
    .addColumn('refreshed_at', 'bigint', (c) => c.notNull())
    .addColumn('users', 'integer', (c) => c.notNull())
    .execute();
  await canonicalizeStoredAddresses(db);
}

const ASCII_LABEL = /^[a-z0-9_-]{1,63}$/;

/** The canonical domain as of this migration: lower case, no root dot, an IDN in Unicode. Null when not a host. */
function canonicalDomain(raw: string): string | null {
  let s = raw.trim().toLowerCase();
  if (s.endsWith('.')) s = s.slice(0, -1);
  if (!s) return null;
  const plain = /^[\x00-\x7f]*$/.test(s) && !/(^|\.)xn--/.test(s);
  if (plain) return s;
  const ascii = domainToASCII(s);
  if (!ascii || !ascii.split('.').every((l) => ASCII_LABEL.test(l))) return null;
  return domainToUnicode(ascii);
}

function canonicalAddress(raw: string): string | null {
  const at = raw.lastIndexOf('@');
  if (at <= 0) return null;
  const domain = canonicalDomain(raw.slice(at + 1));
  return domain ? `${raw.slice(0, at).trim().toLowerCase()}@${domain}` : null;
}

/** Only rows that could change: upper case, punycode or non-ASCII (most rows are plain lower-case ASCII). */
const suspect = (v: string) => v !== v.toLowerCase() || /xn--/.test(v) || /[^\x00-\x7f]/.test(v) || v.endsWith('.');

/**
 * Rewrites non-canonical account domains, contact addresses and participant addresses. When the canonical row
 * already exists (the same domain stored in both forms), the non-canonical duplicate is dropped: for a contact
 * address that means the contact already holding the canonical address keeps it.
 */
export async function canonicalizeStoredAddresses(db: Kysely<any>): Promise<void> {
  const domains = await db.selectFrom('account_domains').select(['tenant_id', 'domain', 'account_id']).execute();
  const held = new Set(domains.map((r) => `${r.tenant_id}\n${r.domain}\n${r.account_id}`));
  for (const r of domains) {
    if (!suspect(r.domain)) continue;
    const canon = canonicalDomain(r.domain);
    if (!canon || canon === r.domain) continue;
    const key = `${r.tenant_id}\n${canon}\n${r.account_id}`;
    const where = db.deleteFrom('account_domains').where('tenant_id', '=', r.tenant_id).where('domain', '=', r.domain).where('account_id', '=', r.account_id);
    if (held.has(key)) await where.execute();
    else {
      await db.updateTable('account_domains').set({ domain: canon })
        .where('tenant_id', '=', r.tenant_id).where('domain', '=', r.domain).where('account_id', '=', r.account_id).execute();
      held.add(key);
    }
  }
  const emails = await db.selectFrom('contact_emails').select(['tenant_id', 'address']).execute();
  const taken = new Set(emails.map((r) => `${r.tenant_id}\n${r.address}`));
  for (const r of emails) {
    if (!suspect(r.address)) continue;
    const canon = canonicalAddress(r.address);
    if (!canon || canon === r.address) continue;
    const key = `${r.tenant_id}\n${canon}`;
    if (taken.has(key)) await db.deleteFrom('contact_emails').where('tenant_id', '=', r.tenant_id).where('address', '=', r.address).execute();
    else {
      await db.updateTable('contact_emails').set({ address: canon }).where('tenant_id', '=', r.tenant_id).where('address', '=', r.address).execute();
      taken.add(key);
    }
  }
  // Participants have no key on the address, so each is rewritten in place.
  const participants = await db.selectFrom('interaction_participants').select(['tenant_id', 'interaction_id', 'ordinal', 'address']).execute();
  for (const r of participants) {
    if (!suspect(r.address)) continue;
    const canon = canonicalAddress(r.address);
    if (!canon || canon === r.address) continue;
    await db.updateTable('interaction_participants').set({ address: canon })
      .where('tenant_id', '=', r.tenant_id).where('interaction_id', '=', r.interaction_id).where('ordinal', '=', r.ordinal).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('directory_refreshes').ifExists().execute();
  await db.schema.dropTable('directory_addresses').ifExists().execute();
  await db.schema.dropTable('directory_domains').ifExists().execute();
}
