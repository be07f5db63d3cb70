// Relationship strength for an account list's column: per account, the asking colleague's and the strongest
// colleague's, from the last 180 days of exchange (formula in domain/relationship-strength.ts).
import { DAY_MS } from '../../domain/types.ts';
import { relationshipStrength, strengthLabel, type StrengthLabel } from '../../domain/relationship-strength.ts';
import type { TenantScope } from '../../store/scope.ts';
import { getAccounts } from '../../store/accounts.ts';
import { colleagueStatsForAccounts } from '../../store/colleague-stats.ts';

export interface AccountStrength {
  accountId: string;
  mine: { strength: number; label: StrengthLabel };
  strongest: { userId: string | null; strength: number; label: StrengthLabel };
}

/** In the order asked; only this tenant's accounts, so another tenant's id simply does not come back. */
export async function rateRelationships(scope: TenantScope, me: string, accountIds: string[], now: number): Promise<AccountStrength[]> {
  const order = new Map(accountIds.map((id, k) => [id, k]));
  const accounts = (await getAccounts(scope, accountIds)).sort((x, y) => order.get(x.id)! - order.get(y.id)!);
  const stats = await colleagueStatsForAccounts(scope, accounts.map((a) => a.id), now - 180 * DAY_MS);
  return accounts.map((a) => {
    const rated = stats.filter((s) => s.accountId === a.id).map((s) => {
      const strength = relationshipStrength(s, now);
      return { userId: s.userId, strength, label: strengthLabel(strength, s.lastAt, now) };
    });
    const mine = rated.find((r) => r.userId === me);
    const strongest = rated.sort((x, y) => y.strength - x.strength)[0];
    return {
      accountId: a.id,
      mine: mine ? { strength: mine.strength, label: mine.label } : { strength: 0, label: 'none' as const },
      strongest: strongest ?? { userId: null, strength: 0, label: 'none' as const },
    };
  });
}
