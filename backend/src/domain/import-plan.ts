// What one import row would do: create a record, update the one its key matches (domain, address, external id),
// merge into an existing likely duplicate (domain/duplicates.ts), leave it unchanged, or be refused with a reason a
// person can act on. Pure: the use case loads the tenant's records into an ImportIndex and the erased addresses
// among the batch; planning a row also records it in the index, so a file naming one company twice makes it once.
import type { CompanySize, Lifecycle, Stage, Tier } from './types.ts';
import type { ImportField, ImportKind, ImportMapping } from './import-mapping.ts';
import { companyNameKey, personNameKey } from './duplicates.ts';
import { registrableDomain } from './registrable-domain.ts';
import { domainOf, normalizeAddress } from './addresses.ts';
import { parseDate, parseDomainCell, parseLifecycle, parseMoney, parseSize, parseStage, parseTier } from './import-values.ts';

export const IMPORT_OUTCOMES = ['created', 'updated', 'merged', 'unchanged', 'refused'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

export interface IndexedAccount { id: string; name: string; domains: string[]; tier: Tier; lifecycle: Lifecycle; ownerId: string | null; industry: string | null; size: CompanySize | null; region: string | null }
export interface IndexedContact { id: string; name: string; emails: string[]; phones: string[]; title: string | null; accountId: string | null; ownerId: string | null }
export interface IndexedOpportunity { id: string; name: string; accountId: string; stage: Stage; value: number; currency: string; expectedCloseDate: string | null; ownerId: string | null }

/** The tenant's records as the planner matches them, kept up to date as rows are planned. */
export interface ImportIndex {
  accounts: Map<string, IndexedAccount>;
  accountByDomain: Map<string, string>;
  accountByRegistrable: Map<string, string>;
  accountByName: Map<string, string>;
  contacts: Map<string, IndexedContact>;
  contactByEmail: Map<string, string>;
  contactByAccountName: Map<string, string>;
  opportunities: Map<string, IndexedOpportunity>;
  /** "x:<external id>" (from earlier imports) and "n:<account id>:<name>". */
  opportunityByKey: Map<string, string>;
  /** Colleagues by lower-cased address and by lower-cased display name. */
  users: Map<string, string>;
}

export function emptyImportIndex(): ImportIndex {
  return {
    accounts: new Map(), accountByDomain: new Map(), accountByRegistrable: new Map(), accountByName: new Map(),
    contacts: new Map(), contactByEmail: new Map(), contactByAccountName: new Map(),
    opportunities: new Map(), opportunityByKey: new Map(), users: new Map(),
  };
}

export function indexAccount(ix: ImportIndex, a: IndexedAccount): void {
  ix.accounts.set(a.id, a);
  for (const d of a.domains) {
    if (!ix.accountByDomain.has(d)) ix.accountByDomain.set(d, a.id);
    const r = registrableDomain(d);
    if (r && !ix.accountByRegistrable.has(r)) ix.accountByRegistrable.set(r, a.id);
  }
  const k = companyNameKey(a.name);
  if (k.replace(/\s/g, '').length >= 3 && !ix.accountByName.has(k)) ix.accountByName.set(k, a.id);
}

export function indexContact(ix: ImportIndex, c: IndexedContact): void {
  ix.contacts.set(c.id, c);
  for (const e of c.emails) if (!ix.contactByEmail.has(e)) ix.contactByEmail.set(e, c.id);
  if (c.accountId) ix.contactByAccountName.set(`${c.accountId}:${personNameKey(c.name)}`, c.id);
}

export const opportunityNameKey = (accountId: string, name: string) => `n:${accountId}:${name.trim().toLocaleLowerCase('fi-FI').replace(/\s+/g, ' ')}`;

export function indexOpportunity(ix: ImportIndex, o: IndexedOpportunity, externalId?: string | null): void {
  ix.opportunities.set(o.id, o);
  ix.opportunityByKey.set(opportunityNameKey(o.accountId, o.name), o.id);
  if (externalId) ix.opportunityByKey.set(`x:${externalId}`, o.id);
}

export type AccountWrite = Omit<IndexedAccount, 'id'>;
export type ContactWrite = Omit<IndexedContact, 'id'>;
export type OpportunityWrite = Omit<IndexedOpportunity, 'id'> & { externalId: string | null };

export interface RowPlan {
  /** 1-based data row (the spreadsheet's line is rowNo + 1, after the header). */
  rowNo: number;
  outcome: ImportOutcome;
  /** The record's name as the row gives it, to show in the results. */
  label: string;
  /** What makes the row the same on a second import: a domain, an address, an external id, a name at an account. */
  key: string | null;
  recordId: string | null;
  /** Why it was refused, or what it was matched by ("same domain aalto-infra.fi"). */
  reason: string | null;
  /** The fields a create sets or an update changes. */
  fields: string[];
  /** The record as it is to be written (whole for a create, after the change for an update or merge). */
  write: AccountWrite | ContactWrite | OpportunityWrite | null;
}

export interface PlanContext {
  /** Owner of created records when the row names none: the person importing. */
  defaultOwnerId: string;
  /** Canonical addresses of erased people among the batch's. */
  suppressed: ReadonlySet<string>;
  /** A new record's id (the dry run's are placeholders). */
  newId: () => string;
}

type Cells = Partial<Record<ImportField, string>>;

export function cellsOf(mapping: ImportMapping, row: readonly string[]): Cells {
  const out: Cells = {};
  mapping.columns.forEach((f, k) => {
    const v = (row[k] ?? '').trim();
    if (f && v) out[f] = v;
  });
  return out;
}

const refuse = (rowNo: number, label: string, reason: string, key: string | null = null): RowPlan => ({ rowNo, outcome: 'refused', label, key, recordId: null, reason, fields: [], write: null });

function owner(ix: ImportIndex, raw: string | undefined): { id: string | null } | { error: string } | null {
  if (!raw) return null;
  const id = ix.users.get(raw.trim().toLowerCase());
  return id ? { id } : { error: `no colleague “${raw}” (give their email address or name as in Suhde)` };
}

/** The changed fields of an update: only what the row gives and differs from what is stored. */
function diff<T extends object>(before: T, after: T): string[] {
  return (Object.keys(after) as (keyof T)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map(String);
}

function settle<T extends { id: string }>(rowNo: number, label: string, key: string, before: T, after: Omit<T, 'id'>, how: 'updated' | 'merged', reason: string): RowPlan {
  const fields = diff({ ...before, id: undefined }, { ...after, id: undefined });
  return { rowNo, outcome: fields.length === 0 ? 'unchanged' : how, label, key, recordId: before.id, reason, fields, write: after as unknown as RowPlan['write'] };
}

export function planAccountRow(ix: ImportIndex, ctx: PlanContext, rowNo: number, c: Cells): RowPlan {
  const name = (c.name ?? '').slice(0, 200);
  const label = name || c.domain || `row ${rowNo}`;
  if (!name) return refuse(rowNo, label, 'missing name');
  const domain = c.domain ? parseDomainCell(c.domain) : null;
  if (c.domain && !domain) return refuse(rowNo, label, `“${c.domain}” is not a web domain`);
  const tier = c.tier ? parseTier(c.tier) : null;
  if (c.tier && !tier) return refuse(rowNo, label, `unknown tier “${c.tier}” (A, B, C or D)`);
  const lifecycle = c.lifecycle ? parseLifecycle(c.lifecycle) : null;
  if (c.lifecycle && !lifecycle) return refuse(rowNo, label, `unknown lifecycle “${c.lifecycle}” (prospect, customer, key account, former)`);
  const size = c.size ? parseSize(c.size) : null;
  if (c.size && !size) return refuse(rowNo, label, `unknown size “${c.size}”`);
  const who = owner(ix, c.owner);
  if (who && 'error' in who) return refuse(rowNo, label, who.error);
  const key = domain ? `d:${domain}` : `n:${companyNameKey(name)}`;

  const byDomain = domain ? ix.accountByDomain.get(domain) : undefined;
  const byRegistrable = !byDomain && domain ? ix.accountByRegistrable.get(registrableDomain(domain) ?? '') : undefined;
  const byName = !byDomain && !byRegistrable ? ix.accountByName.get(companyNameKey(name)) : undefined;
  const matchId = byDomain ?? byRegistrable ?? byName;
  if (matchId) {
    const before = ix.accounts.get(matchId)!;
    const after: AccountWrite = {
      name: byDomain ? name : before.name,
      domains: domain && !before.domains.includes(domain) ? [...before.domains, domain].sort() : before.domains,
      tier: tier ?? before.tier, lifecycle: lifecycle ?? before.lifecycle,
      ownerId: who ? who.id : before.ownerId,
      industry: c.industry?.slice(0, 100) ?? before.industry, size: size ?? before.size, region: c.region?.slice(0, 100) ?? before.region,
    };
    const plan = byDomain
      ? settle(rowNo, label, key, before, after, 'updated', `same domain ${domain}`)
      : settle(rowNo, label, key, before, after, 'merged', byRegistrable ? `same domain ${registrableDomain(domain!)} as “${before.name}”` : `same name as “${before.name}”`);
    indexAccount(ix, { ...after, id: matchId });
    return plan;
  }
  const write: AccountWrite = {
    name, domains: domain ? [domain] : [], tier: tier ?? 'C', lifecycle: lifecycle ?? 'prospect', ownerId: who ? who.id : ctx.defaultOwnerId,
    industry: c.industry?.slice(0, 100) ?? null, size, region: c.region?.slice(0, 100) ?? null,
  };
  const id = ctx.newId();
  indexAccount(ix, { ...write, id });
  return { rowNo, outcome: 'created', label, key, recordId: id, reason: null, fields: Object.keys(c), write };
}

/** The account a contact or deal row names by domain or name; undefined when the row names none. */
function accountOf(ix: ImportIndex, c: Cells): { id: string } | { error: string } | undefined {
  if (c.accountDomain) {
    const d = parseDomainCell(c.accountDomain);
    const id = d ? (ix.accountByDomain.get(d) ?? ix.accountByRegistrable.get(registrableDomain(d) ?? '')) : undefined;
    if (id) return { id };
    if (!c.accountName) return { error: `no account with the domain “${c.accountDomain}” (import the accounts first)` };
  }
  if (c.accountName) {
    const id = ix.accountByName.get(companyNameKey(c.accountName));
    return id ? { id } : { error: `no account named “${c.accountName}” (import the accounts first)` };
  }
  return undefined;
}

export function planContactRow(ix: ImportIndex, ctx: PlanContext, rowNo: number, c: Cells): RowPlan {
  const name = (c.name ?? [c.firstName, c.lastName].filter(Boolean).join(' ')).slice(0, 200);
  const email = c.email ? normalizeAddress(c.email) : null;
  const label = name || c.email || `row ${rowNo}`;
  if (!c.email) return refuse(rowNo, label, 'missing email address');
  if (!email || !domainOf(email).includes('.')) return refuse(rowNo, label, `“${c.email}” is not an email address`);
  const key = `e:${email}`;
  // Before anything else that could echo the person back: an erased person is never re-created.
  if (ctx.suppressed.has(email)) return refuse(rowNo, label, 'this person’s data was erased at their request, so they are not imported again', key);
  if (!name) return refuse(rowNo, label, 'missing name', key);
  const account = accountOf(ix, c);
  if (account && 'error' in account) return refuse(rowNo, label, account.error, key);
  const who = owner(ix, c.owner);
  if (who && 'error' in who) return refuse(rowNo, label, who.error, key);
  const accountId = account?.id ?? ix.accountByDomain.get(domainOf(email)) ?? null;
  const phone = c.phone?.slice(0, 50);
  const title = c.title?.slice(0, 200);

  const byEmail = ix.contactByEmail.get(email);
  const byName = !byEmail && accountId ? ix.contactByAccountName.get(`${accountId}:${personNameKey(name)}`) : undefined;
  const matchId = byEmail ?? byName;
  if (matchId) {
    const before = ix.contacts.get(matchId)!;
    const after: ContactWrite = {
      name: byEmail ? name : before.name,
      emails: before.emails.includes(email) ? before.emails : [...before.emails, email].sort(),
      phones: phone && !before.phones.includes(phone) ? [...before.phones, phone] : before.phones,
      title: title ?? before.title,
      accountId: account ? account.id : (before.accountId ?? accountId),
      ownerId: who ? who.id : before.ownerId,
    };
    const plan = settle(rowNo, label, key, before, after, byEmail ? 'updated' : 'merged', byEmail ? `same address ${email}` : `same name at the same account as “${before.name}”`);
    indexContact(ix, { ...after, id: matchId });
    return plan;
  }
  const write: ContactWrite = { name, emails: [email], phones: phone ? [phone] : [], title: title ?? null, accountId, ownerId: who ? who.id : ctx.defaultOwnerId };
  const id = ctx.newId();
  indexContact(ix, { ...write, id });
  return { rowNo, outcome: 'created', label, key, recordId: id, reason: null, fields: Object.keys(c), write };
}

export function planOpportunityRow(ix: ImportIndex, ctx: PlanContext, rowNo: number, c: Cells): RowPlan {
  const name = (c.name ?? '').slice(0, 200);
  const label = name || `row ${rowNo}`;
  const externalId = c.externalId?.slice(0, 200) ?? null;
  if (!name) return refuse(rowNo, label, 'missing name', externalId ? `x:${externalId}` : null);
  const account = accountOf(ix, c);
  if (!account) return refuse(rowNo, label, 'no account given (map the account’s domain or name)');
  if ('error' in account) return refuse(rowNo, label, account.error);
  const stage = c.stage ? parseStage(c.stage) : null;
  if (c.stage && !stage) return refuse(rowNo, label, `unknown stage “${c.stage}” (identified, contacted, offer, negotiation, won or lost)`);
  const value = c.value ? parseMoney(c.value) : null;
  if (c.value && value === null) return refuse(rowNo, label, `“${c.value}” is not an amount`);
  const currency = c.currency?.toUpperCase() ?? null;
  if (currency && !/^[A-Z]{3}$/.test(currency)) return refuse(rowNo, label, `“${c.currency}” is not a currency code such as EUR`);
  const closeDate = c.closeDate ? parseDate(c.closeDate) : null;
  if (c.closeDate && !closeDate) return refuse(rowNo, label, `“${c.closeDate}” is not a date (2027-03-31 or 31.3.2027)`);
  const who = owner(ix, c.owner);
  if (who && 'error' in who) return refuse(rowNo, label, who.error);
  const nameKey = opportunityNameKey(account.id, name);
  const key = externalId ? `x:${externalId}` : nameKey;

  const matchId = ix.opportunityByKey.get(key) ?? (externalId ? undefined : ix.opportunityByKey.get(nameKey));
  if (matchId) {
    const before = ix.opportunities.get(matchId)!;
    const after: IndexedOpportunity = {
      id: matchId, name, accountId: account.id, stage: stage ?? before.stage, value: value ?? before.value, currency: currency ?? before.currency,
      expectedCloseDate: closeDate ?? before.expectedCloseDate, ownerId: who ? who.id : before.ownerId,
    };
    const { id: _, ...rest } = after;
    const plan = settle(rowNo, label, key, before, rest, 'updated', externalId ? `same external id ${externalId}` : 'same name at the same account');
    plan.write = { ...rest, externalId };
    indexOpportunity(ix, after, externalId);
    return plan;
  }
  const write: OpportunityWrite = {
    name, accountId: account.id, stage: stage ?? 'identified', value: value ?? 0, currency: currency ?? 'EUR', expectedCloseDate: closeDate,
    ownerId: who ? who.id : ctx.defaultOwnerId, externalId,
  };
  const id = ctx.newId();
  indexOpportunity(ix, { ...write, id }, externalId);
  return { rowNo, outcome: 'created', label, key, recordId: id, reason: null, fields: Object.keys(c), write };
}

export function planImportRow(kind: ImportKind, ix: ImportIndex, ctx: PlanContext, rowNo: number, cells: Cells): RowPlan {
  if (kind === 'accounts') return planAccountRow(ix, ctx, rowNo, cells);
  if (kind === 'contacts') return planContactRow(ix, ctx, rowNo, cells);
  return planOpportunityRow(ix, ctx, rowNo, cells);
}

/** The addresses of a batch to ask about erasure before planning it. */
export function addressesOf(mapping: ImportMapping, rows: readonly (readonly string[])[]): string[] {
  const k = mapping.columns.indexOf('email');
  if (k < 0) return [];
  return rows.flatMap((r) => normalizeAddress(r[k] ?? '') ?? []);
}
