// Logging an interaction by hand, from the add-in or from Teams: who the participants are, which accounts it
// belongs to, its dedup key, and the logger's follow-up, committed together. Idempotent on the external key.
import type { Direction, InteractionKind, ParticipantRole, TenantSettings, Visibility } from '../../domain/types.ts';
import { planLog } from '../../domain/plan-log.ts';
import { viewOf, type Viewer } from '../../domain/interaction-access.ts';
import type { InteractionView } from '../../domain/visibility.ts';
import { emailExternalKey, meetingExternalKey } from '../../domain/message-id.ts';
import { meetingFingerprintKey } from '../../domain/meeting-fingerprint.ts';
import { DomainError } from '../../domain/errors.ts';
import { inTransaction, isUniqueViolation, type TenantScope } from '../../store/scope.ts';
import type { InteractionInput } from '../../store/interactions.ts';
import { setFollowUp, type FollowUp } from '../../store/follow-ups.ts';
import { matchAddresses } from './match-addresses.ts';
import { mergeAndLoad, type MergeResult } from './merge-interaction-copies.ts';
import { suppressedAddresses } from '../privacy/suppressed-addresses.ts';
import { withoutSuppressed } from '../../domain/erasure.ts';

/** Logs one interaction: idempotent on its external key, retried once on a race. */
export async function logInteraction(scope: TenantScope, input: InteractionInput, now: number): Promise<MergeResult> {
  try {
    return (await mergeAndLoad(scope, [input], now))[0]!;
  } catch (e) {
    // Two colleagues logging the same email at the same instant: the loser finds the winner's row and merges.
    if (isUniqueViolation(e) && input.externalKey) return (await mergeAndLoad(scope, [input], now))[0]!;
    throw e;
  }
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

/** A person logs what they saw (POST /api/interactions): they become its logger, with an optional follow-up. */
export async function logInteractionRequest(
  scope: TenantScope, who: Viewer & { settings: TenantSettings }, body: LogRequest, now: number,
): Promise<MergeResult & { view: InteractionView; followUp: FollowUp | null }> {
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
    const result = await logInteraction(tx, input, now);
    const accountId = result.interaction.accountIds[0];
    const followUp = body.followUpOn && accountId
      ? await setFollowUp(tx, { userId: who.userId, interactionId: result.interaction.id, accountId, dueOn: body.followUpOn }, now)
      : null;
    // The logger holds it now, so sees it in full.
    return { ...result, view: viewOf(who, result.interaction)!, followUp };
  });
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
