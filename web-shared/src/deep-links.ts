// Links into the Teams app (#5) from anywhere: Microsoft's documented entity deep link inside Microsoft 365,
// the Teams app's own page outside it (the demo, a plain browser).

/** The personal tab's entityId in the app manifest that shows accounts. */
export const ACCOUNTS_TAB_ENTITY_ID = 'accounts';

/** subEntityId of an account ("account:<id>") or a timeline item in it ("account:<id>/interaction:<id>"). */
export function accountSubEntityId(accountId: string, interactionId?: string): string {
  return interactionId ? `account:${accountId}/interaction:${interactionId}` : `account:${accountId}`;
}

/** The inverse of accountSubEntityId, for the Teams app reading its context's page.subPageId. */
export function parseAccountSubEntityId(sub: string | null | undefined): { accountId: string; interactionId?: string } | null {
  const m = /^account:([^/]+)(?:\/interaction:(.+))?$/.exec(sub ?? '');
  if (!m) return null;
  return m[2] ? { accountId: m[1]!, interactionId: m[2] } : { accountId: m[1]! };
}

/** The Teams app page outside Teams: /teams-app/index.html?view=account&accountId=... */
export function teamsAppPageUrl(origin: string, accountId: string, interactionId?: string): string {
  const q = new URLSearchParams({ view: 'account', accountId, ...(interactionId ? { interactionId } : {}) });
  return `${origin.replace(/\/+$/, '')}/teams-app/index.html?${q}`;
}

/**
 * https://teams.microsoft.com/l/entity/<appId>/<entityId>?webUrl=...&label=...&context={"subEntityId":"..."},
 * every parameter URL-encoded as the format requires.
 */
export function teamsAccountDeepLink(opts: { appId: string; accountId: string; label: string; webOrigin: string; interactionId?: string; entityId?: string }): string {
  const sub = accountSubEntityId(opts.accountId, opts.interactionId);
  const q = [
    `webUrl=${encodeURIComponent(teamsAppPageUrl(opts.webOrigin, opts.accountId, opts.interactionId))}`,
    `label=${encodeURIComponent(opts.label)}`,
    `context=${encodeURIComponent(JSON.stringify({ subEntityId: sub }))}`,
  ].join('&');
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(opts.appId)}/${encodeURIComponent(opts.entityId ?? ACCOUNTS_TAB_ENTITY_ID)}?${q}`;
}

/** The Today tab: https://teams.microsoft.com/l/entity/<appId>/today?webUrl=...&label=... (the weekly digest's link). */
export function teamsTodayDeepLink(opts: { appId: string; label: string; webOrigin: string }): string {
  const web = `${opts.webOrigin.replace(/\/+$/, '')}/teams-app/index.html?view=today`;
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(opts.appId)}/today?webUrl=${encodeURIComponent(web)}&label=${encodeURIComponent(opts.label)}`;
}
