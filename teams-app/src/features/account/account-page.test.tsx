// @vitest-environment happy-dom
// The account page and the lists against the real API (app.request on a migrated SQLite database, tokens from
// the test issuer): the header's facts and actions with a save confirmed in place, a colleague's private run
// collapsed into one line and asked for, the holder sharing it from Today, "Move to" disabled with its reason
// on a colleague's deal, and My accounts opening on mine with its filters folded.
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
import type { TeamsHost } from '../../host/teams-host.ts';
import { AccountView } from './account-view.tsx';
import { AccountsView } from '../accounts/accounts-view.tsx';
import { ShareRequests } from '../today/share-requests.tsx';

const DAY = 86_400_000;
configure({ asyncUtilTimeout: 8000 });
let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
const ids: Record<string, string> = {};
type Who = 'rep' | 'rep2' | 'manager';

beforeAll(async () => {
  Element.prototype.animate = () => {
    throw new Error('no animations under happy-dom');
  };
  ({ handle, dispose } = await testDatabases()[0]!.open());
  h = await apiHarness(handle);
  const post = async (who: Who, path: string, body: unknown) => (await h.call('POST', path, { as: [h.a, h.a.users[who]], body })).body;
  ids.kallio = (await post('manager', '/api/accounts', { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'], tier: 'A', lifecycle: 'key_account', ownerId: h.a.users.rep2.id })).id;
  ids.mine = (await post('rep', '/api/accounts', { name: 'Oma Asiakas Oy', domains: ['oma.fi'], tier: 'B' })).id;
  ids.deal = (await post('rep2', '/api/opportunities', { accountId: ids.kallio, name: 'Runkourakka 2027', stage: 'offer', value: 1_000_000 })).id;
  await post('rep2', '/api/interactions', {
    kind: 'call', occurredAt: h.clock.now - DAY, note: 'Agreed the pilot scope\nThree sites, start in March', accountIds: [ids.kallio], opportunityId: ids.deal, visibility: 'shared',
  });
  for (const k of [1, 2, 3]) {
    ids[`m${k}`] = (await post('rep2', '/api/interactions', {
      kind: 'email', occurredAt: h.clock.now - (3 + k) * DAY, subject: `Hinnoittelu ${k}`, internetMessageId: `<p${k}@kallio-rakennus.fi>`, visibility: 'metadata',
      participants: [{ role: 'from', address: 'aino@kallio-rakennus.fi', displayName: 'Aino Saarinen' }, { role: 'to', address: h.a.users.rep2.email, displayName: h.a.users.rep2.displayName }],
    })).interaction.id;
  }
});
afterAll(async () => dispose());
afterEach(() => cleanup());

const asUser = (u: Harness['a']['users']['rep']): User => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team });
const host = { context: { hosted: false, locale: 'en-us', theme: 'default' }, openLink: async () => {}, composeMeeting: async () => false } as unknown as TeamsHost;

function show(node: ReactNode, who: Who = 'rep') {
  const u = h.a.users[who];
  const api = createApiClient({
    baseUrl: 'http://127.0.0.1:8080',
    getToken: () => h.token(h.a, u),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch,
  });
  const services: AppServices = { api, me: asUser(u), colleagues: Object.values(h.a.users).map(asUser), host, now: () => h.clock.now, navigate: () => {} };
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider i18n={createI18n('en-US', [messages], 'Europe/Helsinki')}>
        <ServicesProvider value={services}>{node}</ServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

describe('the account page', () => {
  it('heads the account with owner, last contact, next due, open pipeline and the main actions', async () => {
    show(<AccountView accountId={ids.kallio!} />);
    await screen.findByRole('heading', { name: /Kallio Rakennus Oy/ });
    await waitFor(() => expect(screen.getByTestId('open-pipeline').textContent).toBe('€10,000 · 1 deal'));
    expect(screen.getByTestId('last-contact').textContent).toBe('yesterday');
    expect(screen.getByText('Ronja Rep')).toBeTruthy();
    const actions = screen.getByRole('group', { name: 'Account actions' });
    expect(within(actions).getAllByRole('button').map((b) => b.textContent)).toEqual(['Log call', 'Add note', 'New opportunity', 'Follow up', 'Edit account', 'Archive']);
  });

  it('titles a call by its note’s first line and names its opportunity; a private run is one line that can be asked for', async () => {
    show(<AccountView accountId={ids.kallio!} />);
    expect(await screen.findByText('Agreed the pilot scope')).toBeTruthy();
    expect(screen.getByText('Three sites, start in March')).toBeTruthy();
    expect(screen.getByText('Opportunity: Runkourakka 2027')).toBeTruthy();
    expect(screen.queryByText(/Contact happened/)).toBeNull();
    const line = screen.getByRole('button', { name: /^3 emails between Aino Saarinen and Ronja Rep/ });
    expect(line.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(line);
    const asks = await screen.findAllByRole('button', { name: 'Ask Ronja to share' });
    expect(asks).toHaveLength(3);
    fireEvent.click(asks[0]!);
    const asked = await screen.findByText(/^Asked Ronja Rep\. You will see it here once it is shared\.$/);
    expect(asked.getAttribute('role')).toBe('status');
    expect(screen.getAllByRole('button', { name: 'Ask Ronja to share' })).toHaveLength(2);
  });

  it('lets the holder share from Today, after which the colleague reads the item', async () => {
    show(<ShareRequests />, 'rep2');
    const request = await screen.findByText(/^Riikka Rep asks to read your email of /);
    const card = request.closest('li')!;
    expect(card.textContent).toContain('Hinnoittelu');
    fireEvent.click(within(card).getByRole('button', { name: 'Share with the account team' }));
    await waitFor(() => expect(within(card).getByRole('status').textContent).toContain('Shared.'));
    const id = card.getAttribute('data-interaction-id')!;
    const read = await h.call('GET', `/api/interactions/${id}`, { as: [h.a, h.a.users.rep] });
    expect(read.body.redacted).toBe(false);
  });

  it('sets a follow-up from the header and confirms it where it happened', async () => {
    show(<AccountView accountId={ids.mine!} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Follow up' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/What did you promise/), { target: { value: 'Send the revised offer' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Set follow-up' }));
    const saved = await screen.findByTestId('account-saved');
    expect(saved.textContent).toMatch(/^Follow-up set for .+\. It will show in your Today when it is due\.$/);
    expect(await screen.findByText('Send the revised offer')).toBeTruthy();
    const list = await h.call('GET', '/api/follow-ups', { as: [h.a, h.a.users.rep] });
    expect(list.body.items.map((f: { accountId: string }) => f.accountId)).toContain(ids.mine);
  });

  it('offers “Move to” on a colleague’s deal only as a disabled control with the reason', async () => {
    show(<AccountView accountId={ids.kallio!} />);
    fireEvent.click(await screen.findByRole('tab', { name: 'Opportunities' }));
    const move = await screen.findByRole('button', { name: 'Move Runkourakka 2027 to another stage' });
    expect(move.getAttribute('aria-disabled')).toBe('true');
    expect(move.getAttribute('data-disabled-reason')).toContain('Only the deal’s owner, the account owner, a manager or an admin');
    expect(move.closest('[data-opportunity-id]')!.getAttribute('draggable')).toBe('false');
    fireEvent.click(move);
    expect(screen.queryByRole('menu')).toBeNull();
  });
});

describe('My accounts', () => {
  it('opens on mine, what needs attention first, with the other filters folded behind a counted button', async () => {
    show(<AccountsView />);
    await screen.findByRole('link', { name: 'Oma Asiakas Oy' });
    expect(screen.queryByRole('link', { name: 'Kallio Rakennus Oy' })).toBeNull();
    expect(screen.getByText('1 account')).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Tier' })).toBeNull();
    const toggle = screen.getByTestId('filters-toggle');
    expect(toggle.textContent).toBe('Filters');
    fireEvent.click(toggle);
    expect(screen.getByRole('combobox', { name: 'Tier' })).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Overdue only' }));
    await waitFor(() => expect(screen.getByTestId('filters-toggle').textContent).toBe('Filters (1)'));
  });
});
