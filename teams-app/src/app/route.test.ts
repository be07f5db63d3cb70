import { describe, expect, it } from 'vitest';
import { resolveRoute, routeSearch } from './route.ts';

const none = { entityId: null, subEntityId: null, frameContext: null };
const q = (s: string) => new URLSearchParams(s);

describe('resolveRoute', () => {
  it('follows ?view= from the manifest’s personal tabs', () => {
    expect(resolveRoute(q('view=today'), none)).toEqual({ view: 'today' });
    expect(resolveRoute(q('view=dashboard'), none)).toEqual({ view: 'dashboard' });
    expect(resolveRoute(q(''), none)).toEqual({ view: 'accounts' });
    expect(resolveRoute(q('view=nonsense'), none)).toEqual({ view: 'accounts' });
  });

  it('opens an account from the URL, or from a configured channel tab’s entityId', () => {
    expect(resolveRoute(q('view=account&accountId=a1&interactionId=i1'), none)).toEqual({ view: 'account', accountId: 'a1', interactionId: 'i1' });
    expect(resolveRoute(q(''), { ...none, entityId: 'a2' })).toEqual({ view: 'account', accountId: 'a2' });
    expect(resolveRoute(q('view=account'), none)).toEqual({ view: 'accounts' });
    // The personal tabs' entityIds are pages, not accounts.
    expect(resolveRoute(q(''), { ...none, entityId: 'today' })).toEqual({ view: 'today' });
  });

  it('lets a deep link’s subEntityId win, and a meeting frame show the meeting panel', () => {
    expect(resolveRoute(q('view=today'), { ...none, entityId: 'accounts', subEntityId: 'account:a3/interaction:i9' })).toEqual({ view: 'account', accountId: 'a3', interactionId: 'i9' });
    expect(resolveRoute(q('view=account&accountId=a4'), { ...none, entityId: 'a4', frameContext: 'sidePanel' })).toEqual({ view: 'meeting', accountId: 'a4' });
    expect(resolveRoute(q(''), { ...none, frameContext: 'meetingStage' })).toEqual({ view: 'meeting' });
  });

  it('gives the meeting panel its chat: Teams’ chat.id in a meeting frame, ?chatId= on the web page, nothing that is not a thread', () => {
    const chat = '19:meeting_ODkyNWFmNGYtZjBjYS00MDdlLTllOWQtN2E3MzJlNjM0ZWRj@thread.v2';
    expect(resolveRoute(q(''), { ...none, frameContext: 'sidePanel', entityId: 'a5', chatId: chat })).toEqual({ view: 'meeting', accountId: 'a5', chatId: chat });
    expect(resolveRoute(q(`view=meeting&chatId=${encodeURIComponent(chat)}`), none)).toEqual({ view: 'meeting', chatId: chat });
    expect(resolveRoute(q('view=meeting&chatId=not-a-thread'), none)).toEqual({ view: 'meeting' });
    // A chat outside a meeting frame (a group chat tab) is not the meeting panel's business.
    expect(resolveRoute(q(''), { ...none, entityId: 'a6', chatId: chat, frameContext: 'content' })).toEqual({ view: 'account', accountId: 'a6' });
    expect(routeSearch({ view: 'meeting', chatId: chat }, q(''))).toBe(`?view=meeting&chatId=${encodeURIComponent(chat).replace(/%20/g, '+')}`);
  });

  it('keeps the demo user, language and theme across navigation', () => {
    expect(routeSearch({ view: 'account', accountId: 'a1' }, q('demoUser=u1&theme=dark&view=today&junk=1'))).toBe('?demoUser=u1&theme=dark&view=account&accountId=a1');
  });
});
