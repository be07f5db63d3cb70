// What one Graph item becomes: an interaction to store, or a skip with its reason. Pure: the matches come in
// already looked up, the clock and settings as values. Only 'customer' items are ever stored.
import { classifyEvent, classifyMessage, directionOf } from '../domain/classify-interaction.ts';
import type { AddressMatch } from '../domain/match-participants.ts';
import { emailExternalKey, meetingExternalKey } from '../domain/message-id.ts';
import type { Participant, ParticipantRole, TenantSettings } from '../domain/types.ts';
import type { CalendarItem, MailAddress, MailItem } from '../graph/index.ts';
import type { InteractionInput } from '../store/interactions.ts';
import { readLogIntent, type LogIntent } from '../domain/log-intent.ts';
import { withoutSuppressed } from '../domain/erasure.ts';

/** Why an item was not stored: the classifications other than customer, and the sync engine's own. */
export type SkipReason =
  | 'internal' | 'personal' | 'automated' | 'private' | 'blocked' | 'draft' | 'cancelled'
  | 'series-master' | 'no-ical-uid' | 'removed-by-user' | 'suppressed';

export interface PlanContext {
  /** The mailbox owner: the holder of everything synced from the mailbox. */
  ownerUserId: string;
  /** The mailbox's own address: its owner's, so internal even before the directory is read. */
  ownAddresses?: { address: string; userId: string }[];
  settings: Pick<TenantSettings, 'storeSnippets' | 'defaultSyncVisibility'>;
  now: number;
  /** Canonical addresses of erased people among the page's: never stored as participants again. */
  suppressed?: ReadonlySet<string>;
}

export type ItemPlan =
  | {
      graphId: string; outcome: 'store'; input: InteractionInput; ambiguousAccount: boolean; conversationId: string | null;
      /** An online Teams meeting's chat thread, recorded against the meeting's interaction. */
      teamsThreadId: string | null;
      /**
       * The mailbox owner's "log this email when sent" on their sent copy, shape-checked (the store checks its
       * accounts and opportunity and applies it: see apply-log-intent.ts). Not applied yet to `input`.
       */
      logIntent: LogIntent | null;
      /** Why the add-in's intent was not (or not wholly) honoured, counted like a skip reason; null when nothing was wrong. */
      intentIssue: IntentIssue | null;
    }
  | { graphId: string; outcome: 'skip'; reason: SkipReason };

export type MatchLookup = (address: string) => AddressMatch;

/** Counted per mailbox beside the skip reasons: an unreadable intent (the email is still stored), or one partly refused. */
export type IntentIssue = 'log-intent-unreadable' | 'log-intent-partly-ignored';

/**
 * The intent on a message the mailbox owner sent. Only the sender's own copy counts: a colleague's intent that
 * travelled with internal mail into another mailbox is not that mailbox owner's choice.
 */
function ownLogIntent(item: MailItem, sender: AddressMatch | null, ctx: PlanContext): { logIntent: LogIntent | null; intentIssue: IntentIssue | null } {
  const props = item.addInProperties;
  if (!props || sender?.userId !== ctx.ownerUserId) return { logIntent: null, intentIssue: null };
  if (!props.ok) return { logIntent: null, intentIssue: 'log-intent-unreadable' };
  const reading = readLogIntent(props.values);
  if (!reading) return { logIntent: null, intentIssue: null };
  if (!reading.intent) return { logIntent: null, intentIssue: 'log-intent-unreadable' };
  return { logIntent: reading.intent, intentIssue: reading.refused.length ? 'log-intent-partly-ignored' : null };
}

/** The addresses of an item that go through matching (room and equipment resources do not). */
export function itemAddresses(item: MailItem | CalendarItem): MailAddress[] {
  if ('internetMessageId' in item) return [item.from ?? item.sender, ...item.to, ...item.cc].filter((a): a is MailAddress => a !== null);
  return [item.organizer, ...item.attendees.filter((a) => a.type !== 'resource')].filter((a): a is MailAddress => a !== null);
}

/** Accounts from contacts and known domains; an ambiguous domain is never guessed, only reported. */
function accountsOf(matches: AddressMatch[]): { accountIds: string[]; ambiguous: boolean } {
  const ids = new Set<string>();
  let ambiguous = false;
  for (const m of matches) {
    if (m.kind === 'contact' || m.kind === 'account') for (const id of m.accountIds) ids.add(id);
    if (m.kind === 'ambiguous') ambiguous = true;
  }
  return { accountIds: [...ids].sort(), ambiguous };
}

function participant(role: ParticipantRole, a: MailAddress, match: AddressMatch): Participant {
  // Stored in the matcher's canonical form (an IDN in Unicode), as the API stores it; an invalid one as Graph gave it.
  return { role, address: match.kind === 'invalid' ? a.address : match.address, displayName: a.name, userId: match.userId, contactId: match.contactId };
}

/**
 * The item's participants without erased people. null when an erased person was its only external party: the
 * item is about them alone and is skipped as 'suppressed'.
 */
function storable(roles: [ParticipantRole, MailAddress][], match: MatchLookup, ctx: PlanContext): [ParticipantRole, MailAddress][] | null {
  if (!ctx.suppressed?.size) return roles;
  const isExternal = ({ a }: { a: MailAddress }) => {
    const m = match(a.address);
    return m.userId === null && m.kind !== 'colleague';
  };
  const r = withoutSuppressed(roles.map(([role, a]) => ({ role, a, address: a.address })), isExternal, ctx.suppressed);
  return r.onlySuppressed ? null : r.kept.map(({ role, a }) => [role, a]);
}

function baseInput(ctx: PlanContext) {
  return {
    note: null,
    opportunityId: null,
    source: 'sync' as const,
    visibility: ctx.settings.defaultSyncVisibility,
    holders: [{ userId: ctx.ownerUserId, relation: 'holds' as const, at: ctx.now }],
  };
}

export function planMailItem(item: MailItem, match: MatchLookup, ctx: PlanContext): ItemPlan {
  const senderAddress = item.from ?? item.sender;
  const sender = senderAddress ? match(senderAddress.address) : null;
  const all: [ParticipantRole, MailAddress][] = [
    ...(senderAddress ? [['from', senderAddress] as [ParticipantRole, MailAddress]] : []),
    ...item.to.map((a) => ['to', a] as [ParticipantRole, MailAddress]),
    ...item.cc.map((a) => ['cc', a] as [ParticipantRole, MailAddress]),
  ];
  const roles = storable(all, match, ctx);
  if (!roles) return { graphId: item.graphId, outcome: 'skip', reason: 'suppressed' };
  const matches = roles.map(([, a]) => match(a.address));
  const { classification } = classifyMessage({
    sensitivity: item.sensitivity, isDraft: item.isDraft, from: sender, recipients: matches.slice(roles[0]?.[0] === 'from' ? 1 : 0),
  });
  if (classification !== 'customer') return { graphId: item.graphId, outcome: 'skip', reason: classification };
  const occurredAt = item.sentAt ?? item.receivedAt;
  const { accountIds, ambiguous } = accountsOf(matches);
  return {
    graphId: item.graphId,
    outcome: 'store',
    ambiguousAccount: ambiguous,
    conversationId: item.conversationId,
    teamsThreadId: null,
    ...ownLogIntent(item, sender, ctx),
    input: {
      ...baseInput(ctx),
      kind: 'email',
      direction: directionOf(sender),
      occurredAt,
      subject: item.subject,
      snippet: ctx.settings.storeSnippets ? item.bodyPreview : null,
      durationMinutes: null,
      participants: roles.map(([role, a], i) => participant(role, a, matches[i]!)),
      accountIds,
      externalKey: emailExternalKey({
        internetMessageId: item.internetMessageId,
        from: senderAddress?.address ?? null,
        sentAt: item.sentAt ?? item.receivedAt,
        subject: item.subject,
        to: [...item.to, ...item.cc].map((a) => a.address),
      }),
    },
  };
}

export function planCalendarItem(item: CalendarItem, match: MatchLookup, ctx: PlanContext): ItemPlan {
  // The series master is the pattern, not a meeting that happened: its occurrences and exceptions are.
  if (item.type === 'seriesMaster') return { graphId: item.graphId, outcome: 'skip', reason: 'series-master' };
  const organizer = item.organizer ? match(item.organizer.address) : null;
  const all: [ParticipantRole, MailAddress][] = [
    ...(item.organizer ? [['organizer', item.organizer] as [ParticipantRole, MailAddress]] : []),
    ...item.attendees
      .filter((a) => a.type !== 'resource' && a.address !== item.organizer?.address)
      .map((a) => ['attendee', a] as [ParticipantRole, MailAddress]),
  ];
  const roles = storable(all, match, ctx);
  if (!roles) return { graphId: item.graphId, outcome: 'skip', reason: 'suppressed' };
  const matches = roles.map(([, a]) => match(a.address));
  const { classification } = classifyEvent({
    sensitivity: item.sensitivity, isCancelled: item.isCancelled, organizer, attendees: matches.slice(roles[0]?.[0] === 'organizer' ? 1 : 0),
  });
  if (classification !== 'customer') return { graphId: item.graphId, outcome: 'skip', reason: classification };
  const externalKey = meetingExternalKey(item.iCalUId);
  // Without an iCalUId the copies in several calendars could not be merged into one meeting.
  if (!externalKey) return { graphId: item.graphId, outcome: 'skip', reason: 'no-ical-uid' };
  const { accountIds, ambiguous } = accountsOf(matches);
  return {
    graphId: item.graphId,
    outcome: 'store',
    ambiguousAccount: ambiguous,
    conversationId: null,
    teamsThreadId: item.teamsThreadId,
    logIntent: null,
    intentIssue: null,
    input: {
      ...baseInput(ctx),
      kind: 'meeting',
      direction: directionOf(organizer),
      occurredAt: item.start,
      subject: item.subject,
      snippet: null,
      durationMinutes: Math.max(0, Math.round((item.end - item.start) / 60_000)),
      participants: roles.map(([role, a], i) => participant(role, a, matches[i]!)),
      accountIds,
      externalKey,
    },
  };
}
