// A failed save as a record dialog shows it: the API's field errors beside their fields (a list's item error,
// "emails.1", on the list's field), a likely duplicate as its own answer, the rest above the form.
import { ApiProblem } from '../../../../web-shared/src/index.ts';
import { formErrorsOf, type FormErrors } from '../common/form-errors.ts';

export function recordErrorsOf(error: unknown, known: readonly string[]): FormErrors {
  if (error instanceof ApiProblem && error.errors.length) {
    const errors = error.errors.map((e) => ({ ...e, field: e.field.split('.')[0]! }));
    return formErrorsOf(new ApiProblem({ type: error.type, title: error.title, status: error.status, detail: error.detail, errors }), known);
  }
  return formErrorsOf(error, known);
}

export interface LikelyDuplicate {
  id: string;
  name: string;
  reasons: string[];
}

/** The records the API thinks this new one duplicates (409 …/likely-duplicate), or null for any other failure. */
export function likelyDuplicatesOf(error: unknown): LikelyDuplicate[] | null {
  if (!(error instanceof ApiProblem) || error.status !== 409 || !error.type.endsWith('/likely-duplicate')) return null;
  const list = error.extensions.duplicates;
  if (!Array.isArray(list)) return null;
  const found = list.flatMap((d): LikelyDuplicate[] => {
    if (!d || typeof d !== 'object') return [];
    const { id, name, reasons } = d as Record<string, unknown>;
    if (typeof id !== 'string' || typeof name !== 'string') return [];
    return [{ id, name, reasons: Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string') : [] }];
  });
  return found.length ? found : null;
}

/** Splits a "a, b; c" list as people type it (commas, semicolons or new lines) into its trimmed items. */
export function listOf(text: string): string[] {
  return text.split(/[,;\n]/).map((x) => x.trim()).filter(Boolean);
}

/** "12 500,50" or "12500.5" euros to integer cents; null when it is not a number (the API then names the field). */
export function centsOf(text: string): number | null {
  const t = text.replace(/\s/g, '').replace(',', '.');
  if (t === '') return 0;
  const n = Number(t);
  return Number.isFinite(n) ? Math.round(n * 100) : null;
}
