// A failed save as a form shows it: the API's field errors beside their fields, the rest above the form.
import { useState } from 'react';
import { ApiProblem } from '../../../../web-shared/src/index.ts';

export interface FormErrors {
  /** Field name (the API's path, e.g. "value" or "participants.0.address") to message. */
  fields: Record<string, string>;
  /** What no field claims: the problem's detail, or the error's message. */
  general: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, general: null };

export function formErrorsOf(error: unknown, known: readonly string[]): FormErrors {
  if (error instanceof ApiProblem) {
    const fields: Record<string, string> = {};
    const rest: string[] = [];
    for (const e of error.errors) {
      if (known.includes(e.field)) fields[e.field] = e.message;
      else rest.push(`${e.field}: ${e.message}`);
    }
    const general = Object.keys(fields).length && !rest.length ? null : error.errors.length ? `${error.detail}` : error.detail || error.title;
    return { fields, general };
  }
  return { fields: {}, general: error instanceof Error ? error.message : String(error) };
}

/**
 * One form's save: busy while it runs, the API's field errors (for `known` fields) or a general error after it.
 * `save` resolves true when the action succeeded, so the caller resets and closes only then.
 */
export function useFormSave(known: readonly string[]) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const save = async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await action();
      return true;
    } catch (e) {
      setErrors(formErrorsOf(e, known));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { errors, busy, save };
}
