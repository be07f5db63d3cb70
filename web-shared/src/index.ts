// web-shared: what the Outlook add-in and the Teams app both import. See ../README.md.
export { createApiClient, unwrap, expectOk, type ApiClient, type ApiClientOptions } from './api/client.ts';
export { ApiProblem, BackendUnreachable, SignInRequired, isDomainTaken, isLikelyDuplicate, problemFromResponse, type DuplicateCandidate, type ProblemDetails, type FieldError } from './api/problem.ts';
export type { Account, AccountListPage, Contact, Interaction, Me, MatchResponse, MatchResult, MeetingByChat, Opportunity, SearchHit, SearchResult, TimelinePage, User } from './api/types.ts';
export { accountCandidates, searchable, searchRecords, type AccountCandidate, type SearchOptions } from './api/search.ts';
export { createI18n, resolveLocale, LOCALES, type I18n, type Locale, type Messages, type MessageBundle } from './i18n/i18n.ts';
export { formatMessage, type MessageVars } from './i18n/format-message.ts';
export { I18nProvider, useI18n } from './i18n/i18n-context.tsx';
export { apiScope, type AuthProvider, type SignedInUser } from './auth/auth-provider.ts';
export { createDemoAuth, listDemoUsers, type DemoUser, type DemoAuthOptions } from './auth/demo-auth.ts';
export { createMsalAuth, type MsalAuthOptions } from './auth/msal-auth.ts';
export { fluentTheme } from './theme/theme.ts';
export { luminance, variantForBackground, type ThemeVariant } from './theme/background.ts';
export { AccountCard, type AccountCardData } from './components/account-card.tsx';
export { TimelineItem, noteFirstLine, type TimelineItemData } from './components/timeline-item.tsx';
export { TierBadge } from './components/tier-badge.tsx';
export { FollowUpActions, localDayAfter, nextWeekStart, type FollowUpActionsProps } from './components/follow-up-actions.tsx';
export { LoadingState } from './components/loading-state.tsx';
export { ErrorState, describeError } from './components/error-state.tsx';
export { useAsync, type AsyncState } from './components/use-async.ts';
export {
  ACCOUNTS_TAB_ENTITY_ID, accountSubEntityId, parseAccountSubEntityId, teamsAccountDeepLink, teamsAppPageUrl, teamsTodayDeepLink,
} from './deep-links.ts';
