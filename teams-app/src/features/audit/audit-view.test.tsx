// @vitest-environment happy-dom
// The audit trail page against the real API (app.request on a migrated SQLite database, test-issuer tokens):
// entries in words, filters, "load more", a refusal for a salesperson.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../../test/support/api-harness.ts';
import type { Db } from '../../../../backend/src/store/connect.ts';
import { writeAudit } from '../../../../backend/src/store/audit.ts';
import { I18nProvider, createApiClient, createI18n, type User } from '../../../../web-shared/src/index.ts';
import messages from '../../i18n/messages.ts';
import { ServicesProvider, type AppServices } from '../../app/services.tsx';
import type { Route } from '../../app/route.ts';
import type { TeamsHost } from '../../host/teams-host.ts';
import { AuditView } from './audit-view.tsx';

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
  const rep = [h.a, h.a.users.rep] as const;
  accountId = (await h.call('POST', '/api/accounts', { as: [...rep], body: { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'], tier: 'B' } })).body.id;
  // Entries in the same millisecond have no order between them: the change comes a second later.
  h.clock.now += 1000;
  await h.call('PATCH', `/api/accounts/${accountId}`, { as: [...rep], body: { industry: 'Construction' } });
  // Sixty older exports by the manager: more than one page.
  for (let k = 1; k <= 60; k++) {
    await writeAudit(h.a.scope, { actorId: h.a.users.manager.id, action: 'export.csv', entityType: 'export', entityId: 'accounts', at: h.clock.now - k * 60_000, detail: { view: 'accounts', rows: k } });
  }
});
afterAll(async () => dispose());
afterEach(() => cleanup());

const asUser = (u: Harness['a']['users']['rep']): User => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team });

function show(user: Harness['a']['users']['rep'], opts: { locale?: 'en-US' | 'fi-FI'; routes?: Route[] } = {}) {
  const api = createApiClient({
    baseUrl: 'http://127.0.0.1:8080',
    getToken: () => h.token(h.a, user),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch,
  });
  const services: AppServices = {
    api, me: asUser(user), colleagues: Object.values(h.a.users).map(asUser), host: {} as TeamsHost, now: () => h.clock.now,
    navigate: (r) => opts.routes?.push(r),
  };
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider i18n={createI18n(opts.locale ?? 'en-US', [messages], 'Europe/Helsinki')}>
        <ServicesProvider value={services}>
          <AuditView />
        </ServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

describe('Audit trail', () => {
  it('shows who did what in words, newest first, and loads more', async () => {
    const routes: Route[] = [];
    show(h.a.users.admin, { routes });
    const table = await screen.findByRole('table', { name: 'Audit trail' });
    const rows = () => within(table).getAllByRole('row').slice(1);
    expect(rows()).toHaveLength(50);
    const changed = rows()[0]!;
    expect(within(changed).getByText('Riikka Rep')).toBeTruthy();
    expect(within(changed).getByText('Changed an account')).toBeTruthy();
    expect(within(changed).getByText('Fields: industry')).toBeTruthy();
    fireEvent.click(within(changed).getByText('Kallio Rakennus Oy'));
    expect(routes).toEqual([{ view: 'account', accountId }]);
    expect(within(rows()[2]!).getByText('Exported a CSV file')).toBeTruthy();
    expect(within(rows()[2]!).getByText('1 row')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(63));
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('filters by who and by kind of action', async () => {
    show(h.a.users.admin);
    await screen.findByRole('table', { name: 'Audit trail' });
    fireEvent.click(screen.getByRole('combobox', { name: 'Who' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Riikka Rep' }));
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(3));
    fireEvent.click(screen.getByRole('combobox', { name: 'What' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Exports' }));
    expect(await screen.findByText('Nothing was recorded with these filters.')).toBeTruthy();
  });

  it('speaks Finnish with Finnish dates', async () => {
    show(h.a.users.admin, { locale: 'fi-FI' });
    const table = await screen.findByRole('table', { name: 'Muutosloki' });
    const first = within(table).getAllByRole('row')[1]!;
    expect(within(first).getByText('Muutti asiakasta')).toBeTruthy();
    expect(within(first).getByText('Kentät: toimiala')).toBeTruthy();
    expect(first.textContent).toMatch(/\d{1,2}\.\d{1,2}\.2026/);
  });

  it('refuses a salesperson with the API’s reason', async () => {
    show(h.a.users.rep);
    expect((await screen.findByRole('alert')).textContent).toContain('admin');
  });
});
