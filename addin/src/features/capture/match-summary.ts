// What the pane makes of a match answer: the accounts the item belongs to, the candidates when a domain is
// shared by several accounts, and whether there is anything to log at all. Pure, so the states are testable.
import type { MatchResult } from '../../../../web-shared/src/index.ts';

export interface MatchedAccount {
  id: string;
  name: string;
  tier: string;
  lifecycle: string;
  domains: string[];
  ownerId: string | null;
  lastContactAt: number | null;
  care: { cadenceDays: number | null; nextDueAt: number | null; overdue: boolean; daysOverdue: number };
  /** The account's own open pipeline (the match answer carries it): the figure the Teams page shows. */
  openPipelineCents: number;
}

export type MatchState = 'matched' | 'ambiguous' | 'unknown' | 'internal' | 'nobody';

export interface MatchSummary {
  state: MatchState;
  /** Accounts named by a contact or an account domain. */
  accounts: MatchedAccount[];
  /** Accounts an ambiguous domain could mean (not already in accounts). */
  candidates: MatchedAccount[];
  results: MatchResult[];
}

export function summarizeMatch(answer: { results: MatchResult[]; accounts: unknown[] }): MatchSummary {
  const all = answer.accounts as MatchedAccount[];
  const byId = new Map(all.map((a) => [a.id, a]));
  const pick = (ids: string[]) => [...new Set(ids)].map((id) => byId.get(id)).filter((a): a is MatchedAccount => !!a);
  const accounts = pick(answer.results.filter((r) => r.kind === 'contact' || r.kind === 'account').flatMap((r) => r.accountIds));
  const candidates = pick(answer.results.filter((r) => r.kind === 'ambiguous').flatMap((r) => r.accountIds)).filter((a) => !accounts.some((x) => x.id === a.id));
  const external = answer.results.filter((r) => r.kind !== 'colleague' && r.kind !== 'invalid');
  const state: MatchState = accounts.length
    ? 'matched'
    : candidates.length
      ? 'ambiguous'
      : external.some((r) => r.kind === 'unknown' || r.kind === 'personal')
        ? 'unknown'
        : answer.results.length && external.length === 0
          ? 'internal'
          : 'nobody';
  return { state, accounts, candidates, results: answer.results };
}
