// CSV imports of accounts, contacts and opportunities: upload (headers, suggested mapping, preview), dry run with
// the chosen mapping, the run as a job the page polls, and the rows by outcome (refused ones also as CSV).
import { createRoute, z } from '@hono/zod-openapi';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import { HttpError } from '../http/http-error.ts';
import { IdParam, problems } from './schemas.ts';
import { ImportMappingSchema, ImportRowSchema, ImportRowsQuery, ImportSchema, ImportUploadQuery, UploadedImportSchema } from './import-schemas.ts';
import { actorOf } from './views.ts';
import { uploadImport } from '../use-cases/imports/upload-import.ts';
import { dryRunImport } from '../use-cases/imports/plan-import.ts';
import { startImportRun } from '../use-cases/imports/run-import.ts';
import { getImportJob, listImportJobs, listImportRows, refusedRowsCsv } from '../use-cases/imports/read-imports.ts';
import type { ImportRecord, StoredImportRow } from '../store/imports.ts';

/** The upload's own body limit (every other route keeps config.bodyLimitBytes): a 50,000-row export is a few MB. */
export const IMPORT_UPLOAD_LIMIT_BYTES = 25 * 1024 * 1024;
export const IMPORT_UPLOAD_PATH = '/api/imports';

const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'];

const importView = (i: ImportRecord) => ({
  id: i.id, fileName: i.fileName, fileSize: i.fileSize, delimiter: i.delimiter as ',' | ';' | '\t', status: i.status, headers: i.headers, preview: i.preview,
  mapping: i.mapping, totalRows: i.totalRows, doneRows: i.doneRows, counts: i.counts, error: i.error, createdBy: i.createdBy,
  createdAt: i.createdAt, startedAt: i.startedAt, finishedAt: i.finishedAt,
});
const rowView = (r: StoredImportRow) => ({ rowNo: r.rowNo, outcome: r.outcome, label: r.label, recordId: r.recordId, reason: r.reason, fields: r.fields });
const ImportOk = (description: string) => ({ description, content: { 'application/json': { schema: ImportSchema } } });

export function importRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'post', path: '/imports', operationId: 'uploadImport', tags: ['Imports'], security: bearer,
        summary: 'Upload a CSV file to import',
        description: `The file as the request body (Content-Type: text/csv, up to ${IMPORT_UPLOAD_LIMIT_BYTES / 1024 / 1024} MB): UTF-8 with or without a byte-order mark (or Windows-1252), comma, semicolon or tab delimited, quoted fields may hold line breaks. The answer holds the headers, the first rows and a mapping suggested from the header names (HubSpot, Salesforce and Pipedrive exports map themselves). Nothing is imported yet. Managers and admins.`,
        request: { query: ImportUploadQuery, body: { required: true, content: { 'text/csv': { schema: z.string().openapi({ description: 'The CSV file' }) } } } },
        responses: { 201: { description: 'Stored', content: { 'application/json': { schema: UploadedImportSchema } } }, ...problems(400, 401, 403, 413, 415, 503) },
      }),
      async (c) => {
        const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        if (!CSV_TYPES.includes(type)) throw new HttpError(415, 'Unsupported media type', 'Send the file as the request body, with the header Content-Type: text/csv.');
        const auth = c.get('auth');
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        const r = await uploadImport(auth.scope, actorOf(auth), { name: c.req.valid('query').fileName ?? 'import.csv', bytes }, deps.clock());
        return c.json({ import: importView(r.import), suggested: r.suggested, previous: r.previous ? importView(r.previous) : null }, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/imports', operationId: 'listImports', tags: ['Imports'], security: bearer,
        summary: 'The tenant’s imports, newest first',
        request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).optional() }) },
        responses: { 200: { description: 'Imports', content: { 'application/json': { schema: z.object({ items: z.array(ImportSchema) }) } } }, ...problems(400, 401, 403, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const items = await listImportJobs(auth.scope, actorOf(auth), c.req.valid('query').limit ?? 20, deps.clock());
        return c.json({ items: items.map(importView) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/imports/{id}', operationId: 'getImport', tags: ['Imports'], security: bearer,
        summary: 'One import: status, progress and counts (the page polls this during the run)',
        request: { params: IdParam },
        responses: { 200: ImportOk('The import'), ...problems(400, 401, 403, 404, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        return c.json(importView(await getImportJob(auth.scope, actorOf(auth), c.req.valid('param').id, deps.clock())), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/imports/{id}/dry-run', operationId: 'dryRunImport', tags: ['Imports'], security: bearer,
        summary: 'Set the mapping and see what each row would do',
        description: 'Saves the mapping and plans every row against the records as they are: created, updated (matched by domain, address or external id), merged into a likely duplicate (same name, same registrable domain, or a contact of the same name at the account), unchanged, or refused with the reason (missing name, bad address, unknown stage, an erased person). Nothing is written but the plan; GET …/rows lists it.',
        request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: z.object({ mapping: ImportMappingSchema }).strict().openapi('ImportDryRun') } } } },
        responses: {
          200: { description: 'The plan', content: { 'application/json': { schema: z.object({ import: ImportSchema, rows: z.array(ImportRowSchema).openapi({ description: 'The first 100 rows’ outcomes' }) }).openapi('ImportPlan') } } },
          ...problems(400, 401, 403, 404, 409, 413, 415, 503),
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const actor = actorOf(auth);
        const { id } = c.req.valid('param');
        const r = await dryRunImport(auth.scope, actor, id, c.req.valid('json').mapping, deps.clock());
        const rows = await listImportRows(auth.scope, actor, id, { limit: 100, offset: 0 }, deps.clock());
        return c.json({ import: importView(r.import), rows: rows.items.map(rowView) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/imports/{id}/run', operationId: 'runImport', tags: ['Imports'], security: bearer,
        summary: 'Run the import as a job',
        description: 'Starts the import with the saved mapping and answers at once (202); poll GET /imports/{id} for doneRows and the counts. Rows go in batches of 500, each in one transaction, each record audited (source import, with the import id). Idempotent: a second run or a re-upload of the same file finds the records the first made and creates nothing new. A run that failed, or whose server stopped, can be started again.',
        request: { params: IdParam },
        responses: { 202: ImportOk('Started'), ...problems(400, 401, 403, 404, 409, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const r = await startImportRun(auth.scope, actorOf(auth), c.req.valid('param').id, deps.clock);
        return c.json(importView(r.import), 202);
      },
    )
    .openapi(
      createRoute({
        method: 'get', path: '/imports/{id}/rows', operationId: 'listImportRows', tags: ['Imports'], security: bearer,
        summary: 'The rows’ outcomes (of the dry run, or of the run once it started), by outcome; as CSV for the refused',
        request: { params: IdParam, query: ImportRowsQuery },
        responses: {
          200: {
            description: 'Rows',
            content: {
              'application/json': { schema: z.object({ items: z.array(ImportRowSchema), total: z.number().int() }) },
              'text/csv': { schema: z.string().openapi({ description: 'format=csv: Row, Reason, then the file’s own columns' }) },
            },
          },
          ...problems(400, 401, 403, 404, 503),
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const actor = actorOf(auth);
        const { id } = c.req.valid('param');
        const q = c.req.valid('query');
        if (q.format === 'csv') {
          const { fileName, csv } = await refusedRowsCsv(auth.scope, actor, id, q.outcome ?? ['refused']);
          return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"` });
        }
        const r = await listImportRows(auth.scope, actor, id, { ...(q.outcome ? { outcomes: q.outcome } : {}), limit: q.limit ?? 100, offset: q.offset ?? 0 }, deps.clock());
        return c.json({ items: r.items.map(rowView), total: r.total }, 200);
      },
    );
}
