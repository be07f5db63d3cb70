// Likely duplicates among accounts and contacts, with the evidence a person needs to judge them: the same
// registrable domain, the same or a similar name once legal forms, case, accents and punctuation are set aside,
// the same address, the same person at the same account. Pure: the callers load the records.
import { registrableDomain } from './registrable-domain.ts';
import { isPublicMailboxDomain } from './public-mailbox-domain.ts';
import { normalizeDomain } from './addresses.ts';
import { words } from './search-text.ts';

export type DuplicateKind = 'account' | 'contact';

export interface DuplicateEvidence {
  /** same-domain: a shared registrable domain; same-name: equal once normalised; similar-name: close but not equal. */
  code: 'same-domain' | 'same-name' | 'similar-name' | 'same-address';
  /** Human-readable, shown as is: "same domain aalto-infra.fi". */
  reason: string;
}

export interface DuplicatePair {
  /** The older record first: the natural survivor. */
  ids: [string, string];
  evidence: DuplicateEvidence[];
}

export interface AccountForMatch {
  id: string;
  name: string;
  domains: readonly string[];
  createdAt: number;
}

export interface ContactForMatch {
  id: string;
  name: string;
  emails: readonly string[];
  accountId: string | null;
  createdAt: number;
}

// Legal forms in the Nordics, the Baltics, the German-speaking and the English-speaking world, as written in
// names. Matched as whole words after punctuation is gone ("A/S" becomes "a s"), so "Oy" never eats "Oyster".
const LEGAL_FORMS = [
  'oy', 'oyj', 'ab', 'abp', 'publ', 'ky', 'tmi', 'ry', 'osk', 'avoin yhtio', 'kommandiittiyhtio', 'osakeyhtio',
  'as', 'asa', 'a s', 'aps', 'ans', 'da', 'hf', 'ehf', 'sa', 'sia', 'uab', 'ou',
  'gmbh', 'ag', 'kg', 'se', 'bv', 'nv', 'srl', 'spa', 'sas', 'sarl', 'plc', 'ltd', 'limited', 'inc', 'incorporated',
  'llc', 'llp', 'lp', 'corp', 'corporation', 'co', 'company',
].map((f) => f.split(' '));

/** Case, punctuation and legal forms away; ä, ö and å kept (they change a Finnish or Swedish word). */
export function companyNameKey(name: string): string {
  const words = name
    .normalize('NFC')
    .toLocaleLowerCase('fi-FI')
    .replace(/&/g, ' ja ')
    // Accents other than the Nordic letters fold (é -> e, ü -> u); ä, ö, å, æ, ø stay.
    .replace(/[^\p{L}\p{N}\s]/gu, (ch) => (/[äöåæø]/.test(ch) ? ch : ' '))
    .split(/\s+/)
    .filter(Boolean)
    .map(foldForeignAccents);
  return stripLegalForms(words).join(' ');
}

function foldForeignAccents(word: string): string {
  return [...word]
    .map((ch) => (/[äöåæø]/.test(ch) ? ch : ch.normalize('NFD').replace(/\p{M}/gu, '')))
    .join('');
}

function stripLegalForms(words: string[]): string[] {
  let out = [...words];
  // A legal form stands first ("Oy Karl Fazer Ab") or last ("Aalto Infra Oy"); strip from both ends.
  for (let changed = true; changed && out.length > 1; ) {
    changed = false;
    for (const form of LEGAL_FORMS) {
      if (out.length > form.length && form.every((w, i) => out[out.length - form.length + i] === w)) {
        out = out.slice(0, out.length - form.length);
        changed = true;
      } else if (out.length > form.length && form.every((w, i) => out[i] === w)) {
        out = out.slice(form.length);
        changed = true;
      }
    }
  }
  return out;
}

/** The Nordic letters folded as well: "järvi" and "jarvi" meet here, and only as similar. */
export function foldedKey(key: string): string {
  return key.replace(/[äæ]/g, 'a').replace(/[öø]/g, 'o').replace(/å/g, 'a').replace(/\s+/g, '');
}

/** A person's name: case, accents, punctuation and word order ("Virtanen, Matti") set aside, ä/ö kept. */
export function personNameKey(name: string): string {
  return name
    .normalize('NFC')
    .toLocaleLowerCase('fi-FI')
    .replace(/[^\p{L}\p{N}\s]/gu, (ch) => (/[äöåæø]/.test(ch) ? ch : ' '))
    .split(/\s+/)
    .filter(Boolean)
    .map(foldForeignAccents)
    .sort()
    .join(' ');
}

/** Levenshtein distance, stopping once it passes max (names are short; the cap keeps big tenants cheap). */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]!);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * 'same' when the normalised names are equal, 'similar' when they differ only by Nordic letters folded, by
 * word order, or by a typo or two (one edit in a name of 7-11 letters, two from 12), otherwise null. Names that
 * normalise to nothing or to under 3 letters ("AB Oy") are never compared: too little to go on.
 */
export function compareCompanyNames(a: string, b: string): 'same' | 'similar' | null {
  const ka = companyNameKey(a);
  const kb = companyNameKey(b);
  if (ka.replace(/\s/g, '').length < 3 || kb.replace(/\s/g, '').length < 3) return null;
  if (ka === kb) return 'same';
  const fa = foldedKey(ka);
  const fb = foldedKey(kb);
  if (fa === fb) return 'similar';
  if (ka.split(' ').sort().join(' ') === kb.split(' ').sort().join(' ')) return 'similar';
  const len = Math.min(fa.length, fb.length);
  const max = len >= 12 ? 2 : len >= 7 ? 1 : 0;
  return max > 0 && editDistance(fa, fb, max) <= max ? 'similar' : null;
}

/** The registrable domains an account can be matched by; public mailbox providers (gmail.com) never count. */
export function accountDomainKeys(domains: readonly string[]): string[] {
  return [...new Set(domains.flatMap((d) => registrableDomain(d) ?? []).filter((d) => !isPublicMailboxDomain(d)))];
}

/**
 * The indexed keys that find the accounts a new one should be judged against, so the check reads those and not
 * the whole tenant. domains: its own (normalised) and their registrable domains, looked up exactly; words: matched
 * as whole words of an account's search entry (its name, domains, industry, region), folded as the search index
 * folds them; prefixes: matched as word prefixes. The words are the name key's longer words (the same blocks the
 * duplicate review uses) and each registrable domain's own label ("aalto-infra.fi": aalto, infra), which finds an
 * account that holds a subdomain of it; the prefix is the name key's first three letters, which finds a typo
 * after them and "Aaltoinfra" for "Aalto Infra". nameKeys (nameTypoKeys) find a typo inside the first letters.
 */
export function accountCandidateKeys(candidate: Pick<AccountForMatch, 'name' | 'domains'>): { domains: string[]; words: string[]; prefixes: string[]; nameKeys: string[] } {
  const registrable = accountDomainKeys(candidate.domains);
  const domains = [...new Set([...candidate.domains.flatMap((d) => normalizeDomain(d) ?? []), ...registrable])];
  const key = companyNameKey(candidate.name);
  // The rule never compares a name key under three letters: such a name finds nothing by its name.
  const nameWords = key.replace(/\s/g, '').length < 3 ? [] : words(key);
  const long = nameWords.filter((w) => w.length >= 4);
  const labels = registrable.flatMap((d) => words(d.split('.')[0]!)).filter((w) => w.length >= 2);
  const first = nameWords[0];
  return {
    domains,
    words: [...new Set([...(long.length ? long : nameWords.filter((w) => w.length >= 2)), ...labels])],
    prefixes: first && first.length >= 3 ? [first.slice(0, 3)] : [],
    nameKeys: nameTypoKeys(candidate.name),
  };
}

/**
 * Keys two names one typo apart always share (a symmetric-deletion index): the name's first four letters, and its
 * first five with each one left out in turn. A substitution, insertion, deletion or swap inside the first five
 * letters leaves the same four behind on both sides; one after them leaves the first four equal. Spaces are set
 * aside ("Aaltoinfra" meets "Aalto Infra" here too). Two typos both inside the first five letters share no key.
 * Under five letters: none (a typo only counts from seven).
 */
export function nameTypoKeys(name: string): string[] {
  const letters = Array.from(foldedKey(companyNameKey(name)).replace(/\s/g, ''));
  if (letters.length < 5) return [];
  const head = letters.slice(0, 5);
  const keys = new Set([head.slice(0, 4).join('')]);
  for (let i = 0; i < 5; i++) keys.add(head.filter((_, j) => j !== i).join(''));
  return [...keys];
}

function nameEvidence(verdict: 'same' | 'similar'): DuplicateEvidence {
  return verdict === 'same' ? { code: 'same-name', reason: 'same name' } : { code: 'similar-name', reason: 'similar name' };
}

/** What makes candidate look like a duplicate of existing; empty when nothing does. */
export function accountDuplicateEvidence(candidate: Pick<AccountForMatch, 'name' | 'domains'>, existing: Pick<AccountForMatch, 'name' | 'domains'>): DuplicateEvidence[] {
  const theirs = new Set(accountDomainKeys(existing.domains));
  const evidence: DuplicateEvidence[] = accountDomainKeys(candidate.domains)
    .filter((d) => theirs.has(d))
    .map((d) => ({ code: 'same-domain', reason: `same domain ${d}` }));
  const names = compareCompanyNames(candidate.name, existing.name);
  if (names) evidence.push(nameEvidence(names));
  return evidence;
}

/** What makes candidate look like a duplicate of existing (a contact); empty when nothing does. */
export function contactDuplicateEvidence(candidate: Pick<ContactForMatch, 'name' | 'emails' | 'accountId'>, existing: Pick<ContactForMatch, 'name' | 'emails' | 'accountId'>): DuplicateEvidence[] {
  const theirs = new Set(existing.emails.map((e) => e.toLowerCase()));
  const evidence: DuplicateEvidence[] = [...new Set(candidate.emails.map((e) => e.toLowerCase()))]
    .filter((e) => theirs.has(e))
    .map((e) => ({ code: 'same-address', reason: `same address ${e}` }));
  // The same name only means the same person inside one account: two "Matti Virtanen" at two customers are two.
  if (candidate.accountId && candidate.accountId === existing.accountId) {
    const ka = personNameKey(candidate.name);
    const kb = personNameKey(existing.name);
    if (ka.length >= 3 && ka === kb) evidence.push({ code: 'same-name', reason: 'same name at the same account' });
    else if (ka.length >= 5 && kb.length >= 5 && (foldedKey(ka) === foldedKey(kb) || editDistance(foldedKey(ka), foldedKey(kb), 1) <= 1)) {
      evidence.push({ code: 'similar-name', reason: 'similar name at the same account' });
    }
  }
  return evidence;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\n${b}` : `${b}\n${a}`);

/**
 * Every likely duplicate pair, strongest evidence first. Candidates are found through blocking keys (a shared
 * registrable domain, a name's first three folded letters, an address, an account) rather than by comparing all
 * pairs, so ten thousand accounts stay fast; then each candidate pair is judged by the same rule as a new record.
 */
function findPairs<T extends { id: string; createdAt: number }>(records: readonly T[], blocks: (r: T) => string[], judge: (a: T, b: T) => DuplicateEvidence[]): DuplicatePair[] {
  const byBlock = new Map<string, T[]>();
  for (const r of records) {
    for (const k of new Set(blocks(r))) {
      const group = byBlock.get(k);
      if (group) group.push(r);
      else byBlock.set(k, [r]);
    }
  }
  const seen = new Set<string>();
  const out: DuplicatePair[] = [];
  for (const group of byBlock.values()) {
    // A block shared by hundreds (a common first syllable) is cut: such a key is no evidence of anything.
    if (group.length < 2 || group.length > 200) continue;
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = [group[i]!, group[j]!];
        const key = pairKey(a.id, b.id);
        if (seen.has(key)) continue;
        seen.add(key);
        const evidence = judge(a, b);
        if (evidence.length === 0) continue;
        const [older, newer] = a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id) ? [a, b] : [b, a];
        out.push({ ids: [older.id, newer.id], evidence });
      }
    }
  }
  return out.sort((x, y) => strength(y) - strength(x) || x.ids[0].localeCompare(y.ids[0]) || x.ids[1].localeCompare(y.ids[1]));
}

const WEIGHT: Record<DuplicateEvidence['code'], number> = { 'same-address': 4, 'same-domain': 3, 'same-name': 2, 'similar-name': 1 };
const strength = (p: DuplicatePair) => p.evidence.reduce((s, e) => s + WEIGHT[e.code], 0);

export function findAccountDuplicates(accounts: readonly AccountForMatch[]): DuplicatePair[] {
  return findPairs(
    accounts,
    (a) => [
      ...accountDomainKeys(a.domains).map((d) => `d:${d}`), `n:${foldedKey(companyNameKey(a.name)).slice(0, 3)}`,
      ...companyNameKey(a.name).split(' ').filter((w) => w.length >= 4).map((w) => `w:${foldedKey(w)}`),
      ...nameTypoKeys(a.name).map((k) => `t:${k}`),
    ],
    (a, b) => accountDuplicateEvidence(a, b),
  );
}

export function findContactDuplicates(contacts: readonly ContactForMatch[]): DuplicatePair[] {
  return findPairs(
    contacts,
    (c) => [...c.emails.map((e) => `e:${e.toLowerCase()}`), ...(c.accountId ? [`a:${c.accountId}:${foldedKey(personNameKey(c.name)).slice(0, 3)}`] : [])],
    (a, b) => contactDuplicateEvidence(a, b),
  );
}

/** Merging is a data-quality decision over others' records: managers and admins, or whoever owns every record. */
export function mayMergeRecords(actor: { id: string; role: string }, records: readonly { ownerId: string | null }[]): { allowed: true } | { allowed: false; reason: string } {
  if (actor.role === 'manager' || actor.role === 'admin') return { allowed: true };
  if (records.every((r) => r.ownerId === actor.id)) return { allowed: true };
  return { allowed: false, reason: 'Only a manager, an admin, or the owner of every record being merged can merge them.' };
}
