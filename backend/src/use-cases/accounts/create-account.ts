import type { Account } from '../../domain/types.ts';
import type { Actor } from '../../domain/record-permissions.ts';
import * as accounts from '../../store/accounts.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { requireColleague } from '../require-colleague.ts';
import { relinkUnmatched } from '../interactions/relink-unmatched.ts';
import { refuseLikelyDuplicateAccount } from './find-duplicates.ts';

export type CreateAccountInput = Omit<accounts.AccountInput, 'ownerId'> & {
  ownerId?: string | null | undefined;
  /** Create it even though it looks like an existing account (never when its domain is taken). */
  allowDuplicate?: boolean | undefined;
};

/** Anyone may create an account; its owner is the creator unless the request names another (or nobody). */
export async function createAccount(scope: TenantScope, actor: Actor, input: CreateAccountInput, now: number): Promise<Account> {
  return inTransaction(scope, async (tx) => {
    await requireColleague(tx, input.ownerId);
    const { allowDuplicate, ...fields } = input;
    await refuseLikelyDuplicateAccount(tx, fields, allowDuplicate === true);
    const account = await accounts.createAccount(tx, { ...fields, ownerId: input.ownerId === undefined ? actor.id : input.ownerId }, actor.id, now);
    // Mail from the new account's domains that nobody could place joins its timeline.
    await relinkUnmatched(tx, { domains: account.domains });
    return account;
  });
}
