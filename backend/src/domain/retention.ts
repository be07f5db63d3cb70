// When an interaction has been kept long enough: the tenant's retention in calendar months, counted in UTC.
import type { Retention } from './types.ts';

/** Interactions that happened before this instant are past retention; null when the tenant keeps everything. */
export function retentionCutoff(retention: Retention, now: number): number | null {
  if (retention.months === null) return null;
  const d = new Date(now);
  const day = d.getUTCDate();
  // Back to the 1st first, so 31 March less one month is the end of February, not 3 March.
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - retention.months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.getTime();
}
