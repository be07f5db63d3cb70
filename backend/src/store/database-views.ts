// The Kysely table type of saved views (migration 026), joined into Database in database.ts.

/** A named filter set of the account list, the owner's own or shared with their team. */
export interface SavedViewTable {
  tenant_id: string;
  id: string;
  owner_id: string;
  name: string;
  scope: 'mine' | 'team';
  /** JSON: the account list's filters (routes/saved-view-schemas.ts). */
  filters: string;
  created_at: number;
  updated_at: number;
}
