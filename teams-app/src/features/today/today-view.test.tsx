// @vitest-environment happy-dom
// Follow-ups that close the loop, against the real API (app.request on a migrated SQLite database): Today says
// what was promised, the account name opens the account, and a follow-up is marked done, snoozed or handed to a
// colleague who then has it in their Today; the account's panel; the reminder settings.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../../test/support/api-harness.ts';
import type { Db } from '../../../../backend/src/store/connect.ts';
import { I18nProvider, createApiClient, createI18n, type User } from '../../../../web-shared/src/index.ts';
import messages from '../../i18n/messages.ts';
import { ServicesProvider, type AppServices } from '../../app/services.tsx';
import type { Route } from '../../app/route.ts';
import type { TeamsHost } from '../../host/teams-host.ts';
import { TodayView } from './today-view.tsx';
import { FollowUpsPanel } from '../account/follow-ups-panel.tsx';

configure({ asyncUtilTimeout: 8000 });
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
let accountId = '';
type U = Harness['a']['users']['rep'];

const asUser = (u: U): User => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team });
const host = {
  context: { hosted: false, locale: 'en-us', theme: 'default' as const, entityId: null, subEntityId: null, frameContext: 'content', userObjectId: null, tenantId: null, loginHint: null, meetingId: null, chatId: null, channelId: null, hostName: null },
  onThemeChange: () => {}, notifyLoaded: () => {}, supportsNestedAppAuth: () => false, getAuthToken: async () => 'x', openLink: async () => {}, composeMeeting: async () => false,
  config: { setValid: () => {}, onSave: () => {} },
} as unknown as TeamsHost;

function show(node: ReactNode, user: U = h.a.users.rep, routes: Route[] = []) {
  const api = createApiClient({
    baseUrl: 'http://127.0.0.1:8080', getToken: () => h.token(h.a, user),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch,
  });
  const services: AppServices = { api, me: asUser(user), colleagues: Object.values(h.a.users).map(asUser), host, now: () => h.clock.now, navigate: (r) => routes.push(r) };
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider i18n={createI18n('en-US', [messages], 'Europe/Helsinki')}>
        <ServicesProvider value={services}>{node}</ServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

async function promise(id: string, note: string) {
  const logged = await h.call('POST', '/api/interactions', {
    as: [h.a, h.a.users.rep],
    body: {
      kind: 'email', source: 'addin', subject: `Tarjous ${id}`, occurredAt: h.clock.now - 3_600_000, internetMessageId: `<${id}@kallio.fi>`, followUpOn: iso(h.clock.now - DAY),
      participants: [{ role: 'from', address: 'pekka@kallio.fi', displayName: 'Pekka Kallio' }, { role: 'to', address: h.a.users.rep.email, displayName: null }],
    },
  });
  await h.call('PATCH', `/api/follow-ups/${logged.body.followUp.id}`, { as: [h.a, h.a.users.rep], body: { note } });
  return logged.body.followUp.id as string;
}

beforeAll(async () => {
  Element.prototype.animate = () => {
    throw new Error('no animations under happy-dom');
  };
  ({ handle, dispose } = await testDatabases()[0]!.open());
  h = await apiHarness(handle);
  accountId = (await h.call('POST', '/api/accounts', { as: [h.a, h.a.users.rep], body: { name: 'Kallio Oy', domains: ['kallio.fi'], tier: 'B' } })).body.id;
});
afterEach(cleanup);
afterAll(async () => dispose());

describe('Today’s follow-ups', () => {
  it('says what was promised and on which email; the account name opens the account; Done takes it off', async () => {
    await promise('t1', 'Send Pekka the revised price');
    const routes: Route[] = [];
    show(<TodayView />, h.a.users.rep, routes);
    const card = (await screen.findByText('Promised: Send Pekka the revised price')).closest('li')!;
    expect(within(card).getByText('About: Tarjous t1')).toBeTruthy();
    fireEvent.click(within(card).getByRole('link', { name: 'Kallio Oy' }));
    expect(routes).toEqual([{ view: 'account', accountId }]);
    fireEvent.click(within(card).getByRole('button', { name: 'Done' }));
    expect(await screen.findByText('Follow-up with Kallio Oy marked done.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Promised: Send Pekka the revised price')).toBeNull());
  });

  it('snoozes to tomorrow: it leaves Today and keeps the date first promised', async () => {
    const id = await promise('t2', 'Call about the delivery');
    show(<TodayView />);
    const card = (await screen.findByText('Promised: Call about the delivery')).closest('li')!;
    fireEvent.click(within(card).getByRole('button', { name: 'Snooze the follow-up with Kallio Oy' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Tomorrow' }));
    expect(await screen.findByText(/Follow-up with Kallio Oy moved to/)).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Promised: Call about the delivery')).toBeNull());
    const stored = (await h.call('GET', '/api/follow-ups', { as: [h.a, h.a.users.rep] })).body.items.find((f: { id: string }) => f.id === id);
    expect(stored.originalDueOn).toBe(iso(h.clock.now - DAY));
  });

  it('hands a follow-up to a colleague, who finds it in their Today', async () => {
    await promise('t3', 'Book the site visit');
    show(<TodayView />);
    const card = (await screen.findByText('Promised: Book the site visit')).closest('li')!;
    fireEvent.click(within(card).getByRole('button', { name: 'Hand the follow-up with Kallio Oy to a colleague' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Ronja Rep' }));
    expect(await screen.findByText('Follow-up with Kallio Oy handed to Ronja Rep.')).toBeTruthy();
    cleanup();
    show(<TodayView />, h.a.users.rep2);
    const theirs = (await screen.findByText('Promised: Book the site visit')).closest('li')!;
    expect(within(theirs).getByText('Handed to you by Riikka Rep')).toBeTruthy();
  });
});

describe('the account’s follow-ups panel', () => {
  it('lists who promised what; a manager may hand over but not mark done', async () => {
    await promise('t4', 'Confirm the order');
    show(<FollowUpsPanel accountId={accountId} />, h.a.users.manager);
    const row = (await screen.findByText('Promised: Confirm the order')).closest('li')!;
    expect(within(row).getByText(/^Riikka Rep, due /)).toBeTruthy();
    expect(within(row).queryByRole('button', { name: 'Done' })).toBeNull();
    expect(within(row).getByRole('button', { name: 'Hand the follow-up with Kallio Oy to a colleague' })).toBeTruthy();
    cleanup();
    show(<FollowUpsPanel accountId={accountId} />);
    const mine = (await screen.findByText('Promised: Confirm the order')).closest('li')!;
    expect(within(mine).getByText(/^You, due /)).toBeTruthy();
    fireEvent.click(within(mine).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByText('Promised: Confirm the order')).toBeNull());
  });
});

describe('reminder settings', () => {
  it('turns a kind of reminder off from Today’s header', async () => {
    show(<TodayView />);
    // Today's list first, so the header is not re-rendered under the click.
    await screen.findAllByText(/things? to do|Nothing is waiting/);
    fireEvent.click(await screen.findByRole('button', { name: 'Reminders' }));
    await screen.findByRole('heading', { name: 'Reminders in the Teams activity feed' });
    const digest = await screen.findByRole('switch', { name: 'A weekly digest' });
    expect((digest as HTMLInputElement).checked).toBe(true);
    fireEvent.click(digest);
    expect(await screen.findByText('Reminder settings saved.')).toBeTruthy();
    const saved = await h.call('GET', '/api/me/notification-settings', { as: [h.a, h.a.users.rep] });
    expect(saved.body).toMatchObject({ weeklyDigest: false, followUpsDue: true, locale: 'en-US' });
  });
});
