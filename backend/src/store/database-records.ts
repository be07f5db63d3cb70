// The Kysely table types around the records' upkeep (buying committees, duplicate dismissals), joined into
// Database in database.ts.

/** A contact's role in one opportunity's buying committee (migration 024). */
export interface OpportunityContactTable {
  tenant_id: string;
  opportunity_id: string;
  contact_id: string;
  role: string;
  created_at: number;
  created_by: string | null;
  updated_at: number;
}

/** A pair of accounts or contacts judged not to be duplicates (migration 027); first_id < second_id. */
export interface DuplicateDismissalTable {
  tenant_id: string;
  id: string;
  kind: string;
  first_id: string;
  second_id: string;
  dismissed_by: string;
  dismissed_at: number;
}
