// Answers that need a lookup beyond the record itself: an opportunity's permissions need its account's owner,
// an interaction's linked deal its name. Each batch is one query, however many records the answer holds.
import type { InteractionView } from '../domain/visibility.ts';
import type { Viewer } from '../domain/interaction-access.ts';
import type { Interaction, Opportunity } from '../domain/types.ts';
import type { AuthContext } from '../http/context.ts';
import type { TenantScope } from '../store/scope.ts';
import { getAccounts } from '../store/accounts.ts';
import { opportunityNames } from '../store/opportunities.ts';
import { actorOf, interactionView, interactionViews, opportunityCanView, opportunityView } from './views.ts';

export async function opportunityAnswers(auth: AuthContext, items: Opportunity[]) {
  const accounts = await getAccounts(auth.scope, items.map((o) => o.accountId));
  const ownerOf = new Map(accounts.map((a) => [a.id, a.ownerId]));
  const actor = actorOf(auth);
  return items.map((o) => opportunityView(o, opportunityCanView(actor, o, ownerOf.get(o.accountId) ?? null)));
}

export async function opportunityAnswer(auth: AuthContext, o: Opportunity) {
  return (await opportunityAnswers(auth, [o]))[0]!;
}

export async function interactionAnswer(scope: TenantScope, v: InteractionView) {
  return interactionView(v, await opportunityNames(scope, [v.opportunityId]));
}

export async function interactionAnswers(scope: TenantScope, items: Interaction[], viewer: Viewer) {
  return interactionViews(items, viewer, await opportunityNames(scope, items.map((i) => i.opportunityId)));
}
