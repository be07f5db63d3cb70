// The Kysely table type of the product catalogue (migration 023), joined into Database in database.ts.

export interface ProductTable {
  tenant_id: string;
  id: string;
  name: string;
  code: string;
  /** The code lower-cased, unique per tenant. */
  code_key: string;
  unit_price_cents: number;
  currency: string;
  /** 1 or 0 (SQLite has no boolean). */
  active: number;
  created_at: number;
  updated_at: number;
  created_by: string | null;
}
