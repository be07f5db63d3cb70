// @vitest-environment happy-dom
// The Products page against the real API (app.request on a migrated SQLite database, test-issuer tokens): the
// catalogue read-only with the reason for a salesperson, and the product × account table with the euros won;
// a manager's catalogue with its actions, in Finnish.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, configure, render, screen, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../../test/support/api-harness.ts';
import type { Db } from '../../../../backend/src/store/connect.ts';
import { I18nProvider, createApiClient, createI18n, type User } from '../../../../web-shared/src/index.ts';
import messages from '../../i18n/messages.ts';
import { ServicesProvider, type AppServices } from '../../app/services.tsx';
import type { TeamsHost } from '../../host/teams-host.ts';
import { ProductsView } from './products-view.tsx';

configure({ asyncUtilTimeout: 8000 });
let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
let accountId: string;
type Who = 'rep' | 'manager';
const as = (who: Who) => [h.a, h.a.users[who]] as [Harness['a'], Harness['a']['users']['rep']];

beforeAll(async () => {
  Element.prototype.animate = () => {
    throw new Error('no animations under happy-dom');
  };
  ({ handle, dispose } = await testDatabases()[0]!.open());
  h = await apiHarness(handle);
  const product = (await h.call('POST', '/api/products', { as: as('manager'), body: { name: 'Telemetry gateway', code: 'TEL-GW', unitPrice: 250_000 } })).body;
  accountId = (await h.call('POST', '/api/accounts', { as: as('rep'), body: { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'] } })).body.id;
  const deal = (await h.call('POST', '/api/opportunities', { as: as('rep'), body: { accountId, name: 'Telemetry', lines: [{ productId: product.id, quantity: 4 }] } })).body;
  expect((await h.call('POST', `/api/opportunities/${deal.id}/stage`, { as: as('rep'), body: { stage: 'won' } })).status).toBe(200);
});
afterAll(async () => dispose());
afterEach(() => cleanup());

const asUser = (u: Harness['a']['users']['rep']): User => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team });

function show(who: Who, locale: 'en-US' | 'fi-FI' = 'en-US') {
  const user = h.a.users[who];
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
          <ProductsView />
        </ServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

describe('Products', () => {
  it('shows a salesperson the catalogue read-only with the reason, and the euros won per account and product', async () => {
    show('rep');
    expect(await screen.findByText(/Only a manager or an admin can change the catalogue/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add product' })).toBeNull();
    const table = await screen.findByTestId('sales-table');
    const headers = within(table).getAllByRole('columnheader').map((c) => c.textContent);
    expect(headers).toEqual(['Account', 'Telemetry gateway', 'Total']);
    const row = table.querySelector(`tr[data-account-id="${accountId}"]`)!;
    expect([...row.querySelectorAll('td')].map((c) => c.textContent)).toEqual(['Kallio Rakennus Oy', '€10,000', '€10,000']);
    expect(screen.getByText('Your accounts and deals', { exact: false })).toBeTruthy();
  });

  it('gives a manager the catalogue’s actions, in Finnish', async () => {
    show('manager', 'fi-FI');
    expect(await screen.findByRole('button', { name: 'Lisää tuote' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Poista myynnistä: Telemetry gateway' })).toBeTruthy();
    const table = await screen.findByTestId('sales-table');
    expect(table.querySelector(`tr[data-account-id="${accountId}"]`)!.textContent).toContain('10\u00a0000\u00a0€');
  });
});
