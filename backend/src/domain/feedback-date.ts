// When feedback may be dated: not in the future (a minute of clock skew between devices is forgiven).
import type { FieldError } from './errors.ts';

const SKEW_MS = 60_000;

export function feedbackDateError(givenAt: number, now: number): FieldError | null {
  return givenAt > now + SKEW_MS ? { field: 'givenAt', message: 'must not be in the future' } : null;
}
