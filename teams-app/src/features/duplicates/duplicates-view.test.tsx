// @vitest-environment happy-dom
// The Duplicates page against the real API (app.request on a migrated SQLite database, test-issuer tokens): the
// pair with its evidence, "Not a duplicate" and its Undo, the review's moves, and Confirm merging them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../../test/support/api-harness.ts';
import type { Db } from '../../../../backend/src/store/connect.ts';
import { I18nProvider, createApiClient, createI18n, type User } from '../../../../web-shared/src/index.ts';
import messages from '../../i18n/messages.ts';
import { ServicesProvider, type AppServices } from '../../app/services.tsx';
import type { TeamsHost } from '../../host/teams-host.ts';
import { DuplicatesView } from './duplicates-view.tsx';

configure({ asyncUtilTimeout: 8000 });
let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
let keepId: string;
let dupeId: string;

beforeAll(async () => {
  Element.prototype.animate = () => {
    throw new Error('no animations under happy-dom');
  };
  ({ handle, dispose } = await testDatabases()[0]!.open());
  h = await apiHarness(handle);
  const as = [h.a, h.a.users.manager] as [Harness['a'], Harness['a']['users']['rep']];
  keepId = (await h.call('POST', '/api/accounts', { as, body: { name: 'Aalto Infra Oy', domains: ['aalto-infra.fi'] } })).body.id;
  h.clock.now += 1000;
  dupeId = (await h.call('POST', '/api/accounts', { as, body: { name: 'Aalto Infra', domains: ['aaltoinfra.com'], allowDuplicate: true } })).body.id;
});
afterAll(async () => dispose());
afterEach(() => cleanup());

const asUser = (u: Harness['a']['users']['rep']): User => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team });

function show(locale: 'en-US' | 'fi-FI' = 'en-US') {
  const user = h.a.users.manager;
  const api = createApiClient({
    baseUrl: 'http://127.0.0.1:8080',
    getToken: () => h.token(h.a, user),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch,
  });
  const services: AppServices = { api, me: asUser(user), colleagues: Object.values(h.a.users).map(asUser), host: {} as TeamsHost, now: () => h.clock.now, navigate: () => {} };
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider i18n={createI18n(locale, [messages], 'Europe/Helsinki')}>
        <ServicesProvider value={services}>
          <DuplicatesView />
        </ServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

describe('Duplicates', () => {
  it('shows the pair with its evidence in Finnish', async () => {
    show('fi-FI');
    const item = await screen.findByRole('listitem');
    expect(item.getAttribute('data-pair')).toBe(`${keepId}:${dupeId}`);
    expect(item.textContent).toContain('sama nimi');
  });

  it('reviews the merge and confirms it: the pair is gone and the survivor named', async () => {
    show();
    const item = await screen.findByRole('listitem');
    fireEvent.click(within(item).getByRole('button', { name: 'Review merge: Aalto Infra into Aalto Infra Oy' }));
    const moves = await screen.findByTestId('merge-moves');
    expect(moves.textContent).toContain('1 domain');
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm merge' }));
    expect((await screen.findByText(/Merged\./)).textContent).toContain('Aalto Infra Oy');
    expect(await screen.findByText('No likely duplicate accounts.')).toBeTruthy();
    expect((await h.call('GET', `/api/accounts/${dupeId}`, { as: [h.a, h.a.users.rep] })).status).toBe(308);
  });

  it('"Not a duplicate" takes the pair off the list for everyone; Undo brings it back', async () => {
    const as = [h.a, h.a.users.manager] as [Harness['a'], Harness['a']['users']['rep']];
    const keepId = (await h.call('POST', '/api/accounts', { as, body: { name: 'Pohjola Rakennus Oy' } })).body.id;
    h.clock.now += 1000;
    const dupeId = (await h.call('POST', '/api/accounts', { as, body: { name: 'Pohjola Rakennus Ab', allowDuplicate: true } })).body.id;
    show();
    const item = await screen.findByRole('button', { name: 'Not a duplicate: Pohjola Rakennus Oy and Pohjola Rakennus Ab' });
    fireEvent.click(within(item.closest('[role="listitem"]') as HTMLElement).getByRole('button', { name: 'Not a duplicate: Pohjola Rakennus Oy and Pohjola Rakennus Ab' }));
    expect((await screen.findByTestId('dismissed-notice')).textContent).toContain('no longer suggested');
    await waitFor(() => expect(document.querySelector(`[data-pair="${keepId}:${dupeId}"]`)).toBeNull());
    // The account page's banner asks the same API: the pair is gone there too.
    expect((await h.call('GET', `/api/duplicates?kind=account&recordId=${keepId}`, { as: [h.a, h.a.users.rep] })).body.total).toBe(0);
    fireEvent.click(within(screen.getByTestId('dismissed-notice')).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(document.querySelector(`[data-pair="${keepId}:${dupeId}"]`)).not.toBeNull());
  });
});
