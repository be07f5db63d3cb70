// What the audit trail shows of an entry's detail: the names of the fields an action touched and a few values
// that say what happened (a stage's from and to, a row count), never a person's data. Older rows and some
// writers store whole patches (a note's text, an address list); only their field names get through.

export interface AuditDetail {
  /** Names of the fields an update touched. */
  fields: string[];
  /** Small facts about the action: stage moves, visibility, counts, roles. */
  values: Record<string, string | number | boolean | null>;
}

/** Keys whose values describe the action rather than a person: enum-like words and counts. */
const VALUE_KEYS = new Set(['from', 'to', 'stage', 'kind', 'visibility', 'role', 'mode', 'view', 'rows', 'interactions', 'enabled', 'via',
  // erasure counts
  'contacts', 'addresses', 'blanked', 'domains',
  // merge counts
  'opportunities', 'feedback', 'followUps',
  // buying-committee roles a move ended, and why
  'roles', 'reason',
  // imports: what wrote the record
  'source', 'importId', 'merged']);
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
/** An enum-like word: no spaces, no @ (an address), short. */
const WORD = /^[A-Za-z0-9_.:-]{1,40}$/;

function safeValue(v: unknown): v is string | number | boolean | null {
  if (v === null || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  return typeof v === 'string' && WORD.test(v) && !v.includes('@');
}

export function auditDetailView(action: string, detail: unknown): AuditDetail {
  const out: AuditDetail = { fields: [], values: {} };
  const addFields = (names: unknown[]) => {
    for (const n of names) if (typeof n === 'string' && FIELD_NAME.test(n) && !out.fields.includes(n)) out.fields.push(n);
  };
  if (Array.isArray(detail)) {
    addFields(detail);
    return out;
  }
  if (detail === null || typeof detail !== 'object') return out;
  // An update's other keys are the fields it changed (their values stay out); anything else is withheld.
  const isUpdate = action.endsWith('.update');
  for (const [k, v] of Object.entries(detail as Record<string, unknown>)) {
    if (k === 'fields' && Array.isArray(v)) addFields(v);
    else if (VALUE_KEYS.has(k) && safeValue(v)) out.values[k] = v;
    else if (isUpdate) addFields([k]);
  }
  return out;
}

/** The fields whose values differ between two records (compared as JSON), for an update's audit entry. */
export function changedFields<T extends object>(before: T, patch: Partial<T>): string[] {
  return Object.entries(patch)
    .filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify((before as Record<string, unknown>)[k]))
    .map(([k]) => k);
}
