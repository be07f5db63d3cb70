// The account list's filters as a value: defaults, the API query they make, and the saved views an older
// version kept in this browser's storage (now moved to the server once).
export const TIERS = ['A', 'B', 'C', 'D'] as const;
export const LIFECYCLES = ['prospect', 'customer', 'key_account', 'former'] as const;
export const SIZES = ['micro', 'small', 'medium', 'large', 'enterprise'] as const;
export const SORTS = ['attention', 'name', 'lastContact', 'tier', 'pipeline'] as const;

export interface AccountFilters {
  q: string;
  tiers: string[];
  /** '' anyone, 'me', or a colleague's id. */
  ownerId: string;
  lifecycles: string[];
  industry: string;
  region: string;
  size: string;
  overdue: boolean;
  /** "Show archived": archived accounts too, dimmed, with Restore. */
  archived: boolean;
  sort: (typeof SORTS)[number];
  order: 'asc' | 'desc';
}

/** Mine, what needs attention first: overdue, then due soon, then the longest silent (the API's `attention`). */
export const DEFAULT_FILTERS: AccountFilters = {
  q: '', tiers: [], ownerId: 'me', lifecycles: [], industry: '', region: '', size: '', overdue: false, archived: false, sort: 'attention', order: 'asc',
};

/** How many of the filters behind the "Filters" button are set (search, owner and sort are always in view). */
export function activeFilterCount(f: AccountFilters): number {
  return [f.tiers.length > 0, f.lifecycles.length > 0, !!f.industry, !!f.region, !!f.size, f.overdue].filter(Boolean).length;
}

export const PAGE_SIZE = 50;

/** The GET /api/accounts query for these filters and page (every value a string, as in a URL). */
export function accountQuery(f: AccountFilters, page: number): Record<string, string> {
  const q: Record<string, string> = { sort: f.sort, order: f.order, limit: String(PAGE_SIZE), offset: String(page * PAGE_SIZE) };
  if (f.q.trim()) q.q = f.q.trim();
  if (f.tiers.length) q.tier = f.tiers.join(',');
  if (f.lifecycles.length) q.lifecycle = f.lifecycles.join(',');
  if (f.ownerId) q.ownerId = f.ownerId;
  if (f.industry) q.industry = f.industry;
  if (f.region) q.region = f.region;
  if (f.size) q.size = f.size;
  if (f.overdue) q.overdue = 'true';
  if (f.archived) q.archived = 'include';
  return q;
}

/** A view as an older version kept it in this browser's storage, before views moved to the server. */
export interface LegacySavedView {
  name: string;
  filters: AccountFilters;
}

const KEY = 'suhde.teams.savedViews';

/** The views this browser kept, read once to move them to the server (features/accounts/saved-views.tsx). */
export function loadSavedViews(storage: Storage | null): LegacySavedView[] {
  try {
    const parsed = JSON.parse(storage?.getItem(KEY) ?? '[]') as LegacySavedView[];
    // Views saved by an older version lack newer filters: fill them from the defaults.
    return Array.isArray(parsed) ? parsed.filter((v) => v && typeof v.name === 'string').map((v) => ({ name: v.name, filters: { ...DEFAULT_FILTERS, ...v.filters } })) : [];
  } catch (e) {
    console.warn('[suhde] the saved views kept in this browser are not readable; they are left as they are', e);
    return [];
  }
}

/** Once moved to the server, the browser's copy goes: the server's list is the one list. */
export function clearLegacyViews(storage: Storage | null): void {
  storage?.removeItem(KEY);
}

export function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
