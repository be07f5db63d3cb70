// @vitest-environment happy-dom
// The add-in's account search against the real API (app.request on a migrated SQLite database): an account is
// found by one of its people's names without accents, named with the person it was found through, and picked.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../../test/support/api-harness.ts';
import type { Db } from '../../../../backend/src/store/connect.ts';
import { I18nProvider, createApiClient, createI18n, type AccountCandidate, type User } from '../../../../web-shared/src/index.ts';
import en from '../../i18n/en-US.json';
import fi from '../../i18n/fi-FI.json';
import { PaneServicesProvider, type PaneHost } from '../../app/pane-services.tsx';
import { AccountSearch } from './account-search.tsx';

configure({ asyncUtilTimeout: 8000 });
let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
let accountId: string;

beforeAll(async () => {
  Element.prototype.animate = () => {
    throw new Error('no animations under happy-dom');
  };
  ({ handle, dispose } = await testDatabases()[0]!.open());
  h = await apiHarness(handle);
  const as = [h.a, h.a.users.manager] as [Harness['a'], Harness['a']['users']['rep']];
  accountId = (await h.call('POST', '/api/accounts', { as, body: { name: 'Vesijärven Venetelakka Oy', domains: ['venetelakka.fi'] } })).body.id;
  await h.call('POST', '/api/contacts', { as, body: { name: 'Päivi Höglund', emails: ['paivi@venetelakka.fi'], accountId } });
});
afterAll(async () => dispose());
afterEach(() => cleanup());

const asUser = (u: Harness['a']['users']['rep']): User => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team });

describe('Account search in the add-in', () => {
  it('finds the account through a person there and picks it', async () => {
    const user = h.a.users.rep;
    const api = createApiClient({
      baseUrl: 'http://127.0.0.1:8080',
      getToken: () => h.token(h.a, user),
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch,
    });
    const picked: AccountCandidate[] = [];
    render(
      <FluentProvider theme={webLightTheme}>
        <I18nProvider i18n={createI18n('en-US', [{ 'en-US': en, 'fi-FI': fi }], 'Europe/Helsinki')}>
          <PaneServicesProvider value={{ api, me: asUser(user), colleagues: [], host: {} as PaneHost, teams: { appId: null, webOrigin: 'http://127.0.0.1:8080' } }}>
            <AccountSearch onPick={(a) => picked.push(a)} />
          </PaneServicesProvider>
        </I18nProvider>
      </FluentProvider>,
    );
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find another account' }), { target: { value: 'hoglund' } });
    const radio = await screen.findByRole('radio', { name: /Vesijärven Venetelakka Oy/ });
    expect(screen.getByRole('radiogroup', { name: 'Accounts found' }).textContent).toContain('Vesijärven Venetelakka Oy (through Päivi Höglund)');
    fireEvent.click(radio);
    expect(picked).toEqual([{ id: accountId, name: 'Vesijärven Venetelakka Oy', viaContact: 'Päivi Höglund' }]);
  });
});
