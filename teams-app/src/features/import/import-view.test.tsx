// @vitest-environment happy-dom
// The Import page against the real API (app.request on a migrated SQLite database, test-issuer tokens): a file
// picked, the suggested mapping shown with the preview, the dry run's rows filtered by outcome, the run polled to
// done, and the refused rows offered for download; in Finnish too.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../../test/support/api-harness.ts';
import type { Db } from '../../../../backend/src/store/connect.ts';
import { I18nProvider, createApiClient, createI18n, type User } from '../../../../web-shared/src/index.ts';
import messages from '../../i18n/messages.ts';
import { ServicesProvider, type AppServices } from '../../app/services.tsx';
import type { TeamsHost } from '../../host/teams-host.ts';
import { ImportView } from './import-view.tsx';

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

const asUser = (u: Harness['a']['users']['rep']): User => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team });
const CSV = '\ufeffNimi;Verkkotunnus;Luokka\r\nPohjola Rakennus Oy;pohjola-rakennus.fi;A\r\n;puuttuva.fi;B\r\nSavon Kuljetus Oy;savonkuljetus.fi;C\r\n';

function show(locale: 'en-US' | 'fi-FI' = 'en-US', who: 'manager' | 'rep' = 'manager') {
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
          <ImportView />
        </ServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

const pick = (csv: string, name = 'asiakkaat.csv') => fireEvent.change(screen.getByLabelText(/CSV/), { target: { files: [new File([csv], name, { type: 'text/csv' })] } });

describe('Import', () => {
  it('maps, dry-runs, runs to done and offers the refused rows', async () => {
    show();
    pick(CSV);
    const table = await screen.findByRole('table', { name: 'Columns of the file and the fields they fill' });
    expect(within(table).getByRole('combobox', { name: 'Field for column Verkkotunnus' })).toHaveProperty('value', 'domain');
    expect(table.textContent).toContain('Pohjola Rakennus Oy');
    fireEvent.click(screen.getByRole('button', { name: 'Check rows (dry run)' }));
    expect((await screen.findByText(/1 refused$/)).textContent).toBe('2 created, 0 updated, 0 merged into existing, 0 unchanged, 1 refused');
    fireEvent.click(screen.getByRole('button', { name: 'Refused (1)' }));
    const rows = await screen.findByRole('table', { name: 'Rows and what happens to each' });
    await within(rows).findByText('missing name');
    expect(within(rows).queryByText('Pohjola Rakennus Oy')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Import 2 rows' }));
    expect(await screen.findByText('Import done', {}, { timeout: 8000 })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Download the refused row (CSV)' })).toBeTruthy();
    const mine = (await h.call('GET', '/api/accounts?q=Pohjola', { as: [h.a, h.a.users.manager] })).body;
    expect(mine.items.map((a: { name: string }) => a.name)).toEqual(['Pohjola Rakennus Oy']);
  });

  it('speaks Finnish and tells a salesperson why they cannot import', async () => {
    show('fi-FI', 'rep');
    pick('Nimi\nX Oy\n');
    expect((await screen.findByRole('alert')).textContent).toContain('Only a manager or an admin can import');
    cleanup();
    show('fi-FI');
    pick('Etunimi;Sukunimi;Sähköposti\nLiisa;Järvi;liisa@pohjola-rakennus.fi\n', 'yhteyshenkilot.csv');
    expect(await screen.findByRole('combobox', { name: 'Kenttä sarakkeelle Sähköposti' })).toHaveProperty('value', 'email');
    expect(screen.getByTestId('import-kind')).toHaveProperty('value', 'contacts');
    expect(screen.getByRole('button', { name: 'Tarkista rivit (koeajo)' })).toBeTruthy();
  });
});
