// Which page the tab shows: from a deep link's subEntityId first, then the meeting frame, then the URL's
// ?view= (the manifest's tabs), then a configured channel tab's entityId (an account id). Pure.
import { parseAccountSubEntityId } from '../../../web-shared/src/deep-links.ts';
import type { TabContext } from '../host/teams-host.ts';

export const VIEWS = ['accounts', 'today', 'dashboard', 'account', 'meeting'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  accountId?: string;
  interactionId?: string;
}

/** The personal tabs' entityIds in the manifest: not account ids. */
const STATIC_TABS = new Set(['accounts', 'today', 'dashboard']);
const MEETING_FRAMES = new Set(['sidePanel', 'meetingStage']);

export function resolveRoute(search: URLSearchParams, ctx: Pick<TabContext, 'entityId' | 'subEntityId' | 'frameContext'>): Route {
  const deepLink = parseAccountSubEntityId(ctx.subEntityId);
  const configuredAccount = ctx.entityId && !STATIC_TABS.has(ctx.entityId) ? ctx.entityId : undefined;
  const accountId = search.get('accountId') || configuredAccount;
  const interactionId = search.get('interactionId') || undefined;
  if (deepLink) return { view: 'account', ...deepLink };
  if (ctx.frameContext && MEETING_FRAMES.has(ctx.frameContext)) return { view: 'meeting', ...(accountId ? { accountId } : {}) };
  const asked = search.get('view') as View | null;
  const view: View = asked && (VIEWS as readonly string[]).includes(asked) ? asked : ctx.entityId && STATIC_TABS.has(ctx.entityId) ? (ctx.entityId as View) : accountId ? 'account' : 'accounts';
  if ((view === 'account' || view === 'meeting') && accountId) return { view, accountId, ...(interactionId ? { interactionId } : {}) };
  if (view === 'account') return { view: 'accounts' };
  return { view };
}

/** The query string of a route, so the address bar (and a reload) keeps the page. */
export function routeSearch(route: Route, keep: URLSearchParams): string {
  const q = new URLSearchParams();
  // Settings that are not navigation survive it (the demo user, the language and theme overrides).
  for (const k of ['demoUser', 'locale', 'theme']) {
    const v = keep.get(k);
    if (v) q.set(k, v);
  }
  q.set('view', route.view);
  if (route.accountId) q.set('accountId', route.accountId);
  if (route.interactionId) q.set('interactionId', route.interactionId);
  return `?${q}`;
}
