// @vitest-environment happy-dom
// The tab's views and their states against the real API (app.request on a migrated SQLite database, tokens
// from the test issuer): loading, data, empty, errors from problem details, a backend that cannot be reached;
// the timeline paging, a stage move and its totals, Today's actions, the dashboard's tables, the channel
// tab's configuration. Only the Teams host is a stand-in: it is the boundary these views talk to.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { testDatabases } from '../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../test/support/api-harness.ts';
import { T0 } from '../../../test/support/fixtures.ts';
import type { Db } from '../../../backend/src/store/connect.ts';
import { mergeAndLoad as ingestInteractions } from '../../../backend/src/use-cases/interactions/merge-interaction-copies.ts';
import { recordMeetingThreads } from '../../../backend/src/store/meeting-threads.ts';
import { addSkipCounts } from '../../../backend/src/store/skip-counts.ts';
import { acquireLease, recordStreamFailure, recordStreamSuccess, releaseLease } from '../../../backend/src/store/sync-cursors.ts';
import { recordUnreadableItems } from '../../../backend/src/store/unreadable-items.ts';
import { I18nProvider, createApiClient, createI18n, type User } from '../../../web-shared/src/index.ts';
import messages from '../i18n/messages.ts';
import { ServicesProvider, type AppServices } from '../app/services.tsx';
import type { Route } from '../app/route.ts';
import type { TabConfig, TeamsHost } from '../host/teams-host.ts';
import { AccountsView } from './accounts/accounts-view.tsx';
import { AccountView } from './account/account-view.tsx';
import { TodayView } from './today/today-view.tsx';
import { DashboardView } from './dashboard/dashboard-view.tsx';
import { SyncView } from './sync/sync-view.tsx';
import { ConfigPage, tabConfigFor } from './config/config-page.tsx';
import { MeetingPanel, appendNote, currentMeeting } from './meeting/meeting-panel.tsx';

const DAY = 86_400_000;
// The machine is shared: give the real API time to answer before a query gives up.
configure({ asyncUtilTimeout: 8000 });
let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
const ids: Record<string, string> = {};

beforeAll(async () => {
  // happy-dom's Web Animations reject `finished` when Fluent cancels a popover's motion on close, as an unhandled
  // rejection; Fluent skips motion when animate() throws (as in old Firefox), so these tests run without it.
  Element.prototype.animate = () => {
    throw new Error('no animations under happy-dom');
  };
  ({ handle, dispose } = await testDatabases()[0]!.open());
  h = await apiHarness(handle);
  const rep = [h.a, h.a.users.rep] as const;
  const post = async (path: string, body: unknown) => (await h.call('POST', path, { as: [...rep], body })).body;
  ids.kallio = (await post('/api/accounts', { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'], tier: 'A', lifecycle: 'customer', industry: 'Construction' })).id;
  ids.pohja = (await post('/api/accounts', { name: 'Pohja Logistiikka Oy', domains: ['pohja.fi'], tier: 'C' })).id;
  ids.pekka = (await post('/api/contacts', { name: 'Pekka Kallio', emails: ['pekka@kallio-rakennus.fi'], accountId: ids.kallio })).id;
  ids.offer = (await post('/api/opportunities', { accountId: ids.kallio, name: 'Runkourakka 2027', stage: 'offer', value: 1_000_000 })).id;
  await post('/api/opportunities', { accountId: ids.kallio, name: 'Huolto', stage: 'identified', value: 200_000 });
  // 60 emails over 60 days: three pages of the timeline at 25 a page.
  const rp = h.a.users.rep;
  await ingestInteractions(h.a.scope, Array.from({ length: 60 }, (_, k) => ({
    kind: 'email' as const, direction: (k % 2 ? 'outbound' : 'inbound') as 'outbound' | 'inbound', occurredAt: T0 - k * DAY, subject: `Viesti ${k}`, snippet: null, note: null,
    durationMinutes: null, opportunityId: null, source: 'addin' as const, visibility: 'shared' as const, externalKey: `msgid:v${k}@kallio-rakennus.fi`, accountIds: [ids.kallio!],
    participants: k % 2
      ? [{ role: 'from' as const, address: rp.email, displayName: rp.displayName, userId: rp.id, contactId: null }, { role: 'to' as const, address: 'pekka@kallio-rakennus.fi', displayName: 'Pekka Kallio', userId: null, contactId: ids.pekka! }]
      : [{ role: 'from' as const, address: 'pekka@kallio-rakennus.fi', displayName: 'Pekka Kallio', userId: null, contactId: ids.pekka! }, { role: 'to' as const, address: rp.email, displayName: rp.displayName, userId: rp.id, contactId: null }],
    holders: [{ userId: rp.id, relation: 'holds' as const, at: T0 }],
  })), T0);
  // A request for quotation nobody has answered, six days before the clock (a Sunday: four working days).
  await post('/api/interactions', {
    kind: 'email', occurredAt: h.clock.now - 6 * DAY, subject: 'Tarjouspyyntö', internetMessageId: '<q1@pohja.fi>', accountIds: [ids.pohja],
    participants: [{ role: 'from', address: 'ostot@pohja.fi', displayName: 'Pohjan ostot' }, { role: 'to', address: rp.email, displayName: rp.displayName }],
  });
});
afterAll(async () => dispose());
afterEach(() => cleanup());

const asUser = (u: Harness['a']['users']['rep']): User => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team });

function fakeHost(): TeamsHost & { saved: (() => Promise<TabConfig>) | null; valid: boolean[] } {
  const host = {
    saved: null as (() => Promise<TabConfig>) | null,
    valid: [] as boolean[],
    context: { hosted: true, locale: 'en-us', theme: 'default' as const, entityId: null, subEntityId: null, frameContext: 'settings', userObjectId: null, tenantId: null, loginHint: null, meetingId: null, chatId: null, channelId: 'c1', hostName: 'Teams' },
    onThemeChange: () => {},
    notifyLoaded: () => {},
    supportsNestedAppAuth: () => false,
    getAuthToken: async () => 'x',
    openLink: async () => {},
    composeMeeting: async () => false,
    config: { setValid: (v: boolean) => host.valid.push(v), onSave: (b: () => Promise<TabConfig>) => { host.saved = b; } },
  };
  return host;
}

function show(node: ReactNode, opts: { user?: Harness['a']['users']['rep']; down?: boolean; locale?: 'en-US' | 'fi-FI'; host?: TeamsHost; routes?: Route[] } = {}) {
  const u = opts.user ?? h.a.users.rep;
  const api = createApiClient({
    baseUrl: 'http://127.0.0.1:8080',
    getToken: () => h.token(h.a, u),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (opts.down) throw new TypeError('Failed to fetch');
      return h.app.request(input instanceof Request ? input : String(input), init);
    }) as typeof fetch,
  });
  const services: AppServices = {
    api, me: asUser(u), colleagues: Object.values(h.a.users).map(asUser), host: opts.host ?? fakeHost(), now: () => h.clock.now,
    navigate: (r) => opts.routes?.push(r),
  };
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider i18n={createI18n(opts.locale ?? 'en-US', [messages], 'Europe/Helsinki')}>
        <ServicesProvider value={services}>{node}</ServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

describe('My accounts', () => {
  it('shows a loading state, then the accounts with their care status and pipeline', async () => {
    show(<AccountsView />);
    expect(screen.getByRole('status').textContent).toContain('Loading accounts');
    const kallio = await screen.findByRole('link', { name: 'Kallio Rakennus Oy' });
    const row = kallio.closest('tr')!;
    expect(row.getAttribute('data-tier')).toBe('A');
    expect(within(row).getByText('€12,000')).toBeTruthy(); // open pipeline: the offer and the identified deal
    expect(screen.getByText('2 accounts')).toBeTruthy();
  });

  it('opens an account from the list', async () => {
    const routes: Route[] = [];
    show(<AccountsView />, { routes });
    fireEvent.click(await screen.findByRole('link', { name: 'Pohja Logistiikka Oy' }));
    expect(routes).toEqual([{ view: 'account', accountId: ids.pohja }]);
  });

  it('says plainly when the backend cannot be reached, with a retry', async () => {
    show(<AccountsView />, { down: true });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Suhde cannot be reached');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('speaks Finnish under fi-FI', async () => {
    show(<AccountsView />, { locale: 'fi-FI' });
    expect(await screen.findByRole('heading', { name: 'Asiakkaani' })).toBeTruthy();
    expect(await screen.findByText('2 asiakasta')).toBeTruthy();
  });
});

describe('Account workspace', () => {
  it('pages through the timeline with keyset cursors until the whole history is shown', async () => {
    show(<AccountView accountId={ids.kallio!} />);
    await screen.findByRole('heading', { name: /Kallio Rakennus Oy/ });
    await waitFor(() => expect(screen.getAllByText(/^Viesti \d+$/)).toHaveLength(25));
    fireEvent.click(screen.getByRole('button', { name: 'Show older' }));
    await waitFor(() => expect(screen.getAllByText(/^Viesti \d+$/)).toHaveLength(50));
    fireEvent.click(screen.getByRole('button', { name: 'Show older' }));
    await waitFor(() => expect(screen.getAllByText(/^Viesti \d+$/)).toHaveLength(60));
    expect(screen.getByText('That is the whole history: 60 interactions.')).toBeTruthy();
    // Newest first, no duplicates across pages.
    const subjects = screen.getAllByText(/^Viesti \d+$/).map((e) => Number(e.textContent!.split(' ')[1]));
    expect(subjects).toEqual([...subjects].sort((a, b) => a - b));
    expect(new Set(subjects).size).toBe(60);
  });

  it('moves an opportunity to another stage from its menu, and the totals follow', async () => {
    show(<AccountView accountId={ids.kallio!} />);
    fireEvent.click(await screen.findByRole('tab', { name: 'Opportunities' }));
    expect((await screen.findByTestId('open-total')).textContent).toBe('€12,000');
    expect(screen.getByTestId('weighted-total').textContent).toBe('€5,200'); // 50% of 10,000 + 10% of 2,000
    fireEvent.click(screen.getByRole('button', { name: 'Move Runkourakka 2027 to another stage' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Won' }));
    await waitFor(() => expect(screen.getByTestId('open-total').textContent).toBe('€2,000'));
    expect(screen.getByTestId('weighted-total').textContent).toBe('€200');
    const won = document.querySelector('[data-stage="won"]')!;
    expect(within(won as HTMLElement).getByText('Runkourakka 2027')).toBeTruthy();
    expect((await h.call('GET', `/api/opportunities/${ids.offer}`, { as: [h.a, h.a.users.rep] })).body.stage).toBe('won');
  });

  it('shows the API’s validation message beside the field it concerns', async () => {
    show(<AccountView accountId={ids.kallio!} />);
    fireEvent.click(await screen.findByRole('tab', { name: 'Opportunities' }));
    const form = await screen.findByRole('form', { name: 'New opportunity' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add opportunity' }));
    // An empty name: the API says so, and the form shows it by the name field.
    expect(await within(form).findByText('must not be empty')).toBeTruthy();
  });

  it('opens a deep-linked timeline item that is pages down the history: shown first, focused, and marked in the list', async () => {
    const old = await handle.db.selectFrom('interactions').select('id').where('subject', '=', 'Viesti 55').executeTakeFirstOrThrow();
    show(<AccountView accountId={ids.kallio!} interactionId={old.id} />);
    const region = await screen.findByRole('region', { name: 'The item you opened' });
    expect(within(region).getByText('Viesti 55')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(region));
    await waitFor(() => expect(screen.getAllByText(/^Viesti \d+$/)).toHaveLength(26)); // the first page, and the linked item above it
    expect(document.querySelector('li[data-linked]')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show older' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Show older' })).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Show older' }));
    await waitFor(() => expect(document.querySelector('li[data-linked]')).not.toBeNull());
    const row = document.querySelector('li[data-linked]')!;
    expect(row.getAttribute('data-interaction-id')).toBe(old.id);
    expect(row.getAttribute('aria-current')).toBe('true');
  });

  it('says the linked item is not there when it belongs to another account', async () => {
    const other = await handle.db.selectFrom('interactions').select('id').where('subject', '=', 'Tarjouspyyntö').executeTakeFirstOrThrow();
    show(<AccountView accountId={ids.kallio!} interactionId={other.id} />);
    expect((await screen.findByText('The linked item is not there any more, or it is not yours to see.'))).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'The item you opened' })).toBeNull();
  });

  it('says so when the account is not there (or another tenant’s)', async () => {
    show(<AccountView accountId="0193a1b2-0000-7000-8000-000000000000" />);
    expect((await screen.findByRole('alert')).textContent).toContain('not yours to see');
  });
});

describe('Today', () => {
  it('lists the next-best actions with their reasons and one-click actions', async () => {
    const routes: Route[] = [];
    show(<TodayView />, { routes });
    const unanswered = await screen.findByText(/Pohjan ostot wrote “Tarjouspyyntö” 4 working days ago/);
    const card = unanswered.closest('li')!;
    expect(card.getAttribute('data-action-type')).toBe('unanswered-email');
    fireEvent.click(within(card).getByRole('button', { name: 'Open the email' }));
    expect(routes[0]).toMatchObject({ view: 'account', accountId: ids.pohja });
    expect(routes[0]!.interactionId).toBeTruthy();
  });

  it('has an empty state for a colleague with nothing waiting', async () => {
    show(<TodayView />, { user: h.a.users.admin });
    expect((await screen.findByText(/Nothing is waiting for you/)).getAttribute('role')).toBe('status');
  });
});

describe('Manager dashboard', () => {
  it('shows the team’s figures in tables for a manager', async () => {
    show(<DashboardView />, { user: h.a.users.manager });
    const reps = await screen.findByRole('table', { name: 'Activity per salesperson' });
    const riikka = within(reps).getByText('Riikka Rep').closest('tr')!;
    const cells = within(riikka).getAllByRole('cell').map((c) => c.textContent);
    // Emails sent / received in the last 90 days: the 60 emails are within 60 days, half each way, plus the unanswered one.
    expect(cells.slice(0, 3)).toEqual(['Riikka Rep', '30', '31']);
    expect(screen.getByRole('table', { name: 'Pipeline by stage' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Care model kept, per tier' })).toBeTruthy();
  });

  it('keeps its tables mounted while the controls change without changing the figures', async () => {
    show(<DashboardView />, { user: h.a.users.manager });
    await screen.findByRole('table', { name: 'Activity per salesperson' });
    fireEvent.click(document.querySelector('[data-control="period"]')!);
    fireEvent.click(await screen.findByRole('option', { name: 'Chosen dates' }));
    const reps = await screen.findByRole('table', { name: 'Activity per salesperson' });
    // A start date without an end asks for nothing new: the page renders again over the same figures.
    fireEvent.change(await screen.findByLabelText('From'), { target: { value: '2026-09-01' } });
    await waitFor(() => expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2026-09-01'));
    expect(reps.isConnected).toBe(true);
    expect(screen.getByRole('table', { name: 'Activity per salesperson' })).toBe(reps);
  });

  it('refuses a salesperson with the API’s reason', async () => {
    show(<DashboardView />, { user: h.a.users.rep });
    expect((await screen.findByRole('alert')).textContent).toContain('manager or admin');
  });
});

describe('Mailbox sync', () => {
  it('shows an administrator each mailbox’s state, says why a pass cannot be queued, and turns a mailbox off', async () => {
    const admin = [h.a, h.a.users.admin] as const;
    const created = await h.call('POST', '/api/sync/mailboxes', { as: [...admin], body: { userId: h.a.users.rep.id } });
    expect(created.status).toBe(201);
    // Automated mail skipped; an email stored without a guessed account is a remark, not a skip.
    await addSkipCounts(h.a.scope, created.body.id, { automated: 4, internal: 2, 'account-ambiguous': 3 }, T0);
    show(<SyncView />, { user: h.a.users.admin });
    const table = await screen.findByRole('table', { name: 'Mailbox sync' });
    const row = within(table).getByText('Riikka Rep').closest('tr')!;
    expect(row.getAttribute('data-state')).toBe('waiting');
    expect(within(row).getByText('Waiting for its first pass')).toBeTruthy();
    expect(within(row).getByText('Never')).toBeTruthy();
    expect(within(row).getByTitle(/automated: 4/).textContent).toBe('6');
    expect(within(row).getByText('3 stored without an account: their addresses fit several')).toBeTruthy();
    // This test server has no Graph connection: the API's problem is shown, not swallowed.
    expect(screen.getByText(/no Graph connection configured/)).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: `Sync now: ${h.a.users.rep.email}` }));
    expect((await screen.findByRole('alert')).textContent).toContain('Sync not configured');
    fireEvent.click(within(row).getByRole('switch', { name: `Sync on: ${h.a.users.rep.email}` }));
    expect((await screen.findByRole('status')).textContent).toContain('is off');
    await waitFor(() => expect(screen.getByText('Riikka Rep').closest('tr')!.getAttribute('data-state')).toBe('disabled'));
    const health = await h.call('GET', '/api/sync/health', { as: [...admin] });
    expect(health.body.items.find((m: any) => m.mailbox.id === created.body.id).mailbox.enabled).toBe(false);
  });

  it('shows each stream: a summary line, an Inbox that needs an admin with what to do, unreadable items and a restart', async () => {
    const admin = [h.a, h.a.users.admin] as const;
    const created = await h.call('POST', '/api/sync/mailboxes', { as: [...admin], body: { userId: h.a.users.manager.id } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    for (const stream of ['mail:inbox', 'calendar']) {
      await acquireLease(h.a.scope, id, stream, 'test', T0, 60_000);
      await releaseLease(h.a.scope, id, stream, 'test');
    }
    await recordStreamSuccess(h.a.scope, id, 'calendar', T0, true);
    await recordStreamFailure(h.a.scope, id, 'mail:inbox', {
      message: '403 ErrorAccessDenied: Access to OData is disabled.', status: 403, code: 'ErrorAccessDenied',
      adminAction: 'Grant Mail.Read, then restart the stream.', backoffMs: () => 3_600_000,
    }, T0);
    await recordUnreadableItems(h.a.scope, id, 'calendar', [{ graphId: 'AAMkPoison=', fingerprint: 'AAMkPoison=', reason: 'event AAMkPoison= start: unknown time zone "Mars Standard Time"' }], T0);
    await addSkipCounts(h.a.scope, id, { unreadable: 1 }, T0);
    show(<SyncView />, { user: h.a.users.admin });
    const streams = await screen.findByRole('list', { name: `Streams of ${h.a.users.manager.email}` });
    expect(screen.getByTestId('sync-summary').textContent).toMatch(/^\d+ mailboxes: .*1 needs an admin/);
    const inbox = streams.querySelector('[data-stream="mail:inbox"]') as HTMLElement;
    expect(inbox.getAttribute('data-state')).toBe('needs-admin');
    expect(within(inbox).getByText('Needs an admin')).toBeTruthy();
    expect(within(inbox).getByText(/An admin must act: Grant Mail.Read/)).toBeTruthy();
    expect(within(inbox).getByText(/403 ErrorAccessDenied: Access to OData is disabled\./)).toBeTruthy();
    const calendar = streams.querySelector('[data-stream="calendar"]') as HTMLElement;
    expect(within(calendar).getByText('Up to date')).toBeTruthy();
    expect(within(calendar).getByText(/read again in full/)).toBeTruthy();
    expect(screen.getByText('1 item could not be read and was skipped')).toBeTruthy();
    expect(screen.getByText(/Mars Standard Time/)).toBeTruthy();
    const row = screen.getByText(h.a.users.manager.displayName).closest('tr')!;
    expect(row.getAttribute('data-state')).toBe('needs-admin');
    // This test server has no Graph connection: the restart's refusal is the API's own.
    fireEvent.click(within(inbox).getByRole('button', { name: `Restart Inbox: ${h.a.users.manager.email}` }));
    expect((await screen.findByRole('alert')).textContent).toContain('Sync not configured');
  });

  it('refuses a salesperson with the API’s reason', async () => {
    show(<SyncView />, { user: h.a.users.rep });
    expect((await screen.findByRole('alert')).textContent).toContain('admin');
  });
});

describe('Channel tab configuration', () => {
  it('becomes valid once an account is picked, and saves it as the tab’s entity', async () => {
    const host = fakeHost();
    show(<ConfigPage origin="https://suhde.example" />, { host });
    expect(host.valid.at(-1)).toBe(false);
    fireEvent.click(await screen.findByRole('radio', { name: /Kallio Rakennus Oy/ }));
    await waitFor(() => expect(host.valid.at(-1)).toBe(true));
    expect(await host.saved!()).toEqual({
      entityId: ids.kallio, suggestedDisplayName: 'Kallio Rakennus Oy',
      contentUrl: `https://suhde.example/teams-app/index.html?view=account&accountId=${ids.kallio}`,
      websiteUrl: `https://suhde.example/teams-app/index.html?view=account&accountId=${ids.kallio}`,
    });
  });

  it('builds the manifest’s content URL for an account', () => {
    expect(tabConfigFor({ id: 'a/b', name: 'X'.repeat(200) }, 'https://h/').contentUrl).toBe('https://h/teams-app/index.html?view=account&accountId=a%2Fb');
    expect(tabConfigFor({ id: 'a', name: 'X'.repeat(200) }, 'https://h').suggestedDisplayName).toHaveLength(128);
  });
});

describe('Meeting panel', () => {
  const chatId = '19:meeting_dmlld3MtdGVzdC1tZWV0aW5n@thread.v2';
  let meetingId: string;
  beforeAll(async () => {
    const rp = h.a.users.rep;
    const [m] = await ingestInteractions(h.a.scope, [{
      kind: 'meeting', direction: 'outbound', occurredAt: h.clock.now - 10 * 60_000, subject: 'Työmaakatselmus', snippet: null, note: null, durationMinutes: 60,
      opportunityId: null, source: 'sync', visibility: 'metadata', externalKey: 'ical:views-test-meeting', accountIds: [ids.kallio!, ids.pohja!],
      participants: [
        { role: 'organizer', address: rp.email, displayName: rp.displayName, userId: rp.id, contactId: null },
        { role: 'attendee', address: 'pekka@kallio-rakennus.fi', displayName: 'Pekka Kallio', userId: null, contactId: ids.pekka! },
        { role: 'attendee', address: 'ostot@pohja.fi', displayName: 'Pohjan ostot', userId: null, contactId: null },
      ],
      holders: [{ userId: rp.id, relation: 'holds', at: h.clock.now }],
    }], h.clock.now);
    meetingId = m!.interaction.id;
    await recordMeetingThreads(h.a.scope, [{ threadId: chatId, interactionId: meetingId }], h.clock.now);
  });

  it('shows the meeting of the chat with every account, and appends notes to that meeting', async () => {
    show(<MeetingPanel chatId={chatId} accountId={ids.pohja!} />);
    expect((await screen.findByText(/^Meeting: Työmaakatselmus,/)).getAttribute('data-meeting-id')).toBe(meetingId);
    const accounts = screen.getByRole('region', { name: 'Accounts in this meeting' });
    expect(within(accounts).getAllByRole('heading', { level: 2 }).map((x) => x.textContent)).toEqual([expect.stringContaining('Kallio Rakennus Oy'), expect.stringContaining('Pohja Logistiikka Oy')]);
    expect(screen.queryByText(/does not know this meeting/)).toBeNull();
    fireEvent.change(screen.getByRole('textbox', { name: 'Notes' }), { target: { value: 'Aikataulu sovittu' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save to the meeting' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved on the meeting in the account’s history.');
    // A colleague adds to the note meanwhile: the next save appends to theirs, it does not write over it.
    await handle.db.updateTable('interactions').set({ note: 'Aikataulu sovittu\n\nKollegan lisäys' }).where('id', '=', meetingId).execute();
    fireEvent.change(screen.getByRole('textbox', { name: 'Notes' }), { target: { value: 'Tarjous perjantaina' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save to the meeting' }));
    await waitFor(async () => {
      const row = await handle.db.selectFrom('interactions').select('note').where('id', '=', meetingId).executeTakeFirstOrThrow();
      expect(row.note).toBe('Aikataulu sovittu\n\nKollegan lisäys\n\nTarjous perjantaina');
    });
    expect((await screen.findByTestId('meeting-note')).textContent).toBe('Aikataulu sovittu\n\nKollegan lisäys\n\nTarjous perjantaina');
  });

  it('gives a colleague who sees only that the meeting happened a note on its accounts instead', async () => {
    show(<MeetingPanel chatId={chatId} />, { user: h.a.users.rep2 });
    expect(await screen.findByText(/^Meeting: Meeting,/)).toBeTruthy();
    expect(screen.getByText(/its subject and notes are not shared with you/)).toBeTruthy();
    expect(screen.queryByTestId('meeting-note')).toBeNull();
    fireEvent.change(screen.getByRole('textbox', { name: 'Notes' }), { target: { value: 'Minäkin olin paikalla' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save as a note on the accounts' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved as a note on the 2 accounts.');
    const note = await handle.db.selectFrom('interactions').select('id').where('note', '=', 'Minäkin olin paikalla').executeTakeFirstOrThrow();
    const links = await handle.db.selectFrom('interaction_accounts').select('account_id').where('interaction_id', '=', note.id).execute();
    expect(links.map((l) => l.account_id).sort()).toEqual([ids.kallio!, ids.pohja!].sort());
  });

  it('falls back to the configured account when the chat is not a known meeting, and says so', async () => {
    show(<MeetingPanel chatId="19:meeting_bm90LWtub3du@thread.v2" accountId={ids.pohja!} />);
    expect(await screen.findByText(/Suhde does not know this meeting yet/)).toBeTruthy();
    expect((await screen.findByRole('heading', { level: 2, name: /Pohja Logistiikka Oy/ }))).toBeTruthy();
    // Pohja's meeting nearest to now is the one of the other chat, ten minutes in.
    await waitFor(() => expect(document.querySelector('[data-meeting-source]')?.getAttribute('data-meeting-source')).toBe('nearest'));
    expect(document.querySelector('[data-meeting-id]')?.getAttribute('data-meeting-id')).toBe(meetingId);
    expect(screen.getByText(/^The account’s meeting nearest to now: Työmaakatselmus,/)).toBeTruthy();
    // Its holder's notes go onto it, after whatever was saved on it since the panel opened.
    await handle.db.updateTable('interactions').set({ note: 'Toisen ikkunan muistiinpano' }).where('id', '=', meetingId).execute();
    fireEvent.change(screen.getByRole('textbox', { name: 'Notes' }), { target: { value: 'Varasuunnitelma' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save to the account' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved on the meeting in the account’s history.');
    const row = await handle.db.selectFrom('interactions').select('note').where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(row.note).toBe('Toisen ikkunan muistiinpano\n\nVarasuunnitelma');
  });

  it('says it cannot tell the meeting without a chat, in Finnish too', async () => {
    show(<MeetingPanel />, { locale: 'fi-FI' });
    expect(await screen.findByText(/Tämä ei ole Teams-kokouksen keskustelu/)).toBeTruthy();
    expect(screen.getByText('Kenen asiakkaan kanssa kokous on?')).toBeTruthy();
    expect(await screen.findByRole('radio', { name: /Kallio Rakennus Oy/ })).toBeTruthy();
  });

  it('appends, never overwrites', () => {
    expect(appendNote(null, ' eka ')).toBe('eka');
    expect(appendNote('eka', 'toka')).toBe('eka\n\ntoka');
  });

  it('picks the meeting happening now, or about to, nearest first', () => {
    const now = T0;
    const m = (id: string, offsetMin: number, duration = 60) => ({ id, kind: 'meeting', occurredAt: now + offsetMin * 60_000, durationMinutes: duration });
    expect(currentMeeting([m('yesterday', -24 * 60), m('soon', 30), m('now', -10)], now)?.id).toBe('now');
    expect(currentMeeting([m('soon', 30), m('later', 5 * 60)], now)?.id).toBe('soon');
    expect(currentMeeting([m('yesterday', -24 * 60)], now)).toBeNull();
  });
});
