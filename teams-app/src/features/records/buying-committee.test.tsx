// @vitest-environment happy-dom
// The buying committee against the real API (app.request on a migrated SQLite database, test-issuer tokens): the
// deal's owner puts a contact on it as decision maker and changes the role, the contacts panel shows
// "Decision maker · Cloud migration", and a colleague who may not edit the deal sees it read-only.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../../test/support/api-harness.ts';
import type { Db } from '../../../../backend/src/store/connect.ts';
import { I18nProvider, createApiClient, createI18n, type Opportunity, type User } from '../../../../web-shared/src/index.ts';
import messages from '../../i18n/messages.ts';
import { ServicesProvider, type AppServices } from '../../app/services.tsx';
import type { TeamsHost } from '../../host/teams-host.ts';
import { BuyingCommittee } from './buying-committee.tsx';
import { ContactsPanel } from '../account/contacts-panel.tsx';

configure({ asyncUtilTimeout: 8000 });
let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
let accountId: string;
let hannaId: string;
let dealId: string;
type Who = 'rep' | 'rep2';

beforeAll(async () => {
  Element.prototype.animate = () => {
    throw new Error('no animations under happy-dom');
  };
  ({ handle, dispose } = await testDatabases()[0]!.open());
  h = await apiHarness(handle);
  const as = [h.a, h.a.users.rep] as [Harness['a'], Harness['a']['users']['rep']];
  accountId = (await h.call('POST', '/api/accounts', { as, body: { name: 'Pilvi Oy', domains: ['pilvi.fi'] } })).body.id;
  hannaId = (await h.call('POST', '/api/contacts', { as, body: { name: 'Hanna Päättäjä', emails: ['hanna@pilvi.fi'], accountId } })).body.id;
  await h.call('POST', '/api/contacts', { as, body: { name: 'Ilkka Käyttäjä', emails: ['ilkka@pilvi.fi'], accountId } });
  dealId = (await h.call('POST', '/api/opportunities', { as, body: { accountId, name: 'Cloud migration', value: 5_000_000 } })).body.id;
});
afterAll(async () => dispose());
afterEach(() => cleanup());

const asUser = (u: Harness['a']['users']['rep']): User => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team });

function show(who: Who, child: ReactNode) {
  const user = h.a.users[who];
  const api = createApiClient({
    baseUrl: 'http://127.0.0.1:8080',
    getToken: () => h.token(h.a, user),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch,
  });
  const services: AppServices = { api, me: asUser(user), colleagues: Object.values(h.a.users).map(asUser), host: {} as TeamsHost, now: () => h.clock.now, navigate: () => {} };
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider i18n={createI18n('en-US', [messages], 'Europe/Helsinki')}>
        <ServicesProvider value={services}>{child}</ServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

const deal = async (who: Who) => (await h.call('GET', `/api/opportunities/${dealId}`, { as: [h.a, h.a.users[who]] })).body as Opportunity;

describe('Buying committee', () => {
  it('lets the deal’s owner add a decision maker and change the role; the contacts panel shows it', async () => {
    show('rep', <BuyingCommittee opportunity={await deal('rep')} />);
    expect(await screen.findByText('No one on the buying committee yet.')).toBeTruthy();
    fireEvent.click(screen.getByRole('combobox', { name: 'Contact' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Hanna Päättäjä' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add to committee' }));
    await waitFor(() => expect(document.querySelector(`[data-contact-id="${hannaId}"]`)?.getAttribute('data-role')).toBe('decision_maker'));
    fireEvent.click(screen.getByRole('combobox', { name: 'Role of Hanna Päättäjä' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Champion' }));
    await waitFor(() => expect(document.querySelector(`[data-contact-id="${hannaId}"]`)?.getAttribute('data-role')).toBe('champion'));
    fireEvent.click(screen.getByRole('combobox', { name: 'Role of Hanna Päättäjä' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Decision maker' }));
    await waitFor(() => expect(document.querySelector(`[data-contact-id="${hannaId}"]`)?.getAttribute('data-role')).toBe('decision_maker'));
    const stored = await h.call('GET', `/api/opportunities/${dealId}/contacts`, { as: [h.a, h.a.users.rep2] });
    expect(stored.body.items.map((m: { contactId: string; role: string }) => [m.contactId, m.role])).toEqual([[hannaId, 'decision_maker']]);
    cleanup();

    show('rep', <ContactsPanel accountId={accountId} />);
    const row = await screen.findByText('Hanna Päättäjä');
    const roles = within(row.closest('tr') as HTMLElement).getByTestId('contact-roles');
    expect(roles.textContent).toBe('Decision maker · Cloud migration');
  });

  it('shows a colleague who may not edit the deal the committee’s controls disabled, each described by the reason', async () => {
    show('rep2', <BuyingCommittee opportunity={await deal('rep2')} />);
    const role = await screen.findByRole('combobox', { name: 'Role of Hanna Päättäjä' });
    expect(role.textContent).toContain('Decision maker');
    const reason = screen.getByText(/Only the deal’s owner/);
    const controls = [role, screen.getByRole('button', { name: 'Remove Hanna Päättäjä from the buying committee' }), screen.getByRole('button', { name: 'Add to committee' })];
    for (const c of controls) {
      expect(c.hasAttribute('disabled') || c.getAttribute('aria-disabled') === 'true').toBe(true);
      expect(c.getAttribute('aria-describedby')).toContain(reason.id);
    }
  });
});
