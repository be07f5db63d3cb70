// @vitest-environment happy-dom
// The top bar's search against the real API (app.request on a migrated SQLite database, test-issuer tokens):
// grouped hits found without accents, the arrow keys and Enter open the account, a colleague's metadata-only
// email shown without its subject, archived hits marked, and Finnish.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../../test/support/api-harness.ts';
import type { Db } from '../../../../backend/src/store/connect.ts';
import { I18nProvider, createApiClient, createI18n, type User } from '../../../../web-shared/src/index.ts';
import messages from '../../i18n/messages.ts';
import { ServicesProvider, type AppServices } from '../../app/services.tsx';
import type { Route } from '../../app/route.ts';
import type { TeamsHost } from '../../host/teams-host.ts';
import { TopBarSearch } from './top-bar-search.tsx';

configure({ asyncUtilTimeout: 8000 });
let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
let accountId: string;
let navigated: Route[] = [];

beforeAll(async () => {
  Element.prototype.animate = () => {
    throw new Error('no animations under happy-dom');
  };
  ({ handle, dispose } = await testDatabases()[0]!.open());
  h = await apiHarness(handle);
  const as = [h.a, h.a.users.manager] as [Harness['a'], Harness['a']['users']['rep']];
  accountId = (await h.call('POST', '/api/accounts', { as, body: { name: 'Mäntylä Logistiikka Oy', domains: ['mantyla-log.fi'] } })).body.id;
  await h.call('POST', '/api/contacts', { as, body: { name: 'Jussi Mäntynen', emails: ['jussi@mantyla-log.fi'], accountId } });
  await h.call('POST', '/api/interactions', {
    as: [h.a, h.a.users.rep2],
    body: {
      kind: 'email', occurredAt: h.clock.now - 3_600_000, subject: 'Rahtisopimus luottamuksellinen', internetMessageId: '<r1@mantyla-log.fi>', visibility: 'metadata',
      participants: [{ role: 'from', address: 'jussi@mantyla-log.fi', displayName: 'Jussi Mäntynen' }, { role: 'to', address: h.a.users.rep2.email, displayName: 'Ronja Rep' }],
    },
  });
});
afterAll(async () => dispose());
afterEach(() => { cleanup(); navigated = []; });

const asUser = (u: Harness['a']['users']['rep']): User => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team });

function show(locale: 'en-US' | 'fi-FI' = 'en-US') {
  const user = h.a.users.rep;
  const api = createApiClient({
    baseUrl: 'http://127.0.0.1:8080',
    getToken: () => h.token(h.a, user),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch,
  });
  const services: AppServices = {
    api, me: asUser(user), colleagues: Object.values(h.a.users).map(asUser), host: {} as TeamsHost, now: () => h.clock.now, navigate: (r) => navigated.push(r),
  };
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider i18n={createI18n(locale, [messages], 'Europe/Helsinki')}>
        <ServicesProvider value={services}>
          <TopBarSearch />
        </ServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

describe('Top bar search', () => {
  it('groups what it finds without accents, and the arrow keys and Enter open the account of the hit', async () => {
    show();
    const box = screen.getByRole('combobox', { name: 'Search accounts, contacts and interactions' });
    fireEvent.change(box, { target: { value: 'mantyn' } });
    const list = await screen.findByRole('listbox');
    const contacts = within(list).getByRole('group', { name: 'Contacts' });
    expect(within(contacts).getByRole('option').textContent).toContain('Jussi Mäntynen');
    const items = within(list).getByRole('group', { name: 'Interactions' });
    // The colleague's metadata-only email: found by who took part, its subject withheld.
    expect(within(items).getByRole('option').textContent).toContain('only that it happened is shared');
    expect(list.textContent).not.toContain('Rahtisopimus');
    expect(within(list).queryByRole('group', { name: 'Accounts' })).toBeNull();
    const options = within(list).getAllByRole('option');
    expect(box.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box.getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(navigated).toEqual([{ view: 'account', accountId }]);
  });

  it('opens the first hit of what is typed on an Enter that comes before its answer, never a hit of the words before', async () => {
    const as = [h.a, h.a.users.manager] as [Harness['a'], Harness['a']['users']['rep']];
    const kuopioId = (await h.call('POST', '/api/accounts', { as, body: { name: 'Kuopion Konttorikalusteet Oy', domains: ['kuopion-konttori.fi'] } })).body.id;
    show();
    const box = screen.getByRole('combobox', { name: 'Search accounts, contacts and interactions' });
    fireEvent.change(box, { target: { value: 'mantyla' } });
    expect(within(await screen.findByRole('group', { name: 'Accounts' })).getByRole('option').textContent).toContain('Mäntylä Logistiikka Oy');
    // The list still shows the earlier words' hits when Enter comes.
    fireEvent.change(box, { target: { value: 'kuopion konttori' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(navigated).toEqual([]);
    await waitFor(() => expect(navigated).toEqual([{ view: 'account', accountId: kuopioId }]));
  });

  it('opens an interaction on its account’s timeline with a click', async () => {
    show();
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'jussi@mantyla' } });
    const option = (await screen.findAllByRole('option')).find((o) => o.getAttribute('data-hit')?.startsWith('interaction:'))!;
    fireEvent.click(option);
    expect(navigated).toMatchObject([{ view: 'account', accountId, interactionId: option.getAttribute('data-hit')!.split(':')[1] }]);
  });

  it('finds an archived account, its contact and its history only with "Include archived", each marked Archived', async () => {
    const as = [h.a, h.a.users.manager] as [Harness['a'], Harness['a']['users']['rep']];
    const saariId = (await h.call('POST', '/api/accounts', { as, body: { name: 'Saarenmaan Sahat Oy', domains: ['saarenmaan-sahat.fi'] } })).body.id;
    await h.call('POST', '/api/contacts', { as, body: { name: 'Kalle Saarenmaa', emails: ['kalle@saarenmaan-sahat.fi'], accountId: saariId } });
    expect((await h.call('POST', '/api/interactions', {
      as, body: { kind: 'note', subject: 'Saarenmaan sahan lopetus', visibility: 'shared', accountIds: [saariId], participants: [{ role: 'from', address: h.a.users.manager.email }, { role: 'to', address: 'kalle@saarenmaan-sahat.fi' }] },
    })).status).toBe(201);
    expect((await h.call('POST', `/api/accounts/${saariId}/archive`, { as })).status).toBe(200);
    show();
    const box = screen.getByRole('combobox', { name: 'Search accounts, contacts and interactions' });
    fireEvent.change(box, { target: { value: 'saarenmaa' } });
    expect((await screen.findByRole('status')).textContent).toContain('saarenmaa');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Include archived' }));
    const list = await screen.findByRole('listbox');
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.getAttribute('data-hit')!.split(':')[0])).toEqual(['account', 'contact', 'interaction']);
    for (const o of options) expect(within(o).getByText('Archived')).toBeTruthy();
    // A live account's hit, asked with archived ones, carries no badge.
    fireEvent.change(box, { target: { value: 'mantyla' } });
    await waitFor(() => expect(within(screen.getByRole('listbox')).getAllByRole('option')[0]!.textContent).toContain('Mäntylä Logistiikka Oy'));
    expect(within(screen.getByRole('listbox')).queryByText('Archived')).toBeNull();
    cleanup();
    show('fi-FI');
    const fiBox = screen.getByRole('combobox', { name: 'Hae asiakkuuksia, yhteyshenkilöitä ja tapahtumia' });
    fireEvent.change(fiBox, { target: { value: 'saarenmaan sahat' } });
    await screen.findByRole('status');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Näytä myös arkistoidut' }));
    const fiAccount = within(await screen.findByRole('group', { name: 'Asiakkuudet' })).getByRole('option');
    expect(within(fiAccount).getByText('Arkistoitu')).toBeTruthy();
  });

  it('speaks Finnish and says when nothing is found', async () => {
    show('fi-FI');
    const box = screen.getByRole('combobox', { name: 'Hae asiakkuuksia, yhteyshenkilöitä ja tapahtumia' });
    fireEvent.change(box, { target: { value: 'mäntylä' } });
    expect(within(await screen.findByRole('group', { name: 'Asiakkuudet' })).getByRole('option').textContent).toContain('Mäntylä Logistiikka Oy');
    fireEvent.change(box, { target: { value: 'olematon' } });
    expect((await screen.findByRole('status')).textContent).toBe('Haulla ”olematon” ei löytynyt mitään.');
  });
});
