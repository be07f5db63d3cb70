// Domain values as the API shows them: care status added to accounts, weighted value to opportunities,
// visibility applied to interactions, timeline cursors made opaque.
import { careStatus } from '../domain/care-model.ts';
import { viewFor, type InteractionView } from '../domain/visibility.ts';
import type { Account, Interaction, Opportunity, TenantSettings, User } from '../domain/types.ts';
import { invalid } from '../domain/errors.ts';
import { weightedValue } from '../domain/opportunity-value.ts';
import type { Actor } from '../domain/record-permissions.ts';
import type { AuthContext } from '../http/context.ts';

export function accountView(a: Account, settings: TenantSettings, now: number) {
  const care = careStatus({ tier: a.tier, lastContactAt: a.lastContactAt, createdAt: a.createdAt, cadenceDays: settings.cadenceDays, now });
  return {
    id: a.id, name: a.name, domains: a.domains, tier: a.tier, lifecycle: a.lifecycle, ownerId: a.ownerId, industry: a.industry,
    size: a.size, region: a.region, lastContactAt: a.lastContactAt,
    care: { cadenceDays: care.cadenceDays, lastContactAt: care.lastContactAt, nextDueAt: care.nextDueAt, overdue: care.overdue, daysOverdue: care.daysOverdue },
    createdAt: a.createdAt, updatedAt: a.updatedAt,
  };
}

/** A colleague as the API shows them: no directory ids, no dates. */
export function userView(u: Pick<User, 'id' | 'displayName' | 'email' | 'role' | 'team'>) {
  return { id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team };
}

export function opportunityView(o: Opportunity) {
  const { tenantId: _t, ...rest } = o;
  return { ...rest, weightedValue: weightedValue(o) };
}

/** Who is asking, as the permission rules see them: the role comes from the token. */
export function actorOf(auth: AuthContext): Actor {
  return { id: auth.user.id, role: auth.role };
}

export function interactionViews(items: Interaction[], viewerId: string) {
  return items.map((i) => viewFor(i, viewerId)).filter((v): v is InteractionView => v !== null).map(stripTenant);
}

export function stripTenant<T extends { tenantId: string }>(v: T): Omit<T, 'tenantId'> {
  const { tenantId: _t, ...rest } = v;
  return rest;
}

export function encodeCursor(c: { occurredAt: number; id: string }): string {
  return Buffer.from(`${c.occurredAt}|${c.id}`).toString('base64url');
}

export function decodeCursor(s: string): { occurredAt: number; id: string } {
  const m = /^(-?\d{1,16})\|(.{1,64})$/.exec(Buffer.from(s, 'base64url').toString('utf8'));
  if (!m) throw invalid('The cursor is not one this API gave out; start from the first page.', [{ field: 'cursor', message: 'invalid cursor' }]);
  return { occurredAt: Number(m[1]), id: m[2]! };
}
