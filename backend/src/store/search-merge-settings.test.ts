// Migration 034: SQLite's search index merges 16 segments a level and buffers 8 MB of pending terms, so an ingest
// batch's entries are not rewritten at every level of four (the growing part of ingest's cost at 100k).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../../test/support/test-databases.ts';
import type { Db } from './connect.ts';

describe.each(testDatabases().filter((d) => d.name === 'sqlite'))('the search index merge settings on $name', (database) => {
  let handle: Db;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ handle, dispose } = await database.open()));
  afterAll(async () => dispose());

  it('are stored in the index, so every connection uses them', async () => {
    const rows = await sql<{ k: string; v: number }>`select k, v from search_fts_config where k in ('automerge', 'hashsize') order by k`.execute(handle.db);
    expect(rows.rows).toEqual([{ k: 'automerge', v: 16 }, { k: 'hashsize', v: 8 * 1024 * 1024 }]);
  });

  // Migration 036: prefix indexes of two and three letters only; the settings above survive its rebuild.
  it('keeps prefix indexes of two and three letters, and a four-letter prefix still finds its words', async () => {
    const ddl = await sql<{ sql: string }>`select sql from sqlite_master where name = 'search_fts'`.execute(handle.db);
    expect(ddl.rows[0]!.sql).toContain("prefix='2 3'");
    await sql`insert into search_documents (tenant_id, kind, record_id, visibility, holder_ids, archived, meta_text, content_text)
      values ('t-prefix', 'account', 'a-prefix', 'shared', '', 0, 'Mäkinen Oy', 'tarjouspyyntö')`.execute(handle.db);
    for (const q of ['"ma"*', '"mak"*', '"maki"*', '"makinen"*', '"tarjousp"*']) {
      const hits = await sql<{ n: number }>`select count(*) as n from search_fts where search_fts match ${q}`.execute(handle.db);
      expect(hits.rows[0]!.n, q).toBe(1);
    }
  });
});
