// The accounts a new account could duplicate, found through indexes rather than by reading the tenant's every
// account: exact domains through account_domains' key, name words through the search index (migration 025; the
// same folded words on both databases), typo keys through account_name_keys (migration 037). The keys are the
// domain's (domain/duplicates.ts accountCandidateKeys); which candidates really look like duplicates is the
// domain's rule too, applied by the caller.
import { sql } from 'kysely';
import type { TenantScope } from './scope.ts';
import { chunks } from './scope.ts';
import { accountsByNameKeys } from './account-name-keys.ts';

export interface AccountCandidateKeys {
  /** Normalised domains, matched exactly. */
  domains: string[];
  /** Folded words (letters and digits only), matched as whole words of an account's search entry. */
  words: string[];
  /** Folded word beginnings, matched as prefixes. */
  prefixes: string[];
  /** Typo keys of the name (domain/duplicates.ts nameTypoKeys), matched exactly in account_name_keys. */
  nameKeys: string[];
}

export interface AccountForMatchRow {
  id: string;
  name: string;
  domains: string[];
  createdAt: number;
  ownerId: string | null;
}

/** Live accounts (archived ones included, as the whole-tenant read had them) that share a key; each once. */
export async function accountMatchCandidates(scope: TenantScope, keys: AccountCandidateKeys): Promise<AccountForMatchRow[]> {
  const t = scope.tenantId;
  const ids = new Set<string>();
  if (keys.domains.length) {
    const rows = await scope.db.selectFrom('account_domains').select('account_id').where('tenant_id', '=', t).where('domain', 'in', keys.domains).execute();
    for (const r of rows) ids.add(r.account_id);
  }
  if (keys.words.length || keys.prefixes.length) for (const id of await byNameWords(scope, keys)) ids.add(id);
  for (const id of await accountsByNameKeys(scope, keys.nameKeys)) ids.add(id);
  if (ids.size === 0) return [];
  const out: AccountForMatchRow[] = [];
  for (const part of chunks([...ids].sort(), 500)) {
    const [rows, domains] = await Promise.all([
      scope.db.selectFrom('accounts').select(['id', 'name', 'created_at', 'owner_id']).where('tenant_id', '=', t).where('id', 'in', part).where('deleted_at', 'is', null).execute(),
      scope.db.selectFrom('account_domains').select(['account_id', 'domain']).where('tenant_id', '=', t).where('account_id', 'in', part).execute(),
    ]);
    const byAccount = new Map<string, string[]>();
    for (const d of domains) byAccount.set(d.account_id, [...(byAccount.get(d.account_id) ?? []), d.domain]);
    for (const r of rows) out.push({ id: r.id, name: r.name, domains: byAccount.get(r.id) ?? [], createdAt: Number(r.created_at), ownerId: r.owner_id });
  }
  return out;
}

/** Account entries of the search index holding any of the words or prefixes. */
async function byNameWords(scope: TenantScope, keys: AccountCandidateKeys): Promise<string[]> {
  // The words are folded letters and digits only (domain/search-text.ts words), so quoting is all the escaping needed.
  const safe = (w: string) => /^[\p{L}\p{N}]+$/u.test(w);
  const words = keys.words.filter(safe);
  const prefixes = keys.prefixes.filter(safe);
  if (words.length + prefixes.length === 0) return [];
  if (scope.dialect === 'postgres') {
    const tsquery = [...words.map((w) => `'${w}'`), ...prefixes.map((p) => `'${p}':*`)].join(' | ');
    // kind as a literal: the planner then uses the accounts' own partial GIN index.
    const r = await sql<{ record_id: string }>`select d.record_id from search_documents d
      where d.tenant_id = ${scope.tenantId} and d.kind = ${sql.lit('account')} and d.tsv @@ to_tsquery('simple', ${tsquery})`.execute(scope.db);
    return r.rows.map((x) => x.record_id);
  }
  const any = [...words.map((w) => `"${w}"`), ...prefixes.map((p) => `"${p}"*`)].join(' OR ');
  const r = await sql<{ record_id: string }>`select d.record_id from search_fts join search_documents d on d.doc_id = search_fts.rowid
    where search_fts match ${`kind : "account" AND {meta_text} : (${any})`} and d.tenant_id = ${scope.tenantId} and d.kind = 'account'`.execute(scope.db);
  return r.rows.map((x) => x.record_id);
}
