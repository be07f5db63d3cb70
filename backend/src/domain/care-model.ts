// The care model: each tier has a contact cadence; an account is due when its last contact is a cadence old.
import { DAY_MS, type Tier } from './types.ts';

export interface CareStatus {
  cadenceDays: number | null;
  lastContactAt: number | null;
  nextDueAt: number | null;
  overdue: boolean;
  daysOverdue: number;
}

/**
 * An account with a cadence that was never contacted is due at once (a new A account needs a first contact,
 * not a grace period); a tier without a cadence (D by default) is never overdue. The store's SQL filter for
 * "overdue" uses the same rule.
 */
export function careStatus(input: { tier: Tier; lastContactAt: number | null; createdAt: number; cadenceDays: Record<Tier, number | null>; now: number }): CareStatus {
  const cadence = input.cadenceDays[input.tier];
  if (cadence === null || cadence === undefined) {
    return { cadenceDays: null, lastContactAt: input.lastContactAt, nextDueAt: null, overdue: false, daysOverdue: 0 };
  }
  const nextDueAt = input.lastContactAt === null ? input.createdAt : input.lastContactAt + cadence * DAY_MS;
  const overdue = input.lastContactAt === null ? true : input.now > nextDueAt;
  return {
    cadenceDays: cadence,
    lastContactAt: input.lastContactAt,
    nextDueAt,
    overdue,
    daysOverdue: overdue ? Math.max(0, Math.floor((input.now - nextDueAt) / DAY_MS)) : 0,
  };
}

/** Care-model compliance: the share of accounts of each tier with a cadence that are within it. */
export function careCompliance(statuses: { tier: Tier; status: CareStatus }[]): Record<Tier, { accounts: number; withinCadence: number; share: number | null }> {
  const out = {} as Record<Tier, { accounts: number; withinCadence: number; share: number | null }>;
  for (const tier of ['A', 'B', 'C', 'D'] as Tier[]) {
    const list = statuses.filter((s) => s.tier === tier && s.status.cadenceDays !== null);
    const within = list.filter((s) => !s.status.overdue).length;
    out[tier] = { accounts: list.length, withinCadence: within, share: list.length ? within / list.length : null };
  }
  return out;
}
