// The import calls the page makes, over the typed client: the upload sends the file itself as text/csv.
import { unwrap, type ApiClient } from '../../../../web-shared/src/index.ts';

export const IMPORT_KINDS = ['accounts', 'contacts', 'opportunities'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const FIELDS: Record<ImportKind, readonly string[]> = {
  accounts: ['name', 'domain', 'tier', 'lifecycle', 'industry', 'size', 'region', 'owner'],
  contacts: ['name', 'firstName', 'lastName', 'email', 'phone', 'title', 'accountDomain', 'accountName', 'owner'],
  opportunities: ['name', 'accountDomain', 'accountName', 'stage', 'value', 'currency', 'closeDate', 'externalId', 'owner'],
};
export const OUTCOMES = ['created', 'updated', 'merged', 'unchanged', 'refused'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type UploadedImport = Awaited<ReturnType<typeof uploadFile>>;
export type ImportJob = UploadedImport['import'];
export type Mapping = NonNullable<ImportJob['mapping']>;
export type ImportRow = RowsPage['items'][number];
type RowsPage = Exclude<Awaited<ReturnType<typeof loadRowsAny>>, string>;

export async function uploadFile(api: ApiClient, file: File) {
  return unwrap(api.imports.$post({ query: { fileName: file.name } }, { headers: { 'content-type': 'text/csv' }, init: { body: file } }));
}

export async function dryRun(api: ApiClient, id: string, mapping: Mapping) {
  return unwrap(api.imports[':id']['dry-run'].$post({ param: { id }, json: { mapping } }));
}

export async function startRun(api: ApiClient, id: string) {
  return unwrap(api.imports[':id'].run.$post({ param: { id } }));
}

export async function loadImport(api: ApiClient, id: string) {
  return unwrap(api.imports[':id'].$get({ param: { id } }));
}

function loadRowsAny(api: ApiClient, id: string, outcome: Outcome | null) {
  return unwrap(api.imports[':id'].rows.$get({ param: { id }, query: { ...(outcome ? { outcome } : {}), limit: '200' } }));
}

/** The first 200 rows with this outcome (all outcomes for null), as JSON. */
export async function loadRows(api: ApiClient, id: string, outcome: Outcome | null): Promise<RowsPage> {
  return (await loadRowsAny(api, id, outcome)) as RowsPage;
}

/** The refused rows as the server writes them (row, reason, the file's columns). */
export async function refusedCsv(api: ApiClient, id: string): Promise<string> {
  const res = await api.imports[':id'].rows.$get({ param: { id }, query: { outcome: 'refused', format: 'csv' } });
  if (!res.ok) await unwrap(res);
  return res.text();
}
