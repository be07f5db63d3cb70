// Import on both databases: the dry run's outcomes, suppression of erased people, a likely duplicate merged rather
// than re-created, the run's writes and audit, idempotence on a re-upload, and who may import.
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import { tenantPerSuite } from '../../../../test/support/tenant-database.ts';
import { auditTrail } from '../../store/audit.ts';
import { addSuppressions, privacySecret } from '../../store/privacy.ts';
import { suppressionKey } from '../../domain/erasure.ts';
import { getAccount, accountIdsByDomains } from '../../store/accounts.ts';
import { listOpportunities } from '../../store/opportunities.ts';
import { searchContacts } from '../../store/contacts.ts';
import { createAccount } from '../accounts/create-account.ts';
import { searchRecords } from '../search/search-records.ts';
import { dataVersion } from '../../store/rollups.ts';
import { uploadImport } from './upload-import.ts';
import { dryRunImport } from './plan-import.ts';
import { startImportRun } from './run-import.ts';
import { listImportRows, refusedRowsCsv } from './read-imports.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const clock = () => T0 + 5_000;

describe.each(testDatabases())('CSV import on $name', (database) => {
  const a = tenantPerSuite(database, 'seller-a.fi');

  async function importFile(csv: string, kind?: 'accounts' | 'contacts' | 'opportunities') {
    const up = await uploadImport(a.scope, a.users.manager, { name: 'file.csv', bytes: bytes(csv) }, T0);
    const mapping = kind ? { ...up.suggested, kind } : up.suggested;
    const plan = await dryRunImport(a.scope, a.users.manager, up.import.id, mapping, T0 + 1);
    return { up, plan };
  }
  async function run(id: string) {
    const { job } = await startImportRun(a.scope, a.users.manager, id, clock);
    await job;
    return (await listImportRows(a.scope, a.users.manager, id, { limit: 1000, offset: 0 }, clock()));
  }

  it('refuses a salesperson with the reason, before reading the file', async () => {
    await expect(uploadImport(a.scope, a.users.rep, { name: 'x.csv', bytes: bytes('Name\nX') }, T0)).rejects.toMatchObject({
      kind: 'forbidden', detail: 'Only a manager or an admin can import accounts, contacts and opportunities.',
    });
  });

  it('plans accounts: created, updated by domain, merged into a same-name duplicate, refused with the reason; the run writes and audits them, and a re-upload creates nothing', async () => {
    const existing = await createAccount(a.scope, a.users.rep, { name: 'Kallio Rakennus Oy', domains: [], tier: 'B', lifecycle: 'customer', industry: null, size: null, region: null }, T0);
    const known = await createAccount(a.scope, a.users.rep, { name: 'Vanha Nimi Oy', domains: ['tunnettu.fi'], tier: 'C', lifecycle: 'prospect', industry: null, size: null, region: null }, T0);
    const csv = '\ufeffNimi;Verkkotunnus;Luokka;Toimiala\r\n'
      + 'Aalto Infra Oy;https://www.aalto-infra.fi;A;"Rakennus\r\nja infra"\r\n'
      + 'Kallio Rakennus Ab;kallio-rakennus.fi;;\r\n'
      + 'Tunnettu Oy;tunnettu.fi;B;\r\n'
      + ';puuttuva.fi;;\r\n'
      + 'Outo Oy;outo.fi;Q;\r\n'
      + 'Aalto Infra;aalto-infra.fi;;\r\n';
    const { up, plan } = await importFile(csv);
    expect(up.suggested).toEqual({ kind: 'accounts', columns: ['name', 'domain', 'tier', 'industry'] });
    expect(up.import).toMatchObject({ delimiter: ';', totalRows: 6, status: 'uploaded' });
    expect(plan.import.status).toBe('planned');
    expect(plan.outcomes).toEqual({ created: 1, updated: 2, merged: 1, unchanged: 0, refused: 2 });
    const rows = (await listImportRows(a.scope, a.users.manager, up.import.id, { limit: 100, offset: 0 }, clock())).items;
    expect(rows.map((r) => [r.rowNo, r.outcome, r.reason])).toEqual([
      [1, 'created', null],
      [2, 'merged', 'same name as “Kallio Rakennus Oy”'],
      [3, 'updated', 'same domain tunnettu.fi'],
      [4, 'refused', 'missing name'],
      [5, 'refused', 'unknown tier “Q” (A, B, C or D)'],
      // The file names Aalto twice: the second row updates the first rather than making a second account.
      [6, 'updated', 'same domain aalto-infra.fi'],
    ]);
    // The dry run wrote nothing.
    expect((await accountIdsByDomains(a.scope, ['aalto-infra.fi'])).size).toBe(0);

    const versionBefore = await dataVersion(a.scope);
    const done = await run(up.import.id);
    expect(done.items.filter((r) => r.outcome === 'created')).toHaveLength(1);
    // The managers' dashboards computed before the import are not served again (new accounts, new owners).
    expect(await dataVersion(a.scope)).toBeGreaterThan(versionBefore);
    // Found by search at once, created and updated alike (the batches write past the store's account writes).
    const viewer = { userId: a.users.rep.id, role: 'rep' as const };
    expect((await searchRecords(a.scope, viewer, { q: 'aalto infra', kinds: ['account'] })).accounts.map((h) => h.title)).toEqual(['Aalto Infra']);
    expect((await searchRecords(a.scope, viewer, { q: 'tunnettu', kinds: ['account'] })).accounts.map((h) => h.title)).toEqual(['Tunnettu Oy']);
    const aaltoId = (await accountIdsByDomains(a.scope, ['aalto-infra.fi'])).get('aalto-infra.fi')!;
    expect(aaltoId).toHaveLength(1);
    const aalto = (await getAccount(a.scope, aaltoId[0]!))!;
    expect(aalto).toMatchObject({ name: 'Aalto Infra', tier: 'A', industry: 'Rakennus\r\nja infra', ownerId: a.users.manager.id });
    expect((await getAccount(a.scope, existing.id))!.domains).toEqual(['kallio-rakennus.fi']);
    expect((await getAccount(a.scope, known.id))!).toMatchObject({ name: 'Tunnettu Oy', tier: 'B' });
    const trail = await auditTrail(a.scope, 'account', aalto.id);
    // Made and changed by rows of one batch: one create, in its final state.
    expect(trail.map((t) => t.action)).toEqual(['account.create']);
    expect(JSON.parse(trail[0]!.detail!)).toEqual({ source: 'import', importId: up.import.id });
    expect(JSON.parse((await auditTrail(a.scope, 'account', existing.id))[1]!.detail!)).toMatchObject({ source: 'import', merged: true, fields: ['domains'] });

    const refused = await refusedRowsCsv(a.scope, a.users.manager, up.import.id);
    expect(refused.csv.split('\r\n')).toEqual(['Row,Reason,Nimi,Verkkotunnus,Luokka,Toimiala', '4,missing name,,puuttuva.fi,,', '5,"unknown tier “Q” (A, B, C or D)",Outo Oy,outo.fi,Q,', '']);

    // The same file again: recognised, and nothing new is made.
    const again = await importFile(csv);
    expect(again.up.previous?.id).toBe(up.import.id);
    expect(again.plan.outcomes).toMatchObject({ created: 0, merged: 0, refused: 2 });
    await run(again.up.import.id);
    expect((await accountIdsByDomains(a.scope, ['aalto-infra.fi'])).get('aalto-infra.fi')).toHaveLength(1);
    await expect(startImportRun(a.scope, a.users.manager, up.import.id, clock)).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('imports contacts by address, never an erased person, and matches a same-name contact at the account', async () => {
    const secret = await privacySecret(a.scope, T0);
    await addSuppressions(a.scope, [suppressionKey(secret, 'poistettu@aalto-infra.fi')], T0);
    const csv = 'First Name,Last Name,Email,Job Title,Company Domain Name\n'
      + 'Liisa,Järvi,liisa.jarvi@aalto-infra.fi,CTO,aalto-infra.fi\n'
      + 'Poistettu,Henkilö,Poistettu@Aalto-Infra.fi,,aalto-infra.fi\n'
      + 'Huono,Osoite,not-an-address,,aalto-infra.fi\n'
      + 'Liisa,Järvi,liisa@aalto-infra.fi,,aalto-infra.fi\n'
      + 'Outo,Yritys,outo@nowhere.fi,,nowhere.fi\n';
    const { up, plan } = await importFile(csv);
    expect(up.suggested.kind).toBe('contacts');
    const rows = (await listImportRows(a.scope, a.users.manager, up.import.id, { limit: 100, offset: 0 }, clock())).items;
    expect(rows.map((r) => [r.outcome, r.reason])).toEqual([
      ['created', null],
      ['refused', 'this person’s data was erased at their request, so they are not imported again'],
      ['refused', '“not-an-address” is not an email address'],
      ['merged', 'same name at the same account as “Liisa Järvi”'],
      ['refused', 'no account with the domain “nowhere.fi” (import the accounts first)'],
    ]);
    expect(plan.outcomes.refused).toBe(3);
    await run(up.import.id);
    const found = await searchContacts(a.scope, { q: 'Liisa', limit: 10, offset: 0 });
    expect(found.items).toHaveLength(1);
    expect(found.items[0]!.emails.sort()).toEqual(['liisa.jarvi@aalto-infra.fi', 'liisa@aalto-infra.fi']);
    expect((await searchContacts(a.scope, { q: 'Poistettu', limit: 10, offset: 0 })).total).toBe(0);
    const viewer = { userId: a.users.rep.id, role: 'rep' as const };
    expect((await searchRecords(a.scope, viewer, { q: 'liisa jarvi', kinds: ['contact'] })).contacts.map((h) => h.title)).toEqual(['Liisa Järvi']);
  });

  it('imports opportunities by external id, refuses an unknown stage, and updates on a second run', async () => {
    const csv = 'Deal Name,Deal Stage,Amount,Close Date,Record ID,Company Domain Name\n'
      + 'Runkosopimus,Proposal,"12 500,00",31.3.2027,hs-1,aalto-infra.fi\n'
      + 'Outo kauppa,Pending,100,,hs-2,aalto-infra.fi\n';
    const { up } = await importFile(csv);
    expect(up.suggested.columns).toEqual(['name', 'stage', 'value', 'closeDate', 'externalId', 'accountDomain']);
    const done = await run(up.import.id);
    expect(done.items.map((r) => r.outcome)).toEqual(['created', 'refused']);
    const aaltoId = (await accountIdsByDomains(a.scope, ['aalto-infra.fi'])).get('aalto-infra.fi')![0]!;
    expect((await listOpportunities(a.scope, { accountId: aaltoId }))).toMatchObject([{ name: 'Runkosopimus', stage: 'offer', value: 1250000, expectedCloseDate: '2027-03-31', probability: 50 }]);
    const second = await importFile(csv.replace('Proposal', 'Closed Won'));
    expect(second.plan.outcomes).toMatchObject({ created: 0, updated: 1, refused: 1 });
    await run(second.up.import.id);
    expect((await listOpportunities(a.scope, { accountId: aaltoId }))).toMatchObject([{ stage: 'won', probability: 100 }]);
  });
});
