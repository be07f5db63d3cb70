import { notFound } from '../../domain/errors.ts';
import { mayEditFollowUp, type Actor } from '../../domain/record-permissions.ts';
import { getFollowUp, setFollowUpDone, type FollowUp } from '../../store/follow-ups.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';

/** Marks one of the actor's follow-ups done, or open again. Someone else's is answered as absent (404). */
export async function markFollowUp(scope: TenantScope, actor: Actor, id: string, done: boolean, now: number): Promise<FollowUp> {
  return inTransaction(scope, async (tx) => {
    const followUp = await getFollowUp(tx, id);
    if (!mayEditFollowUp(actor, followUp).allowed) throw notFound('follow-up');
    return setFollowUpDone(tx, id, done ? now : null);
  });
}
