// The bulk load's writers (store/seed-bulk.ts): a batch's rows into each table in few statements, compiled once.
// SQLite: multi-row VALUES of a fixed size (the driver's statement cache prepares each text once); PostgreSQL:
// `insert ... select from unnest(<one array per column>)`, one statement per table and batch, COPY-like, and the
// next batch is built while the server writes this one.
import { performance } from 'node:perf_hooks';
import { CompiledQuery, sql } from 'kysely';
import type { TenantScope } from './scope.ts';
import { arrayLiteral, type ArrayType } from './pg-unnest.ts';
import { searchVectorSql } from './search-index.ts';

/** One batch's rows, each table's columns in the order the tables below declare them. */
export interface BatchRows {
  interactions: unknown[][];
  participants: unknown[][];
  holders: unknown[][];
  links: unknown[][];
  timeline: unknown[][];
  /** Search entries with their folded words (PostgreSQL's vector is built from them). */
  documents: unknown[][];
}

interface Table { name: string; columns: [string, ArrayType][] }

const T = (name: string, columns: string): Table => ({
  name, columns: columns.split(' ').map((c) => { const [n, t] = c.split(':'); return [n!, (t ?? 'text') as Table['columns'][number][1]]; }),
});

const INTERACTIONS = T('interactions', 'tenant_id id kind direction occurred_at:bigint subject snippet note duration_minutes:integer opportunity_id source visibility external_key created_by created_at:bigint updated_at:bigint');
const PARTICIPANTS = T('interaction_participants', 'tenant_id interaction_id ordinal:integer role address display_name user_id contact_id');
const HOLDERS = T('interaction_holders', 'tenant_id interaction_id user_id relation at:bigint');
const LINKS = T('interaction_accounts', 'tenant_id account_id occurred_at:bigint interaction_id kind');
const TIMELINE = T('timeline_rows', 'tenant_id account_id occurred_at:bigint interaction_id kind visibility holder_ids user_ids contact_ids item');
const DOCUMENTS = T('search_documents', 'tenant_id kind record_id account_id visibility holder_ids archived:integer item_kind occurred_at:bigint title meta_text content_text');

export interface BulkWriter {
  write(rows: BatchRows): Promise<void>;
  /** Milliseconds spent in each table's statements so far (where a load's write time goes). */
  readonly spent: Map<string, number>;
  /** Writes what was held back and completes what the suspended triggers would have done. */
  finish(): Promise<void>;
}

export async function bulkWriter(scope: TenantScope): Promise<BulkWriter> {
  return scope.dialect === 'postgres' ? postgresWriter(scope) : sqliteWriter(scope);
}

const byText = (a: unknown, b: unknown) => ((a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0);
/** interaction_accounts in key order (tenant, account, time, interaction): appended to its clustered key. */
const linkOrder = (a: unknown[], b: unknown[]) => byText(a[1], b[1]) || (a[2] as number) - (b[2] as number) || byText(a[3], b[3]);

/** Rows per SQLite statement: one prepared text per table (and one for each table's last, shorter part). */
const SQLITE_ROWS = 200;

async function sqliteWriter(scope: TenantScope): Promise<BulkWriter> {
  const texts = new Map<string, string>();
  const spent = new Map<string, number>();
  const insert = async (table: Table, rows: unknown[][]) => {
    const t0 = performance.now();
    for (let k = 0; k < rows.length; k += SQLITE_ROWS) {
      const part = rows.slice(k, k + SQLITE_ROWS);
      const key = `${table.name}:${part.length}`;
      let text = texts.get(key);
      if (!text) {
        const one = `(${table.columns.map(() => '?').join(',')})`;
        text = `insert into ${table.name} (${table.columns.map(([c]) => c).join(',')}) values ${Array(part.length).fill(one).join(',')}`;
        texts.set(key, text);
      }
      await scope.db.executeQuery(CompiledQuery.raw(text, part.flat()));
    }
    spent.set(table.name, (spent.get(table.name) ?? 0) + performance.now() - t0);
  };
  const lastDoc = Number((await sql<{ m: number | null }>`select max(doc_id) as m from search_documents`.execute(scope.db)).rows[0]?.m ?? 0);
  const links: unknown[][] = [];
  return {
    spent,
    async write(rows) {
      await insert(INTERACTIONS, rows.interactions);
      await insert(PARTICIPANTS, rows.participants);
      await insert(HOLDERS, rows.holders);
      await insert(TIMELINE, rows.timeline);
      await insert(DOCUMENTS, rows.documents);
      for (const l of rows.links) links.push(l);
    },
    async finish() {
      await insert(LINKS, links.sort(linkOrder));
      // What the insert trigger (search_documents_ai) does per row, for all the new entries at once.
      const t0 = performance.now();
      await sql`insert into search_fts (rowid, meta_text, content_text, kind)
        select doc_id, meta_text, content_text, kind from search_documents where doc_id > ${lastDoc} order by doc_id`.execute(scope.db);
      spent.set('search_fts', performance.now() - t0);
    },
  };
}

/** The arrays PostgreSQL is sent for a table: its columns, and the search entries' folded words after them. */
const names = (table: Table) => [...table.columns.map(([c]) => c), ...(table === DOCUMENTS ? ['meta_words', 'content_words'] : [])];

async function postgresWriter(scope: TenantScope): Promise<BulkWriter> {
  const statement = (table: Table, extra = '') => {
    const cols = table.columns.map(([c]) => c);
    const arrays = table.columns.map(([, t], k) => `$${k + 1}::${t}[]`);
    return extra
      ? `insert into ${table.name} (${cols.join(',')}, tsv) select ${cols.join(',')}, ${extra} from unnest(${arrays.join(',')}, $${cols.length + 1}::text[], $${cols.length + 2}::text[]) as u(${cols.join(',')}, meta_words, content_words)`
      : `insert into ${table.name} (${cols.join(',')}) select * from unnest(${arrays.join(',')})`;
  };
  // The vector as the write path builds it, from the folded words.
  const tsv = searchVectorSql('');
  const texts = new Map<Table, string>([INTERACTIONS, PARTICIPANTS, HOLDERS, LINKS, TIMELINE].map((t) => [t, statement(t)]));
  texts.set(DOCUMENTS, statement(DOCUMENTS, tsv));
  // Each column as one array literal (pg-unnest.ts): the driver's own encoding (two regular-expression passes per
  // element, then concatenation) and its garbage were most of this process's time on the timeline rows' JSON.
  const columns = (table: Table, rows: unknown[][]) => names(table).map((name, c) => arrayLiteral(rows.map((r) => r[c]), name));
  // One statement in flight while the next batch is built; its failure is thrown at the next write or finish.
  let inFlight: Promise<unknown> = Promise.resolve(null);
  const spent = new Map<string, number>();
  const send = async (parts: [Table, unknown[][]][]) => {
    const failed = await inFlight;
    if (failed instanceof Error) throw failed;
    const run = async () => {
      for (const [table, rows] of parts) {
        if (!rows.length) continue;
        const t0 = performance.now();
        await scope.db.executeQuery(CompiledQuery.raw(texts.get(table)!, columns(table, rows)));
        spent.set(table.name, (spent.get(table.name) ?? 0) + performance.now() - t0);
      }
      return null;
    };
    inFlight = run().catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  };
  return {
    spent,
    write: (rows) => send([[INTERACTIONS, rows.interactions], [PARTICIPANTS, rows.participants], [HOLDERS, rows.holders], [LINKS, rows.links], [TIMELINE, rows.timeline], [DOCUMENTS, rows.documents]]),
    async finish() {
      const failed = await inFlight;
      if (failed instanceof Error) throw failed;
    },
  };
}
