// @vitest-environment happy-dom
// The settings page and the server-kept saved views against the real API (app.request on a migrated SQLite
// database, test-issuer tokens): a refused value shown on its field, a save confirmed and kept; views kept in
// the browser moved to the server once, a view shared with the team seen by a teammate.
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
import { SettingsView } from './settings-view.tsx';
import { SavedViews } from '../accounts/saved-views.tsx';
import { DEFAULT_FILTERS } from '../accounts/account-filters.ts';

configure({ asyncUtilTimeout: 8000 });
let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;

beforeAll(async () => {
  Element.prototype.animate = () => {
    throw new Error('no animations under happy-dom');
  };
  ({ handle, dispose } = await testDatabases()[0]!.open());
  h = await apiHarness(handle);
});
afterAll(async () => dispose());
afterEach(() => cleanup());

type FixtureUser = Harness['a']['users']['rep'];
const asUser = (u: FixtureUser): User => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team });

function show(user: FixtureUser, page: ReactNode, locale: 'en-US' | 'fi-FI' = 'en-US') {
  const api = createApiClient({
    baseUrl: 'http://127.0.0.1:8080',
    getToken: () => h.token(h.a, user),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch,
  });
  const services: AppServices = { api, me: asUser(user), colleagues: Object.values(h.a.users).map(asUser), host: {} as TeamsHost, now: () => h.clock.now, navigate: () => {} };
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider i18n={createI18n(locale, [messages], 'Europe/Helsinki')}>
        <ServicesProvider value={services}>{page}</ServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

const field = (testId: string) => screen.getByTestId(testId).closest('[data-field]') as HTMLElement;

describe('the settings page', () => {
  it('shows the API’s refusal on the field, then saves and confirms', async () => {
    show(h.a.users.admin, <SettingsView />);
    const cadenceB = (await screen.findByTestId('cadence-B')) as HTMLInputElement;
    expect(cadenceB.value).toBe('30');
    fireEvent.change(cadenceB, { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(within(field('cadence-B')).getByText(/greater than or equal to 1|at least 1|>=1/i)).toBeTruthy());
    // A value of the right shape the rules refuse: the rule's message, on the list it is about.
    fireEvent.change(cadenceB, { target: { value: '21' } });
    fireEvent.change(screen.getByTestId('list-internalDomains'), { target: { value: 'seller-a.fi\ngmail.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(within(field('list-internalDomains')).getByText(/gmail\.com is a public mailbox provider/)).toBeTruthy());
    expect((await h.call('GET', '/api/settings', { as: [h.a, h.a.users.rep] })).body.cadenceDays.B).toBe(30);

    fireEvent.change(screen.getByTestId('meetings-B'), { target: { value: '2' } });
    fireEvent.change(screen.getByTestId('list-internalDomains'), { target: { value: 'seller-a.fi' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    const saved = (await h.call('GET', '/api/settings', { as: [h.a, h.a.users.rep] })).body;
    expect(saved.cadenceDays.B).toBe(21);
    expect(saved.carePlans.B.meetingsPerQuarter).toBe(2);
  });

  it('sets the organisation’s time zone, offering the IANA names and showing the API’s refusal of others', async () => {
    show(h.a.users.admin, <SettingsView />);
    const zone = (await screen.findByTestId('time-zone')) as HTMLInputElement;
    expect(zone.value).toBe((await h.call('GET', '/api/settings', { as: [h.a, h.a.users.admin] })).body.timeZone);
    const offered = [...document.querySelectorAll(`datalist#${zone.getAttribute('list')} option`)].map((o) => o.getAttribute('value'));
    expect(offered).toContain('America/New_York');
    fireEvent.change(zone, { target: { value: 'Europe/Tampere' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(within(field('time-zone')).getByText('must be an IANA time zone like Europe/Helsinki')).toBeTruthy());
    fireEvent.change(zone, { target: { value: ' America/New_York ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved.');
    expect((await h.call('GET', '/api/settings', { as: [h.a, h.a.users.rep] })).body.timeZone).toBe('America/New_York');
    expect(zone.value).toBe('America/New_York');
  });

  it('speaks Finnish', async () => {
    show(h.a.users.admin, <SettingsView />, 'fi-FI');
    expect(await screen.findByRole('heading', { name: 'Hoitomallit' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Tallenna asetukset' })).toBeTruthy();
  });
});

describe('saved views on the server', () => {
  it('moves the browser’s views to the server once, and a view shared with the team reaches a teammate', async () => {
    localStorage.setItem('suhde.teams.savedViews', JSON.stringify([{ name: 'Old overdue', filters: { overdue: true } }]));
    show(h.a.users.rep, <SavedViews filters={{ ...DEFAULT_FILTERS, tiers: ['A'] }} onApply={() => {}} />);
    await waitFor(async () => expect((await h.call('GET', '/api/saved-views', { as: [h.a, h.a.users.rep] })).body.items.map((v: { name: string }) => v.name)).toEqual(['Old overdue']));
    await waitFor(() => expect(localStorage.getItem('suhde.teams.savedViews')).toBeNull());

    fireEvent.change(screen.getByTestId('view-name'), { target: { value: 'Team A accounts' } });
    fireEvent.click(screen.getByTestId('view-share'));
    fireEvent.click(screen.getByRole('button', { name: 'Save view' }));
    await screen.findByText('Saved “Team A accounts”, shared with your team.');
    cleanup();

    show(h.a.users.rep2, <SavedViews filters={DEFAULT_FILTERS} onApply={() => {}} />);
    const views = await screen.findByTestId('saved-views');
    await waitFor(async () => expect((await h.call('GET', '/api/saved-views', { as: [h.a, h.a.users.rep2] })).body.items).toHaveLength(1));
    fireEvent.click(views);
    const team = await screen.findByRole('group', { name: 'Team views' });
    expect(within(team).getByRole('option', { name: 'Team A accounts (Riikka Rep)' })).toBeTruthy();
    expect(within(screen.getByRole('group', { name: 'My views' })).queryByText('Old overdue')).toBeNull();
  });
});
