// The care model: each tier has a contact cadence; an account is due when its last contact is a cadence old.
import { DAY_MS, TIERS, type Tier } from './types.ts';

export interface CareStatus {
  /** The tier's cadence; null when the tier has none (D by default). */
  cadenceDays: number | null;
  lastContactAt: number | null;
  /** When the next contact is due; null without a cadence. */
  nextDueAt: number | null;
  overdue: boolean;
  /** Whole days past nextDueAt; 0 unless overdue. */
  daysOverdue: number;
}

export interface CareInput {
  tier: Tier;
  lastContactAt: number | null;
  /** Due date of an account never contacted. */
  createdAt: number;
  cadenceDays: Record<Tier, number | null>;
  now: number;
}

/**
 * Due one cadence after the last contact, overdue once now is past that. An account with a cadence that was
 * never contacted has been due since it was created (a new A account needs a first contact, not a grace
 * period), so it is overdue at once and its days overdue count from createdAt. A tier without a cadence is
 * never overdue. This is the rule's one definition: the store's SQL forms of it (the "overdue" filter, the
 * dashboard's compliance) are tested against it as their oracle (store/analytics-oracle.test.ts).
 */
export function careStatus(input: CareInput): CareStatus {
  const cadence = input.cadenceDays[input.tier] ?? null;
  if (cadence === null) return { cadenceDays: null, lastContactAt: input.lastContactAt, nextDueAt: null, overdue: false, daysOverdue: 0 };
  const nextDueAt = input.lastContactAt === null ? input.createdAt : input.lastContactAt + cadence * DAY_MS;
  const overdue = input.lastContactAt === null || input.now > nextDueAt;
  const daysOverdue = overdue ? Math.max(0, Math.floor((input.now - nextDueAt) / DAY_MS)) : 0;
  return { cadenceDays: cadence, lastContactAt: input.lastContactAt, nextDueAt, overdue, daysOverdue };
}

export interface TierCompliance {
  /** Every account of the tier. */
  accounts: number;
  /** Those with a cadence, the only ones that can keep or miss it. */
  withCadence: number;
  withinCadence: number;
  overdue: number;
  /** withinCadence / withCadence, 0-1; null when no account of the tier has a cadence. */
  share: number | null;
}

/** Whether each tier's care model is being kept: counts per tier, every tier present. */
export function careComplianceByTier(statuses: readonly { tier: Tier; status: CareStatus }[]): Record<Tier, TierCompliance> {
  const out = Object.fromEntries(TIERS.map((t) => [t, { accounts: 0, withCadence: 0, withinCadence: 0, overdue: 0, share: null }])) as Record<Tier, TierCompliance>;
  for (const { tier, status } of statuses) {
    const c = out[tier];
    c.accounts++;
    if (status.cadenceDays === null) continue;
    c.withCadence++;
    if (status.overdue) c.overdue++;
    else c.withinCadence++;
  }
  for (const c of Object.values(out)) c.share = c.withCadence ? c.withinCadence / c.withCadence : null;
  return out;
}
