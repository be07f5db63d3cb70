// Applies the migrations in migrations/ in name order; the same files for SQLite and PostgreSQL.
import { Migrator, SqliteAdapter, sql, type DatabaseIntrospector, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/2026-11-22-001-initial.ts';
import * as sync from './migrations/2026-11-23-002-sync.ts';
import * as analytics from './migrations/2026-12-01-003-analytics.ts';
import * as followUps from './migrations/2026-12-01-004-follow-ups.ts';
import * as meetingThreads from './migrations/2026-12-01-006-meeting-threads.ts';
import * as sentItemsLogIntents from './migrations/2026-12-01-007-sent-items-log-intents.ts';
import * as auditIndex from './migrations/2026-12-06-008-audit-index.ts';
import * as directory from './migrations/2026-12-06-009-directory.ts';
import * as erasure from './migrations/2026-12-06-012-erasure.ts';
import * as retention from './migrations/2026-12-06-013-retention.ts';
import * as streamHealth from './migrations/2026-12-06-014-stream-health.ts';
import * as timelineRows from './migrations/2026-12-06-015-timeline-rows.ts';
import * as activityRollups from './migrations/2026-12-06-016-activity-rollups.ts';
import * as followUpReminders from './migrations/2026-12-06-017-follow-up-reminders.ts';
import * as archive from './migrations/2026-12-06-018-archive.ts';
import * as recordAliases from './migrations/2026-12-06-019-record-aliases.ts';
import * as shareRequests from './migrations/2026-12-06-021-share-requests.ts';
import * as imports from './migrations/2026-12-06-022-imports.ts';
import * as products from './migrations/2026-12-06-023-products.ts';
import * as contactRoles from './migrations/2026-12-06-024-contact-roles.ts';
import * as searchIndex from './migrations/2026-12-06-025-search-index.ts';
import * as savedViews from './migrations/2026-12-06-026-saved-views.ts';
import * as duplicateDismissals from './migrations/2026-12-06-027-duplicate-dismissals.ts';
import * as timelineAnswers from './migrations/2026-12-06-028-timeline-answers.ts';
import * as businessReviewMark from './migrations/2026-12-06-029-business-review-mark.ts';
import * as rollupTouchDays from './migrations/2026-12-06-030-rollup-touch-days.ts';
import * as searchRecency from './migrations/2026-12-06-031-search-recency.ts';
import * as searchMergeSettings from './migrations/2026-12-06-034-search-merge-settings.ts';
import * as dashboardPipeline from './migrations/2026-12-06-035-dashboard-pipeline.ts';
import * as searchPrefixes from './migrations/2026-12-06-036-search-prefixes.ts';
import * as accountNameKeys from './migrations/2026-12-06-037-account-name-keys.ts';
import * as accountNameKeysCompact from './migrations/2026-12-06-038-account-name-keys-compact.ts';
import * as accountTouchesByAccount from './migrations/2026-12-07-039-account-touches-by-account.ts';
import * as rollupSharedInteractions from './migrations/2026-12-07-040-rollup-shared-interactions.ts';
import type { Dialect } from './connect.ts';
import { fillUnbuiltTimelineRows } from './timeline-rows.ts';
import { fillUnbuiltSearchDocuments } from './search-index.ts';
import { fillUnbuiltAccountNameKeys } from './account-name-keys.ts';
import { analyzeAll, refreshStatistics } from './statistics.ts';

// A static list rather than a folder scan: bundlers and tsx both see every migration, and order is explicit.
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-22-001-initial': initial,
  '2026-11-23-002-sync': sync,
  '2026-12-01-003-analytics': analytics,
  '2026-12-01-004-follow-ups': followUps,
  '2026-12-01-006-meeting-threads': meetingThreads,
  '2026-12-01-007-sent-items-log-intents': sentItemsLogIntents,
  '2026-12-06-008-audit-index': auditIndex,
  '2026-12-06-009-directory': directory,
  '2026-12-06-012-erasure': erasure,
  '2026-12-06-013-retention': retention,
  '2026-12-06-014-stream-health': streamHealth,
  '2026-12-06-015-timeline-rows': timelineRows,
  '2026-12-06-016-activity-rollups': activityRollups,
  '2026-12-06-017-follow-up-reminders': followUpReminders,
  '2026-12-06-018-archive': archive,
  '2026-12-06-019-record-aliases': recordAliases,
  '2026-12-06-021-share-requests': shareRequests,
  '2026-12-06-022-imports': imports,
  '2026-12-06-023-products': products,
  '2026-12-06-024-contact-roles': contactRoles,
  '2026-12-06-025-search-index': searchIndex,
  '2026-12-06-026-saved-views': savedViews,
  '2026-12-06-027-duplicate-dismissals': duplicateDismissals,
  '2026-12-06-028-timeline-answers': timelineAnswers,
  '2026-12-06-029-business-review-mark': businessReviewMark,
  '2026-12-06-030-rollup-touch-days': rollupTouchDays,
  '2026-12-06-031-search-recency': searchRecency,
  '2026-12-06-034-search-merge-settings': searchMergeSettings,
  '2026-12-06-035-dashboard-pipeline': dashboardPipeline,
  '2026-12-06-036-search-prefixes': searchPrefixes,
  '2026-12-06-037-account-name-keys': accountNameKeys,
  '2026-12-06-038-account-name-keys-compact': accountNameKeysCompact,
  '2026-12-07-039-account-touches-by-account': accountTouchesByAccount,
  '2026-12-07-040-rollup-shared-interactions': rollupSharedInteractions,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Naming the schema keeps Kysely's lock-table check from seeing another schema's table of the same name. On
 * PostgreSQL the migrator also asks whether its own tables exist through Kysely's introspector, which lists every
 * column of every schema in the database and resolves each table's name again: a schema dropped meanwhile (another
 * store sharing the database, as the test suites do) fails that catalog scan with 'schema "…" does not exist'.
 * The migrator here sees only the store's own schema's tables, which is all it asks about.
 */
function migratorFor(db: Kysely<any>, schema: string | undefined): Migrator {
  return new Migrator({ db: dialectOf(db) === 'postgres' ? withOwnSchemaIntrospection(db, schema) : db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
}

const dialectOf = (db: Kysely<any>): Dialect => (db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres');

function withOwnSchemaIntrospection(db: Kysely<any>, schema: string | undefined): Kysely<any> {
  const inner = db.introspection;
  const introspection: DatabaseIntrospector = {
    getSchemas: () => inner.getSchemas(),
    getMetadata: (options) => inner.getMetadata(options),
    getTables: async () => {
      const own = schema === undefined ? sql`current_schema()` : sql`${schema}`;
      const { rows } = await sql<{ name: string; schema: string; isView: boolean }>`
        select c.relname as name, n.nspname as schema, c.relkind = 'v' as "isView"
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${own} and c.relkind in ('r', 'p', 'v')`.execute(db);
      // The migrator reads only the names and schemas.
      return rows.map((r) => ({ ...r, columns: [] }));
    },
  };
  // Kysely's members read private fields, so each is read from, and bound to, the instance itself.
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'introspection') return introspection;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** schema: the PostgreSQL schema the store lives in when it is not the default one (tests, benchmarks). */
export async function migrateToLatest(db: Kysely<any>, opts: { schema?: string } = {}): Promise<void> {
  const migrator = migratorFor(db, opts.schema);
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${cause}`);
  }
  // Data a migration cannot build without application code (it must not import any): built here, before serving.
  const dialect = dialectOf(db);
  await fillUnbuiltTimelineRows(db, dialect);
  await fillUnbuiltSearchDocuments(db, dialect);
  await fillUnbuiltAccountNameKeys(db, dialect);
  // New tables and indexes get statistics at once; otherwise only what changed enough since (SQLite).
  if (results?.length) await analyzeAll(db);
  else await refreshStatistics(db);
}

/** For /readyz: true when every known migration has been applied. */
export async function migrationsApplied(db: Kysely<any>, opts: { schema?: string } = {}): Promise<boolean> {
  const migrator = migratorFor(db, opts.schema);
  const all = await migrator.getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
