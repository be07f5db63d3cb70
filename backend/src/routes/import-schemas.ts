// The import API's schemas (kept apart from schemas.ts, which is near its size limit).
import { z } from '@hono/zod-openapi';
import { ALL_IMPORT_FIELDS, IMPORT_KINDS } from '../domain/import-mapping.ts';
import { IMPORT_OUTCOMES } from '../domain/import-plan.ts';
import { Id, orNull } from './schemas.ts';

export const ImportMappingSchema = z
  .object({
    kind: z.enum(IMPORT_KINDS).openapi({ description: 'What each row is' }),
    columns: z.array(z.enum(ALL_IMPORT_FIELDS).nullable()).max(200).openapi({ description: 'Per column, in header order: the field it fills, or null to leave it out. Accounts: name, domain, tier, lifecycle, industry, size, region, owner. Contacts: name (or firstName and lastName), email, phone, title, accountDomain or accountName, owner. Opportunities: name, accountDomain or accountName, stage, value, currency, closeDate, externalId, owner. owner is a colleague’s address or name.' }),
  })
  .strict()
  .openapi('ImportMapping');

const Counts = z.object({ created: z.number().int(), updated: z.number().int(), merged: z.number().int(), unchanged: z.number().int(), refused: z.number().int() }).openapi('ImportCounts');

export const ImportSchema = z
  .object({
    id: Id,
    fileName: z.string(),
    fileSize: z.number().int().openapi({ description: 'Bytes' }),
    delimiter: z.enum([',', ';', '\t']),
    status: z.enum(['uploaded', 'planned', 'running', 'done', 'failed']).openapi({ description: 'uploaded: mapping suggested; planned: dry run done; running: the job is importing; done; failed (see error; also a run whose server stopped, untouched for 30 s; starting it again continues after the last committed batch)' }),
    headers: z.array(z.string()),
    preview: z.array(z.array(z.string())).openapi({ description: 'The first rows as read, for the mapping table' }),
    mapping: orNull(ImportMappingSchema),
    totalRows: z.number().int(),
    doneRows: z.number().int().openapi({ description: 'Rows the run has imported so far' }),
    counts: Counts.openapi({ description: 'After a dry run: what would happen; during and after the run: what did' }),
    error: z.string().nullable(),
    createdBy: Id,
    createdAt: z.number().int(),
    startedAt: z.number().int().nullable(),
    finishedAt: z.number().int().nullable(),
  })
  .openapi('Import');

export const UploadedImportSchema = z
  .object({
    import: ImportSchema,
    suggested: ImportMappingSchema.openapi({ description: 'The mapping suggested from the header names (also the import’s mapping until one is set)' }),
    previous: orNull(ImportSchema).openapi({ description: 'An earlier upload of the very same file; importing it again creates nothing new' }),
  })
  .openapi('UploadedImport');

export const ImportRowSchema = z
  .object({
    rowNo: z.number().int().openapi({ description: 'The data row, 1 for the first under the header' }),
    outcome: z.enum(IMPORT_OUTCOMES),
    label: z.string().openapi({ description: 'The record’s name as the row gives it' }),
    recordId: Id.nullable().openapi({ description: 'The record created, updated or merged into (after the run; an update’s or merge’s also in the dry run)' }),
    reason: z.string().nullable().openapi({ description: 'Why it was refused, or what it was matched by', example: 'unknown stage “Pending” (identified, contacted, offer, negotiation, won or lost)' }),
    fields: z.array(z.string()).openapi({ description: 'Fields set (created) or changed (updated, merged)' }),
  })
  .openapi('ImportRow');

export const ImportRowsQuery = z.object({
  outcome: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(IMPORT_OUTCOMES)))
    .optional()
    .openapi({ description: 'Comma-separated outcomes: created, updated, merged, unchanged, refused', example: 'refused' }),
  format: z.enum(['json', 'csv']).optional().openapi({ description: 'csv: the rows as the file had them with the row number and reason in front (for fixing refused rows in a spreadsheet)' }),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export const ImportUploadQuery = z.object({
  fileName: z.string().min(1).max(255).optional().openapi({ description: 'The file’s name, shown in the list', example: 'asiakkaat.csv' }),
});
