// The ingest benchmark's template databases (test/bench/databases.ts): a copy of a database holding the parents
// has every row a database written by the store itself has, and takes interactions like one (foreign keys and,
// on PostgreSQL, the trigger functions resolve in the copy's own schema).
import { describe, expect, it } from 'vitest';
import { generateTenant } from '../backend/src/demo/generate-tenant.ts';
import { newId } from '../backend/src/store/ids.ts';
import { tenantScope } from '../backend/src/store/scope.ts';
import { mergeInteractionCopies } from '../backend/src/use-cases/interactions/merge-interaction-copies.ts';
import { freshDatabase, type BenchDb } from './bench/databases.ts';
import { tableCounts, writeParents } from './bench/ingest.ts';

const NOW = Date.UTC(2026, 10, 1, 12);
const pgUrl = process.env.SUHDE_TEST_DATABASE_URL ?? null;
// PostgreSQL's template is a schema copied row by row, or (where the role may create databases) a database of its
// own copied by CREATE DATABASE ... TEMPLATE.
const cases: [BenchDb, boolean][] = pgUrl ? [['sqlite', false], ['postgres', false], ['postgres', true]] : [['sqlite', false]];

describe.each(cases)('bench template databases (%s, a database of its own: %s)', (kind, own) => {
  it('a copy holds the same rows as the store writing the parents itself, and takes interactions', async () => {
    const data = generateTenant({ seed: 15, now: NOW, scale: { users: 12, accounts: 40, contactsPerAccount: 3, interactions: 400, months: 3 } });
    const direct = await freshDatabase(kind, pgUrl, 'tmpl-direct');
    const template = await freshDatabase(kind, pgUrl, 'tmpl-template', { template: own });
    let copy: Awaited<ReturnType<typeof freshDatabase>> | null = null;
    try {
      await writeParents(direct.handle, data);
      await writeParents(template.handle, data);
      await template.closeHandle();
      copy = await freshDatabase(kind, pgUrl, 'tmpl-copy', { from: template });
      if (own) expect(copy.database).toMatch(/^bench_tmpl_copy_/);
      if (kind === 'sqlite') { await direct.closeHandle(); await copy.closeHandle(); }
      const [want, got] = [await tableCounts(kind, direct), await tableCounts(kind, copy)];
      expect(want.get('contacts')).toBe(data.contacts.length);
      expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
      if (kind === 'sqlite') { await copy.dispose(); copy = await freshDatabase(kind, pgUrl, 'tmpl-copy', { from: template }); }
      let k = 0;
      const rows = [...data.interactions].slice(0, 200).map((i) => ({ ...i, id: newId(NOW + k++) }));
      await mergeInteractionCopies(tenantScope(copy.handle, data.tenant.id), rows, NOW, { checkReferences: false });
      const n = async (t: string) => Number((await copy!.handle.db.selectFrom(t as 'interactions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      expect(await n('interactions')).toBe(200);
      expect(await n('account_touches')).toBeGreaterThan(0);
      expect(await n('timeline_rows')).toBeGreaterThan(0);
    } finally {
      await copy?.dispose();
      await direct.dispose();
      await template.dispose();
    }
  }, 120_000);
});
