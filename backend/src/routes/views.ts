// Domain values as the API shows them, and the only way a stored value reaches an answer: each view names
// every field it shows (opt-in), so a column added to the store (tenantId, a directory id) never leaks.
// Care status is added to accounts, weighted value to opportunities, visibility applied to interactions,
// timeline cursors made opaque.
import { careStatus } from '../domain/care-model.ts';
import type { InteractionView } from '../domain/visibility.ts';
import { viewOf, type Viewer } from '../domain/interaction-access.ts';
import { interactionAnswer } from '../domain/timeline-item.ts';
import type { Account, Contact, Feedback, Interaction, Opportunity, TenantSettings, User } from '../domain/types.ts';
import type { AddressMatch } from '../domain/match-participants.ts';
import type { FollowUp } from '../store/follow-ups.ts';
import type { PipelineStageSummary } from '../store/opportunities.ts';
import type { MailboxHealth } from '../store/sync-health.ts';
import { invalid } from '../domain/errors.ts';
import { weightedValue } from '../domain/opportunity-value.ts';
import {
  mayArchiveAccount, mayArchiveContact, mayArchiveOpportunity, mayChangeAccountOwner, mayChangeContactOwner, mayChangeOpportunityOwner,
  mayChangeTier, mayEditAccount, mayEditContact, mayEditOpportunity, mayMoveStage, type Actor, type Permission,
} from '../domain/record-permissions.ts';
import type { ShareRequest } from '../store/share-requests.ts';
import type { AuthContext } from '../http/context.ts';

/** With an actor the answer carries `can` (what they may change); lists of many accounts leave it out. */
export function accountView(a: Account, settings: TenantSettings, now: number, actor?: Actor) {
  const care = careStatus({ tier: a.tier, lastContactAt: a.lastContactAt, createdAt: a.createdAt, cadenceDays: settings.cadenceDays, now });
  return {
    id: a.id, name: a.name, domains: a.domains, tier: a.tier, lifecycle: a.lifecycle, ownerId: a.ownerId, industry: a.industry,
    size: a.size, region: a.region, lastContactAt: a.lastContactAt,
    care: { cadenceDays: care.cadenceDays, lastContactAt: care.lastContactAt, nextDueAt: care.nextDueAt, overdue: care.overdue, daysOverdue: care.daysOverdue },
    createdAt: a.createdAt, updatedAt: a.updatedAt, archivedAt: a.archivedAt ?? null,
    ...(actor ? { can: accountCanView(actor, a) } : {}),
  };
}

/** A colleague as the API shows them: no directory ids, no dates. */
export function userView(u: Pick<User, 'id' | 'displayName' | 'email' | 'role' | 'team'>) {
  return { id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team };
}

/** Routes about one contact or opportunity add `can` (contactCanView, opportunityCanView) beside the view. */
export function contactView(c: Contact) {
  return {
    id: c.id, accountId: c.accountId, name: c.name, emails: c.emails, phones: c.phones, title: c.title, ownerId: c.ownerId,
    createdAt: c.createdAt, updatedAt: c.updatedAt, archivedAt: c.archivedAt ?? null,
  };
}

/** A permission as the API shows it: the UI disables the control and shows the reason instead of risking a 403. */
export function permissionView(p: Permission): { allowed: boolean; reason: string | null } {
  return p.allowed ? { allowed: true, reason: null } : { allowed: false, reason: p.reason };
}

/** What the viewer may do to an account (the account page's header and its controls). */
export function accountCanView(actor: Actor, a: { ownerId: string | null }) {
  return {
    edit: permissionView(mayEditAccount(actor, a)), changeTier: permissionView(mayChangeTier(actor, a)),
    changeOwner: permissionView(mayChangeAccountOwner(actor)), archive: permissionView(mayArchiveAccount(actor, a)),
  };
}

/** What the viewer may do to an opportunity; `accountOwnerId` is its account's owner (who may edit its deals too). */
export function opportunityCanView(actor: Actor, o: { ownerId: string | null }, accountOwnerId: string | null) {
  const account = { ownerId: accountOwnerId };
  return {
    edit: permissionView(mayEditOpportunity(actor, o, account)),
    moveStage: permissionView(mayMoveStage(actor, o, account)),
    changeOwner: permissionView(mayChangeOpportunityOwner(actor, o, account)),
    archive: permissionView(mayArchiveOpportunity(actor, o, account)),
  };
}

/** What the viewer may do to a contact; `account` is its account (whose owner may edit its contacts too). */
export function contactCanView(actor: Actor, c: { ownerId: string | null }, account: { ownerId: string | null } | null) {
  return {
    edit: permissionView(mayEditContact(actor, c, account)), changeOwner: permissionView(mayChangeContactOwner(actor, c, account)),
    archive: permissionView(mayArchiveContact(actor, c, account)),
  };
}

export function opportunityView(o: Opportunity, can: ReturnType<typeof opportunityCanView>) {
  return {
    id: o.id, accountId: o.accountId, name: o.name, stage: o.stage, value: o.value, currency: o.currency,
    lines: o.lines.map((l) => ({ product: l.product, productId: l.productId ?? null, quantity: l.quantity, unitPrice: l.unitPrice })),
    expectedCloseDate: o.expectedCloseDate, probability: o.probability, weightedValue: weightedValue(o),
    ownerId: o.ownerId, stageChangedAt: o.stageChangedAt, createdAt: o.createdAt, updatedAt: o.updatedAt, archivedAt: o.archivedAt ?? null, can,
  };
}

/** Who is asking, as the permission rules see them: the role comes from the token. */
export function actorOf(auth: AuthContext): Actor {
  return { id: auth.user.id, role: auth.role };
}

export function feedbackView(f: Feedback) {
  return { id: f.id, accountId: f.accountId, contactId: f.contactId, kind: f.kind, score: f.score, comment: f.comment, givenAt: f.givenAt };
}

/** The newest feedback of a kind (the list comes newest first), or null. */
export function latestFeedbackView(items: Feedback[], kind: Feedback['kind']) {
  const f = items.find((x) => x.kind === kind);
  return f ? feedbackView(f) : null;
}

/** Who of the team last had contact with an account, and how often. */
export function careByUserView(r: { userId: string; lastContactAt: number; interactions: number }) {
  return { userId: r.userId, lastContactAt: r.lastContactAt, interactions: r.interactions };
}

export function followUpView(f: FollowUp) {
  return {
    id: f.id, interactionId: f.interactionId, accountId: f.accountId, dueOn: f.dueOn, doneAt: f.doneAt,
    assigneeId: f.userId, createdBy: f.createdBy, originalDueOn: f.originalDueOn, note: f.note,
  };
}

/**
 * An interaction as its viewer may see it (visibility applied by domain/visibility.ts beforehand). Defined in
 * domain/timeline-item.ts, which also serialises it once per write for the timeline's stored pages.
 */
export const interactionView = interactionAnswer;

/** The ones the viewer may see, each as they may see it; the others are left out. */
export function interactionViews(items: Interaction[], viewer: Viewer, opportunityNames: ReadonlyMap<string, string>) {
  return items.map((i) => viewOf(viewer, i)).filter((v): v is InteractionView => v !== null).map((v) => interactionView(v, opportunityNames));
}

/** A request to share an item, as its holder (or the requester) sees it: who asks, for what, and the answer. */
export function shareRequestView(r: ShareRequest, viewer: { holds: boolean }) {
  return {
    id: r.id, interactionId: r.interactionId, accountId: r.accountId, accountName: r.accountName, requesterId: r.requesterId, status: r.status, message: r.message,
    kind: r.kind, occurredAt: r.occurredAt, subject: viewer.holds ? r.subject : null, createdAt: r.createdAt, answeredAt: r.answeredAt, answeredBy: r.answeredBy,
  };
}

export function matchView(m: AddressMatch) {
  return {
    address: m.address, displayName: m.displayName, kind: m.kind, userId: m.userId, contactId: m.contactId, accountIds: m.accountIds,
    automated: m.automated,
    suggestion: m.suggestion && {
      newContact: m.suggestion.newContact && { name: m.suggestion.newContact.name, accountId: m.suggestion.newContact.accountId },
      newAccount: m.suggestion.newAccount && { domain: m.suggestion.newAccount.domain, name: m.suggestion.newAccount.name },
    },
  };
}

export function settingsView(s: TenantSettings) {
  return {
    cadenceDays: { ...s.cadenceDays }, internalDomains: s.internalDomains, blockedDomains: s.blockedDomains, blockedAddresses: s.blockedAddresses,
    defaultSyncVisibility: s.defaultSyncVisibility, storeSnippets: s.storeSnippets, minutesPerEmail: s.minutesPerEmail,
    stageProbability: { ...s.stageProbability }, retention: { ...s.retention }, idleDealDays: s.idleDealDays,
    carePlans: { A: { ...s.carePlans.A }, B: { ...s.carePlans.B }, C: { ...s.carePlans.C }, D: { ...s.carePlans.D } },
    timeZone: s.timeZone,
  };
}

export function mailboxSettingsView(m: { id: string; enabled: boolean; folders: string[]; windowBackDays: number; windowAheadDays: number; blockedAddresses: string[]; blockedDomains: string[] }) {
  return {
    id: m.id, enabled: m.enabled, folders: m.folders, windowBackDays: m.windowBackDays, windowAheadDays: m.windowAheadDays,
    blockedAddresses: m.blockedAddresses, blockedDomains: m.blockedDomains,
  };
}

export function pipelineStageView(s: PipelineStageSummary) {
  return { stage: s.stage, count: s.count, valueCents: s.valueCents, weightedCents: s.weightedCents };
}

export function mailboxHealthView(h: MailboxHealth) {
  const m = h.mailbox;
  return {
    mailbox: { id: m.id, userId: m.userId, address: m.address, mode: m.mode, enabled: m.enabled, folders: m.folders },
    state: h.state, lastSuccessAt: h.lastSuccessAt, itemsSeen: h.itemsSeen, itemsStored: h.itemsStored, skipped: { ...h.skipped },
    lastError: h.lastError, lastErrorAt: h.lastErrorAt, consecutiveFailures: h.consecutiveFailures, throttledMs: h.throttledMs,
    streams: h.streams.map((x) => ({
      stream: x.stream, state: x.state, hasDeltaLink: x.hasDeltaLink, fullRoundInProgress: x.fullRoundInProgress, updatedAt: x.updatedAt,
      consecutiveFailures: x.consecutiveFailures, lastError: x.lastError, lastErrorStatus: x.lastErrorStatus, lastErrorCode: x.lastErrorCode,
      lastErrorAt: x.lastErrorAt, adminAction: x.adminAction, nextAttemptAt: x.nextAttemptAt, lastSuccessAt: x.lastSuccessAt, lastResyncAt: x.lastResyncAt,
    })),
    unreadable: h.unreadable.map((u) => ({ stream: u.stream, graphId: u.graphId, reason: u.reason, firstSeenAt: u.firstSeenAt, lastSeenAt: u.lastSeenAt })),
    subscriptions: h.subscriptions, nextRenewalAt: h.nextRenewalAt,
  };
}

export function encodeCursor(c: { occurredAt: number; id: string }): string {
  return Buffer.from(`${c.occurredAt}|${c.id}`).toString('base64url');
}

export function decodeCursor(s: string): { occurredAt: number; id: string } {
  const m = /^(-?\d{1,16})\|(.{1,64})$/.exec(Buffer.from(s, 'base64url').toString('utf8'));
  if (!m) throw invalid('The cursor is not one this API gave out; start from the first page.', [{ field: 'cursor', message: 'invalid cursor' }]);
  return { occurredAt: Number(m[1]), id: m[2]! };
}
