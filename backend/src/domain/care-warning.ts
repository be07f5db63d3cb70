// Going cold, as the dashboard's headline counts it: an A or B account still within its cadence whose last
// contact is older than the cadence's warning point, so it turns overdue soon unless someone gets in touch.
import { careStatus, type CareInput } from './care-model.ts';
import { DAY_MS, type Tier } from './types.ts';

/** The warning point: three quarters of the cadence (a 14-day cadence warns after 10.5 days, 30 after 22.5). */
export const WARNING_SHARE = 0.75;
export const WATCHED_TIERS: readonly Tier[] = ['A', 'B'];

export type CareState = 'no-cadence' | 'overdue' | 'going-cold' | 'kept';

/**
 * Overdue is careStatus's rule (never contacted counts as overdue); going cold applies to A and B accounts
 * only, and never to an overdue one, so the two headline figures do not count an account twice.
 */
export function careState(input: CareInput): CareState {
  const status = careStatus(input);
  if (status.cadenceDays === null) return 'no-cadence';
  if (status.overdue) return 'overdue';
  const warnAt = status.lastContactAt! + status.cadenceDays * WARNING_SHARE * DAY_MS;
  return WATCHED_TIERS.includes(input.tier) && input.now > warnAt ? 'going-cold' : 'kept';
}
