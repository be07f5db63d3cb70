// Closing the loop on a follow-up: done (or open again), snoozed to a new date, handed to a colleague, or its
// note changed. One transaction, each change audited; someone with no part in it is answered as if it were absent.
import { forbidden, invalid, notFound } from '../../domain/errors.ts';
import { mayEditFollowUp, mayReassignFollowUp, type Actor } from '../../domain/record-permissions.ts';
import { localDate } from '../../domain/period.ts';
import { writeAudit } from '../../store/audit.ts';
import { getFollowUp, reassignFollowUp, setFollowUpDone, setFollowUpNote, snoozeFollowUp, type FollowUp } from '../../store/follow-ups.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { getUser } from '../../store/users.ts';
import { DAY_MS } from '../../domain/types.ts';

export interface FollowUpChange {
  done?: boolean;
  /** Snooze: the new due date (YYYY-MM-DD), today or later in `timeZone`. */
  dueOn?: string;
  assigneeId?: string;
  note?: string | null;
}

/** The furthest a follow-up can be put off: a promise a year away is not a follow-up. */
const MAX_SNOOZE_DAYS = 366;

export async function updateFollowUp(scope: TenantScope, actor: Actor, id: string, change: FollowUpChange, now: number, timeZone: string): Promise<FollowUp> {
  return inTransaction(scope, async (tx) => {
    let f = await getFollowUp(tx, id);
    const edit = mayEditFollowUp(actor, f);
    const reassign = mayReassignFollowUp(actor, f);
    // Someone with no part in it does not learn that it exists; a manager may hand it over but not mark it.
    if (!edit.allowed && !reassign.allowed) throw notFound('follow-up');
    const audit = (action: string, detail: unknown) => writeAudit(tx, { actorId: actor.id, action, entityType: 'follow-up', entityId: id, at: now, detail });
    const needsEdit = change.done !== undefined || change.dueOn !== undefined || change.note !== undefined;
    if (needsEdit && !edit.allowed) throw forbidden(edit.reason);

    if (change.note !== undefined && change.note !== f.note) {
      f = await setFollowUpNote(tx, id, change.note);
      await audit('follow-up.note', { fields: ['note'] });
    }
    if (change.dueOn !== undefined && change.dueOn !== f.dueOn) {
      const today = localDate(now, timeZone);
      const latest = localDate(now + MAX_SNOOZE_DAYS * DAY_MS, timeZone);
      if (change.dueOn < today) throw invalid('A follow-up can be moved to today or a later day, not into the past.', [{ field: 'dueOn', message: `must be ${today} or later` }]);
      if (change.dueOn > latest) throw invalid(`A follow-up can be moved at most ${MAX_SNOOZE_DAYS} days ahead.`, [{ field: 'dueOn', message: `must be ${latest} or earlier` }]);
      const from = f.dueOn;
      f = await snoozeFollowUp(tx, id, change.dueOn, now);
      await audit('follow-up.snooze', { from, to: f.dueOn, originalDueOn: f.originalDueOn });
    }
    if (change.done !== undefined && (change.done ? f.doneAt === null : f.doneAt !== null)) {
      f = await setFollowUpDone(tx, id, change.done ? now : null);
      await audit(change.done ? 'follow-up.done' : 'follow-up.reopen', {});
    }
    if (change.assigneeId !== undefined && change.assigneeId !== f.userId) {
      if (!reassign.allowed) throw forbidden(reassign.reason);
      const colleague = await getUser(tx, change.assigneeId);
      if (!colleague) throw invalid('There is no colleague with that id in your organisation.', [{ field: 'assigneeId', message: 'must be a colleague’s user id (GET /api/users)' }]);
      const from = f.userId;
      f = await reassignFollowUp(tx, id, colleague.id);
      await audit('follow-up.reassign', { from, to: colleague.id });
    }
    return f;
  });
}
