import type { Feedback, FeedbackKind } from '../../domain/types.ts';
import type { Actor } from '../../domain/record-permissions.ts';
import { invalid } from '../../domain/errors.ts';
import { feedbackDateError } from '../../domain/feedback-date.ts';
import * as feedback from '../../store/feedback.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';

export interface AddFeedbackInput {
  accountId: string;
  contactId: string | null;
  kind: FeedbackKind;
  score: number;
  comment: string | null;
  /** When the customer gave it; now when left out. */
  givenAt?: number | undefined;
}

/** Anyone may record NPS or CSAT feedback on an account they can see (every account of the tenant). */
export async function addFeedback(scope: TenantScope, actor: Actor, input: AddFeedbackInput, now: number): Promise<Feedback> {
  const givenAt = input.givenAt ?? now;
  const dateError = feedbackDateError(givenAt, now);
  if (dateError) throw invalid('Feedback cannot be dated in the future.', [dateError]);
  return inTransaction(scope, (tx) =>
    feedback.addFeedback(tx, { accountId: input.accountId, contactId: input.contactId, kind: input.kind, score: input.score, comment: input.comment, givenAt }, actor.id, now),
  );
}
