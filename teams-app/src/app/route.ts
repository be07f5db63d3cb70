// Which page the tab shows: from a deep link's subEntityId first, then the meeting frame, then the URL's
// ?view= (the manifest's tabs), then a configured channel tab's entityId (an account id). The meeting panel
// gets the meeting's chat thread: the context's chat.id inside Teams, ?chatId= on the web page. Pure.
import { parseAccountSubEntityId } from '../../../web-shared/src/deep-links.ts';
import type { TabContext } from '../host/teams-host.ts';

export const VIEWS = ['accounts', 'today', 'dashboard', 'my-mailbox', 'sync', 'audit', 'review', 'duplicates', 'settings', 'products', 'import', 'account', 'meeting'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  accountId?: string;
  interactionId?: string;
  /** The meeting panel's Teams meeting chat (19:meeting_...@thread.v2). */
  chatId?: string;
}

/** The personal tabs' entityIds in the manifest: not account ids. */
const STATIC_TABS = new Set(['accounts', 'today', 'dashboard']);
const MEETING_FRAMES = new Set(['sidePanel', 'meetingStage']);

/** teams-js's chat.id of a meeting (or channel) chat: "19:<id>@thread.<kind>", printable ASCII as the API accepts it. */
const CHAT_THREAD = /^19:(?:(?![/?#])[\x21-\x7e]){1,400}@thread\.[a-z0-9]{1,16}$/i;

export function resolveRoute(search: URLSearchParams, ctx: Pick<TabContext, 'entityId' | 'subEntityId' | 'frameContext'> & Partial<Pick<TabContext, 'chatId'>>): Route {
  const deepLink = parseAccountSubEntityId(ctx.subEntityId);
  const configuredAccount = ctx.entityId && !STATIC_TABS.has(ctx.entityId) ? ctx.entityId : undefined;
  const accountId = search.get('accountId') || configuredAccount;
  const interactionId = search.get('interactionId') || undefined;
  const chat = [ctx.chatId, search.get('chatId')].find((c) => c && CHAT_THREAD.test(c));
  const meeting = (): Route => ({ view: 'meeting', ...(accountId ? { accountId } : {}), ...(chat ? { chatId: chat } : {}) });
  if (deepLink) return { view: 'account', ...deepLink };
  if (ctx.frameContext && MEETING_FRAMES.has(ctx.frameContext)) return meeting();
  const asked = search.get('view') as View | null;
  const view: View = asked && (VIEWS as readonly string[]).includes(asked) ? asked : ctx.entityId && STATIC_TABS.has(ctx.entityId) ? (ctx.entityId as View) : accountId ? 'account' : 'accounts';
  if (view === 'meeting') return meeting();
  if (view === 'account' && accountId) return { view, accountId, ...(interactionId ? { interactionId } : {}) };
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
  if (route.chatId) q.set('chatId', route.chatId);
  return `?${q}`;
}
