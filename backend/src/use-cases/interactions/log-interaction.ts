// Logging an interaction by hand, from the add-in or from Teams: who the participants are, which accounts it
// belongs to, its dedup key, and the logger's follow-up, committed together. Idempotent on the external key.
import type { Direction, InteractionKind, ParticipantRole, TenantSettings, Visibility } from '../../domain/types.ts';
import { planLog } from '../../domain/plan-log.ts';
import { logByKeyOutcome, viewOf, type Viewer } from '../../domain/interaction-access.ts';
import type { InteractionView } from '../../domain/visibility.ts';
import { emailExternalKey, meetingExternalKey } from '../../domain/message-id.ts';
import { meetingFingerprintKey } from '../../domain/meeting-fingerprint.ts';
import { DomainError } from '../../domain/errors.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import type { InteractionInput } from '../../store/interactions.ts';
import { setFollowUp, type FollowUp } from '../../store/follow-ups.ts';
import { addHolders, storedByExternalKeys } from '../../store/interaction-writes.ts';
import { withRollups } from '../../store/rollups.ts';
import { userMailboxHolds } from '../../store/sync-items.ts';
import { reconcileMeetingKeys } from './reconcile-meeting-keys.ts';
import { matchAddresses } from './match-addresses.ts';
import { mergeAndLoad, type MergeResult } from './merge-interaction-copies.ts';
import { suppressedAddresses } from '../privacy/suppressed-addresses.ts';
import { withoutSuppressed } from '../../domain/erasure.ts';

/**
 * Logs one interaction: idempotent on its external key. Two colleagues logging the same email at the same
 * instant need no retry: the merge inserts or merges by key, so the loser merges into the winner's row.
 */
export async function logInteraction(scope: TenantScope, input: InteractionInput, now: number): Promise<MergeResult> {
  return (await mergeAndLoad(scope, [input], now))[0]!;
}

export interface LogRequest {
  kind: InteractionKind;
  occurredAt?: number;
  subject: string | null;
  snippet: string | null;
  note: string | null;
  durationMinutes: number | null;
  participants: { role: ParticipantRole; address: string; displayName: string | null }[];
  /** Defaults to the accounts the participants match. */
  accountIds?: string[];
  opportunityId: string | null;
  visibility: Visibility;
  source: 'addin' | 'manual' | 'teams';
  internetMessageId: string | null;
  iCalUId: string | null;
  followUpOn: string | null;
}

/**
 * What a log became: the interaction (new, or the existing one joined), or, when the key names an email or
 * meeting of a colleague's that the caller may not see, a note of their own.
 */
export type LoggedAs = 'interaction' | 'note';

/** A person logs what they saw (POST /api/interactions): they become its logger, with an optional follow-up. */
export async function logInteractionRequest(
  scope: TenantScope, who: Viewer & { settings: TenantSettings }, body: LogRequest, now: number,
): Promise<MergeResult & { view: InteractionView; followUp: FollowUp | null; loggedAs: LoggedAs }> {
  // An erased person is never a participant again; what was about them alone (subject, snippet, note) is not kept.
  const suppressed = await suppressedAddresses(scope, body.participants.map((p) => p.address));
  const { kept, onlySuppressed } = withoutSuppressed(body.participants, () => true, suppressed);
  const results = kept.length ? await matchAddresses(scope, who.settings, kept) : [];
  const external = results.some((r) => r.userId === null && r.kind !== 'colleague');
  const blank = onlySuppressed || (suppressed.size > 0 && !external);
  const plan = planLog({ ...body, participants: kept }, results, who.settings);
  if (body.accountIds === undefined && plan.accountIds.length === 0) {
    throw new DomainError('unprocessable', 'No account to log to', plan.reason ?? 'None of the participants belongs to a known account. Pick the account, or create it first.', [
      { field: 'accountIds', message: 'pick at least one account' },
    ]);
  }
  const occurredAt = body.occurredAt ?? now;
  const input: InteractionInput = {
    kind: body.kind,
    direction: plan.direction as Direction | null,
    occurredAt,
    subject: blank ? null : body.subject,
    snippet: blank ? null : body.snippet,
    note: blank ? null : body.note,
    durationMinutes: body.durationMinutes,
    participants: plan.participants,
    accountIds: body.accountIds ?? plan.accountIds,
    opportunityId: body.opportunityId,
    source: body.source,
    visibility: body.visibility,
    holders: [{ userId: who.userId, relation: 'logged', at: now }],
    externalKey: externalKeyOf(body, occurredAt),
  };
  // The interaction and the logger's follow-up commit together.
  return inTransaction(scope, async (tx) => {
    const loggedAs = await decideByKey(tx, who, input, now);
    const result = await logInteraction(tx, loggedAs === 'note' ? ownNote(input) : input, now);
    const accountId = result.interaction.accountIds[0];
    const followUp = body.followUpOn && accountId
      ? await setFollowUp(tx, { userId: who.userId, interactionId: result.interaction.id, accountId, dueOn: body.followUpOn }, now)
      : null;
    // The logger holds it now (or wrote the note), so sees it in full.
    return { ...result, view: viewOf(who, result.interaction)!, followUp, loggedAs };
  });
}

/**
 * Knowing a key (a Message-ID from a redacted view or a References header, an iCalUId) proves nothing. A caller
 * whose synced mailbox has the item holds it, and joins it; one who may not see it gets a note of their own.
 */
async function decideByKey(tx: TenantScope, who: Viewer, input: InteractionInput, now: number): Promise<LoggedAs> {
  const [keyed] = await reconcileMeetingKeys(tx, [input]);
  const key = keyed?.externalKey;
  const prior = key ? (await storedByExternalKeys(tx, [key])).get(key) : undefined;
  const outcome = logByKeyOutcome(who, prior ? { visibility: prior.visibility, removed: prior.removed, holders: [...prior.holderIds].map((userId) => ({ userId })) } : null);
  if (outcome !== 'note' || !prior) return 'interaction';
  if (await userMailboxHolds(tx, who.userId, prior.id)) {
    await withRollups(tx, [prior.id], () => addHolders(tx, [{ interactionId: prior.id, userId: who.userId, relation: 'holds', at: now }]));
    return 'interaction';
  }
  return 'note';
}

/** The caller's log as their own note: their text and what kind of contact it was, never the message's key or content. */
function ownNote(input: InteractionInput): InteractionInput {
  const what = input.kind === 'meeting' ? 'Logged a meeting.' : 'Logged an email.';
  return {
    ...input, kind: 'note', direction: null, subject: null, snippet: null, durationMinutes: null, externalKey: null,
    note: input.note ? `${what}\n\n${input.note}` : what,
  };
}

function externalKeyOf(body: LogRequest, occurredAt: number): string | null {
  const from = body.participants.find((p) => p.role === 'from' || p.role === 'organizer');
  if (body.kind === 'email') {
    return emailExternalKey({
      internetMessageId: body.internetMessageId,
      from: from?.address ?? null,
      sentAt: occurredAt,
      subject: body.subject,
      to: body.participants.filter((p) => p.role === 'to' || p.role === 'cc').map((p) => p.address),
    });
  }
  // Without its iCalUId (office.js has none) a meeting is known by organizer, minute and subject.
  if (body.kind === 'meeting') return meetingExternalKey(body.iCalUId) ?? meetingFingerprintKey({ organizer: from?.address, start: occurredAt, subject: body.subject });
  return null;
}
