// "Log this email when sent": what the Outlook add-in's compose pane leaves on a draft (the custom property
// suhdeLogIntent, a JSON string; see addin/src/host/outlook-host.ts saveLogIntent), read back from the sent copy.
// Pure: it checks the shape and the limits the API's POST /api/interactions has; whether the accounts and the
// opportunity are the tenant's is the store's to check.
import { VISIBILITIES, type Visibility } from './types.ts';

/** The add-in's custom property name (outlook-host.ts LOG_INTENT_PROPERTY). */
export const LOG_INTENT_PROPERTY = 'suhdeLogIntent';

/** The API's limits (InteractionLog): a note of 10 000 characters, 20 accounts, ids of 64. */
export const LOG_INTENT_LIMITS = { note: 10_000, accounts: 20, id: 64 } as const;

export interface LogIntent {
  note: string | null;
  /** Null when the intent gave none the API accepts: the item keeps the visibility it would have had. */
  visibility: Visibility | null;
  accountIds: string[];
  opportunityId: string | null;
}

export type LogIntentReading =
  /** `refused`: the fields left out because they were not acceptable (the rest is honoured). */
  | { intent: LogIntent; refused: string[] }
  | { intent: null; problem: string };

const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= LOG_INTENT_LIMITS.id;

/** The intent among an add-in's custom properties; null when there is none. Never throws. */
export function readLogIntent(properties: Record<string, unknown>): LogIntentReading | null {
  const raw = properties[LOG_INTENT_PROPERTY];
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') return { intent: null, problem: `${LOG_INTENT_PROPERTY} is not a string` };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { intent: null, problem: `${LOG_INTENT_PROPERTY} is not JSON` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { intent: null, problem: `${LOG_INTENT_PROPERTY} is not a JSON object` };
  const v = value as Record<string, unknown>;
  const refused: string[] = [];

  let note: string | null = null;
  if (typeof v.note === 'string') {
    const trimmed = v.note.trim();
    if (trimmed.length > LOG_INTENT_LIMITS.note) refused.push('note');
    else note = trimmed || null;
  } else if (v.note !== undefined && v.note !== null) refused.push('note');

  let visibility: Visibility | null = null;
  if ((VISIBILITIES as readonly unknown[]).includes(v.visibility)) visibility = v.visibility as Visibility;
  else if (v.visibility !== undefined && v.visibility !== null) refused.push('visibility');

  let accountIds: string[] = [];
  if (Array.isArray(v.accountIds) && v.accountIds.length <= LOG_INTENT_LIMITS.accounts) {
    const valid = v.accountIds.filter(isId);
    accountIds = [...new Set(valid)];
    if (valid.length !== v.accountIds.length) refused.push('accountIds');
  } else if (v.accountIds !== undefined && v.accountIds !== null) refused.push('accountIds');

  let opportunityId: string | null = null;
  if (isId(v.opportunityId)) opportunityId = v.opportunityId;
  else if (v.opportunityId !== undefined && v.opportunityId !== null) refused.push('opportunityId');

  return { intent: { note, visibility, accountIds, opportunityId }, refused };
}
