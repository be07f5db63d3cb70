// A follow-up set on an account without logging anything (POST /api/follow-ups): what was promised is kept as a
// note on the account's timeline, and the follow-up hangs on that note, so Today and the account show the promise
// the same way as one set when logging. The note, the follow-up and the audit entry commit together.
import type { Viewer } from '../../domain/interaction-access.ts';
import type { TenantSettings } from '../../domain/types.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requireAccount } from '../../store/accounts.ts';
import { writeAudit } from '../../store/audit.ts';
import type { FollowUp } from '../../store/follow-ups.ts';
import { logInteractionRequest } from '../interactions/log-interaction.ts';

export interface FollowUpRequest {
  accountId: string;
  dueOn: string;
  note: string;
}

export async function createFollowUp(scope: TenantScope, who: Viewer & { settings: TenantSettings }, body: FollowUpRequest, now: number): Promise<FollowUp> {
  return inTransaction(scope, async (tx) => {
    await requireAccount(tx, body.accountId);
    const logged = await logInteractionRequest(tx, who, {
      kind: 'note', subject: null, snippet: null, note: body.note, durationMinutes: null, participants: [], accountIds: [body.accountId],
      opportunityId: null, visibility: 'shared', source: 'teams', internetMessageId: null, iCalUId: null, followUpOn: body.dueOn,
    }, now);
    const followUp = logged.followUp!;
    await writeAudit(tx, { actorId: who.userId, action: 'follow-up.create', entityType: 'follow-up', entityId: followUp.id, at: now, detail: { accountId: body.accountId, dueOn: body.dueOn } });
    return followUp;
  });
}
