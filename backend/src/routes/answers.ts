// Answers that need a lookup beyond the record itself: an opportunity's permissions need its account's owner,
// an interaction's linked deal its name. Each batch is one query, however many records the answer holds.
import type { InteractionView } from '../domain/visibility.ts';
import { interactionAccess, type Viewer } from '../domain/interaction-access.ts';
import { timelineItemAnswerBound, timelineItemOpportunityId, writeTimelineItemAnswer } from '../domain/timeline-item.ts';
import type { TimelineEntry } from '../store/timeline-rows.ts';
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

/**
 * A timeline page's JSON as UTF-8 bytes, byte for byte what JSON.stringify of { items: interactionAnswers(...), next }
 * gives: each stored answer's slots filled for this viewer (what they may see of it, decided now from its visibility
 * and holders; never cached across viewers) and the deals' names, written one after another into one buffer.
 */
export async function timelineAnswerBytes(scope: TenantScope, entries: TimelineEntry[], viewer: Viewer, next: string | null): Promise<Buffer> {
  const visible: { item: Buffer; see: 'full' | 'metadata' }[] = [];
  let size = 0;
  for (const e of entries) {
    const { see } = interactionAccess(viewer, { visibility: e.visibility, holders: e.holderIds.map((userId) => ({ userId, relation: 'holds', at: 0 })) });
    if (see !== 'none') visible.push({ item: e.item, see });
  }
  const names = new Map<string, Buffer>();
  let longestName = 0;
  for (const [id, name] of await opportunityNames(scope, visible.map((v) => timelineItemOpportunityId(v.item)))) {
    const json = Buffer.from(JSON.stringify(name));
    names.set(id, json);
    longestName = Math.max(longestName, json.length);
  }
  for (const v of visible) size += timelineItemAnswerBound(v.item, longestName) + 1;
  const tail = Buffer.from(`],"next":${JSON.stringify(next)}}`);
  const out = Buffer.allocUnsafe(HEAD.length + size + tail.length);
  let at = HEAD.copy(out, 0);
  visible.forEach((v, k) => {
    if (k > 0) out[at++] = COMMA;
    at = writeTimelineItemAnswer(v.item, v.see, names, out, at);
  });
  at += tail.copy(out, at);
  return out.subarray(0, at);
}

const HEAD = Buffer.from('{"items":[');
const COMMA = 0x2c;
