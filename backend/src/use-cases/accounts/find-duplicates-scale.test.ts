// The likely-duplicate check before a new account, at a real tenant's size: it reads only the accounts sharing an
// indexed key with the new one (a domain, a name word, the name's first letters), never the whole tenant, and
// answers as the rule over the whole tenant does. Rows read are counted through a Kysely plugin; the statements'
// plans are read from EXPLAIN after ANALYZE, as in store/query-plans.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import type { TenantScope } from '../../store/scope.ts';
import { chunks } from '../../store/scope.ts';
import { reindexRecords } from '../../store/search-index.ts';
import { accountsForMatching } from '../../store/merges.ts';
import { accountDuplicateEvidence } from '../../domain/duplicates.ts';
import { DomainError } from '../../domain/errors.ts';
import { refuseLikelyDuplicateAccount, refuseLikelyDuplicateContact, type DuplicateMatch } from './find-duplicates.ts';

const ACCOUNTS = 3000;
const FIRST = ['kal', 'vir', 'mäk', 'ran', 'sil', 'tuo', 'lah', 'hel', 'pir', 'kor', 'jär', 'nie', 'suo', 'lou', 'kes', 'pel', 'ahl', 'bra', 'cel', 'dor',
  'eke', 'fin', 'gra', 'hol', 'ilm', 'jok', 'kiv', 'lin', 'mer', 'nor', 'oja', 'pau', 'rin', 'sav', 'tam', 'ulv', 'vaa', 'wes', 'yli', 'öst'];
const MID = ['ta', 'ri', 'no', 'ka', 'le', 'mu', 'si', 'vo'];
const LAST = ['nen', 'la', 'sto', 'ki', 'mo', 'ssa', 'ro', 'va', 'tti', 'lä'];
const SECTOR = ['Rakennus', 'Logistiikka', 'Konsultointi', 'Teknologia', 'Kuljetus', 'Sähkö', 'Metalli', 'Puutarha', 'Kiinteistöt', 'Energia',
  'Elintarvike', 'Huolto', 'Ohjelmistot', 'Painotalo', 'Verkostot', 'Kone', 'Lasi', 'Muovi', 'Tekstiili', 'Mainos',
  'Catering', 'Turva', 'Siivous', 'Kaluste', 'Optiikka', 'Lääkintä', 'Kemia', 'Paperi', 'Satama', 'Varasto',
  'Rahoitus', 'Vakuutus', 'Matkat', 'Media', 'Arkkitehdit', 'Insinöörit', 'Laboratorio', 'Akustiikka', 'Valaistus', 'Vesihuolto'];
const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
const slug = (s: string) => s.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '-');
/** Distinct names: a made-up family word (40 first syllables) and a sector word (40 sectors): "Mäktanen Rakennus Oy". */
const nameOf = (i: number) => `${cap(FIRST[i % 40]! + MID[Math.floor(i / 40) % 8]! + LAST[Math.floor(i / 320) % 10]!)} ${SECTOR[Math.floor(i / 7) % 40]!} Oy`;

describe.each(testDatabases())('the likely-duplicate check at scale on $name', (database) => {
  const f = tenantPerSuite(database, 'scale.test');
  const names: string[] = [];

  /** Runs fn on a scope whose every statement is recorded with the rows it returned. */
  async function recorded(fn: (scope: TenantScope) => Promise<unknown>) {
    const seen: { node: RootOperationNode; rows: number }[] = [];
    const pending = new Map<object, RootOperationNode>();
    const plugin: KyselyPlugin = {
      transformQuery: (a) => (pending.set(a.queryId, a.node), a.node),
      transformResult: async (a) => (seen.push({ node: pending.get(a.queryId)!, rows: a.result.rows.length }), a.result),
    };
    const out = await fn({ ...f.scope, db: f.handle.db.withPlugin(plugin) }).then((x) => x, (e: unknown) => e);
    return { out, rowsRead: seen.reduce((n, s) => n + s.rows, 0), statements: seen };
  }

  async function check(input: { name: string; domains: string[] }): Promise<DuplicateMatch[]> {
    try {
      await refuseLikelyDuplicateAccount(f.scope, input, false);
      return [];
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'conflict') return (e.extensions as { duplicates: DuplicateMatch[] }).duplicates;
      throw e;
    }
  }

  /** What the rule over every account of the tenant says (the check before it read only candidates). */
  async function wholeTenant(input: { name: string; domains: string[] }): Promise<DuplicateMatch[]> {
    return (await accountsForMatching(f.scope))
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .map((a) => ({ id: a.id, name: a.name, reasons: accountDuplicateEvidence(input, a).map((e) => e.reason) }))
      .filter((m) => m.reasons.length > 0)
      .slice(0, 10);
  }

  beforeAll(async () => {
    const rows = Array.from({ length: ACCOUNTS }, (_, i) => ({ id: `acc-${String(i).padStart(5, '0')}`, name: nameOf(i) }));
    // A few with the shapes the rule must still find: a subdomain, a Nordic name, a long name.
    rows.push({ id: 'acc-sub', name: 'Rautaruukki Terästuote Oyj' }, { id: 'acc-nordic', name: 'Järvinen & Pöllänen Ab' }, { id: 'acc-long', name: 'Kuljetusliike Virtanen Oy' }, { id: 'acc-word', name: 'Vaisalatek Oyj' });
    for (const part of chunks(rows, 200)) {
      await f.scope.db.insertInto('accounts').values(part.map((r, k) => ({
        tenant_id: f.tenantId, id: r.id, name: r.name, tier: 'C', lifecycle: 'prospect', owner_id: null, industry: null, size: null, region: null,
        last_contact_at: null, created_at: T0 + k, updated_at: T0, deleted_at: null,
      }))).execute();
      await f.scope.db.insertInto('account_domains').values(part.map((r) => ({
        tenant_id: f.tenantId, account_id: r.id, domain: r.id === 'acc-sub' ? 'myynti.rautaruukki-teras.fi' : `${slug(r.name)}${r.id.slice(4)}.fi`,
      }))).execute();
    }
    for (const part of chunks(rows.map((r) => r.id), 500)) await reindexRecords(f.scope, 'account', part);
    // Three thousand contacts, ten at each of the first 300 accounts, each with an address.
    const people = Array.from({ length: ACCOUNTS }, (_, i) => ({ id: `con-${String(i).padStart(5, '0')}`, accountId: rows[i % 300]!.id, name: `Henkilö ${i} ${cap(FIRST[i % 40]!)}nen` }));
    for (const part of chunks(people, 200)) {
      await f.scope.db.insertInto('contacts').values(part.map((c) => ({
        tenant_id: f.tenantId, id: c.id, account_id: c.accountId, name: c.name, title: null, phones: '[]', owner_id: null, created_at: T0, updated_at: T0, deleted_at: null,
      }))).execute();
      await f.scope.db.insertInto('contact_emails').values(part.map((c) => ({ tenant_id: f.tenantId, address: `${c.id}@people.test`, contact_id: c.id }))).execute();
    }
    await sql`analyze`.execute(f.handle.db);
    names.push(...rows.map((r) => r.name));
  }, 240_000);

  it('finds what the whole-tenant rule finds: same and similar names, domains and subdomains', async () => {
    const probes = [
      { name: 'Terästuote Rautaruukki', domains: [] }, // word order
      { name: 'RR Myynti', domains: ['rautaruukki-teras.fi'] }, // the registrable domain of an account's subdomain
      { name: 'Jarvinen ja Pollanen', domains: [] }, // Nordic letters folded, & as "ja"
      { name: 'Kuljetusliike Virtaen', domains: [] }, // a typo in a long name
      { name: nameOf(1234).replace(' Oy', ' Ltd'), domains: [] }, // another legal form
      { name: nameOf(77).toUpperCase().replace(' OY', ''), domains: [] },
      { name: nameOf(2500).replace(/^(\w{4})\w/u, '$1x'), domains: [] }, // a typo after the first three letters
      { name: 'Viisalatek', domains: [] }, // a typo inside the first three letters of a one-word name
      { name: 'Aisalatek Oy', domains: [] }, // its first letter missing
      { name: 'Vaisalatekniikka Oy', domains: [] }, // too far from it: the whole-tenant rule finds nothing either
      { name: 'Aivan Uusi Yritys', domains: ['uusi-yritys.fi'] }, // nothing like it
    ];
    for (const p of probes) {
      const narrowed = await check(p);
      expect(narrowed, p.name).toEqual(await wholeTenant(p));
      if (!['Aivan Uusi Yritys', 'Vaisalatekniikka Oy'].includes(p.name)) expect(narrowed.length, p.name).toBeGreaterThan(0);
    }
    expect(await check(probes[0]!)).toEqual([{ id: 'acc-sub', name: 'Rautaruukki Terästuote Oyj', reasons: ['similar name'] }]);
    expect(await check(probes[1]!)).toEqual([{ id: 'acc-sub', name: 'Rautaruukki Terästuote Oyj', reasons: ['same domain rautaruukki-teras.fi'] }]);
  }, 120_000);

  it('reads only the candidates, not the tenant’s thousands of accounts', async () => {
    const whole = await recorded((s) => accountsForMatching(s));
    expect(whole.rowsRead).toBeGreaterThan(2 * ACCOUNTS); // accounts and their domains: what the check used to read
    for (const p of [{ name: nameOf(1500), domains: [] }, { name: 'Kuljetusliike Virtaen', domains: ['virtanen-kuljetus.fi'] }, { name: 'Aivan Uusi Yritys', domains: [] }]) {
      const { out, rowsRead } = await recorded((s) => refuseLikelyDuplicateAccount(s, p, false));
      expect(out === undefined || out instanceof DomainError, p.name).toBe(true);
      // The candidates share a family syllable or a sector word: about 75 + 75 of 3000, each with its domain.
      expect(rowsRead, p.name).toBeLessThan(ACCOUNTS / 6);
    }
  }, 120_000);

  it('judges a new contact against its account’s contacts only, and reads only their addresses', async () => {
    const account = 'acc-00007'; // contacts 7, 307, 607, ...
    const { out, rowsRead } = await recorded((s) => refuseLikelyDuplicateContact(s, { name: `${cap(FIRST[7]!)}nen, Henkilö 7`, emails: [], accountId: account }, false));
    expect(out).toBeInstanceOf(DomainError);
    expect((out as DomainError).extensions).toEqual({ duplicates: [{ id: 'con-00007', name: `Henkilö 7 ${cap(FIRST[7]!)}nen`, reasons: ['same name at the same account'] }] });
    expect(rowsRead).toBe(20); // its ten contacts and their ten addresses, of 3000 each
  });

  it('reads accounts and their domains by key, never by a scan of the tenant’s accounts', async () => {
    const { statements } = await recorded((s) => refuseLikelyDuplicateAccount(s, { name: nameOf(42), domains: ['example-new.fi'] }, false));
    expect(statements.length).toBeGreaterThan(2);
    for (const { node } of statements) {
      const q = f.handle.db.getExecutor().compileQuery(node, { queryId: 'plan' });
      if (!/^\s*select/i.test(q.sql)) continue;
      // PostgreSQL reads a table of 3000 rows faster whole: with sequential scans priced out, what is left shows
      // that an index serves the statement (a kind given as a parameter, say, would leave the partial GIN unused).
      const plan = f.handle.dialect === 'sqlite'
        ? ((await f.handle.db.executeQuery({ ...q, sql: `explain query plan ${q.sql}` })).rows as { detail: string }[]).map((r) => r.detail).join('\n')
        : await f.handle.db.transaction().execute(async (tx) => {
          await sql`set local enable_seqscan = off`.execute(tx);
          return ((await tx.executeQuery({ ...q, sql: `explain ${q.sql}` })).rows as Record<string, unknown>[]).map((r) => String(r['QUERY PLAN'])).join('\n');
        });
      for (const table of ['accounts', 'account_domains', 'search_documents', 'account_name_keys']) {
        const full = f.handle.dialect === 'sqlite' ? new RegExp(`\\bSCAN ${table}\\b(?! USING)`) : new RegExp(`Seq Scan on ${table}\\b`);
        expect(plan, `${q.sql}\n${plan}`).not.toMatch(full);
      }
    }
  }, 60_000);
});
