// @vitest-environment happy-dom
// The To review page against the real API (app.request on a migrated SQLite database, test-issuer tokens):
// groups by company and person, one click creates the account and places the mail, a rep sees only their own.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../../test/support/api-harness.ts';
import { T0 } from '../../../../test/support/fixtures.ts';
import type { Db } from '../../../../backend/src/store/connect.ts';
import { mergeInteractionCopies } from '../../../../backend/src/use-cases/interactions/merge-interaction-copies.ts';
import { I18nProvider, createApiClient, createI18n, type User } from '../../../../web-shared/src/index.ts';
import messages from '../../i18n/messages.ts';
import { ServicesProvider, type AppServices } from '../../app/services.tsx';
import type { TeamsHost } from '../../host/teams-host.ts';
import { ReviewView } from './review-view.tsx';

configure({ asyncUtilTimeout: 8000 });
let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
type Who = 'rep' | 'rep2' | 'admin';

async function synced(holder: Who, from: string, at: number, subject: string) {
  await mergeInteractionCopies(h.a.scope, [{
    kind: 'email', direction: 'inbound', occurredAt: at, subject, snippet: null, note: null, durationMinutes: null,
    participants: [
      { role: 'from', address: from, displayName: null, userId: null, contactId: null },
      { role: 'to', address: h.a.users[holder].email, displayName: null, userId: h.a.users[holder].id, contactId: null },
    ],
    accountIds: [], opportunityId: null, source: 'sync', visibility: 'shared',
    holders: [{ userId: h.a.users[holder].id, relation: 'holds', at }], externalKey: `msgid:${subject}@review.test`,
  }], at, { checkReferences: false });
}

beforeAll(async () => {
  Element.prototype.animate = () => {
    throw new Error('no animations under happy-dom');
  };
  ({ handle, dispose } = await testDatabases()[0]!.open());
  h = await apiHarness(handle);
  await synced('rep', 'liisa@kallio-rakennus.fi', T0 + 1000, 'Tarjouspyyntö');
  await synced('rep', 'pekka@kallio-rakennus.fi', T0 + 2000, 'Aikataulu');
  await synced('rep2', 'olli@lahti-logistiikka.fi', T0 + 3000, 'Rahtikysely');
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
          <ReviewView />
        </ServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

describe('To review', () => {
  it('shows a rep their own mail by company and by person, not a colleague’s', async () => {
    show('rep');
    const companies = await screen.findByRole('list', { name: 'By company' });
    const group = within(companies).getByRole('listitem');
    expect(group.getAttribute('data-review-key')).toBe('domain:kallio-rakennus.fi');
    expect(within(group).getByText('Unknown company')).toBeTruthy();
    expect(group.textContent).toContain('2 items');
    expect(group.textContent).toContain('Aikataulu');
    expect(within(screen.getByRole('list', { name: 'By person' })).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.queryByText('lahti-logistiikka.fi')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Ignore for everyone' })).toBeNull();
  });

  it('speaks Finnish', async () => {
    show('rep', 'fi-FI');
    expect(await screen.findByRole('list', { name: 'Yrityksittäin' })).toBeTruthy();
    expect(screen.getAllByText('Tuntematon yritys').length).toBeGreaterThan(0);
  });

  it('lets an admin create the account in one click, which places the past mail', async () => {
    show('admin');
    const companies = await screen.findByRole('list', { name: 'By company' });
    expect(within(companies).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getAllByRole('button', { name: 'Ignore for everyone' }).length).toBeGreaterThan(0);
    const kallio = within(companies).getAllByRole('listitem').find((g) => g.getAttribute('data-review-key') === 'domain:kallio-rakennus.fi')!;
    fireEvent.click(within(kallio).getByRole('button', { name: /^Create account Kallio/ }));
    expect((await screen.findByRole('status', {}, { timeout: 8000 })).textContent).toMatch(/created\. 2 past items were placed\./);
    // The list stays on screen while it reloads; the placed company then leaves it.
    await waitFor(() => expect(screen.queryByText('kallio-rakennus.fi')).toBeNull());
    await screen.findByText('lahti-logistiikka.fi');
    const accounts = (await h.call('GET', '/api/accounts?q=kallio', { as: [h.a, h.a.users.admin] })).body.items;
    expect(accounts[0]).toMatchObject({ domains: ['kallio-rakennus.fi'], lastContactAt: T0 + 2000 });
  });
});
