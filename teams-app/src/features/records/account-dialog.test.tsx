// @vitest-environment happy-dom
// The account dialog against the real API (app.request on a migrated SQLite database, test-issuer tokens): a rep
// changes the tier of their own account, sees the owner locked with the rule, gets the API's field error on the
// field; a colleague's account shows the tier locked too. The likely-duplicate answer (wt-merge's 409) is played
// by a fetch that answers with its problem body, until the merge lands.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../../test/support/api-harness.ts';
import type { Db } from '../../../../backend/src/store/connect.ts';
import { I18nProvider, createApiClient, createI18n, type Account, type User } from '../../../../web-shared/src/index.ts';
import messages from '../../i18n/messages.ts';
import { ServicesProvider, type AppServices } from '../../app/services.tsx';
import type { TeamsHost } from '../../host/teams-host.ts';
import type { Route } from '../../app/route.ts';
import { AccountDialog } from './account-dialog.tsx';

configure({ asyncUtilTimeout: 8000 });
let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
type Who = 'rep' | 'rep2' | 'manager';

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

function show(who: Who, account: Account | null, opts: { fetch?: typeof fetch; onSaved?: (a: { id: string }) => void; navigated?: Route[] } = {}) {
  const user = h.a.users[who];
  const real = (async (input: RequestInfo | URL, init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch;
  const api = createApiClient({ baseUrl: 'http://127.0.0.1:8080', getToken: () => h.token(h.a, user), fetch: opts.fetch ?? real });
  const services: AppServices = {
    api, me: asUser(user), colleagues: Object.values(h.a.users).map(asUser), host: {} as TeamsHost, now: () => h.clock.now,
    navigate: (r) => opts.navigated?.push(r),
  };
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider i18n={createI18n('en-US', [messages], 'Europe/Helsinki')}>
        <ServicesProvider value={services}>
          <AccountDialog account={account} open onClose={() => {}} onSaved={opts.onSaved ?? (() => {})} />
        </ServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

async function load(who: Who, id: string): Promise<Account> {
  return (await h.call('GET', `/api/accounts/${id}`, { as: [h.a, h.a.users[who]] })).body as Account;
}

describe('Account dialog', () => {
  it('lets a rep change their own account’s tier, locks the owner with the rule, and saves through the API', async () => {
    const created = (await h.call('POST', '/api/accounts', { as: [h.a, h.a.users.rep], body: { name: 'Dialogi Oy', tier: 'C' } })).body;
    let saved: { id: string } | null = null;
    show('rep', await load('rep', created.id), { onSaved: (a) => { saved = a; } });
    const dialog = await screen.findByRole('dialog');
    const owner = within(dialog).getByRole('combobox', { name: 'Owner' });
    expect((owner as HTMLButtonElement).disabled).toBe(true);
    expect(dialog.querySelector('[data-field=ownerId]')!.textContent).toContain('Only a manager can change the account owner');
    const tier = within(dialog).getByRole('combobox', { name: 'Tier' });
    expect((tier as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(tier);
    fireEvent.click(await screen.findByRole('option', { name: 'A – contract customer' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saved).not.toBeNull());
    expect((await load('rep', created.id)).tier).toBe('A');
  });

  it('shows the API’s field error on the field', async () => {
    show('rep', null);
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Company name/ }), { target: { value: 'Verkko Oy' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Domains' }), { target: { value: 'not a domain' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(dialog.querySelector('[data-field=domains]')!.textContent).toMatch(/domain/i));
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it('locks a colleague’s account tier for a rep, not for a manager', async () => {
    const created = (await h.call('POST', '/api/accounts', { as: [h.a, h.a.users.rep2], body: { name: 'Kollega Oy' } })).body;
    show('rep', await load('rep', created.id));
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByRole('combobox', { name: 'Tier' }) as HTMLButtonElement).disabled).toBe(true);
    expect(dialog.querySelector('[data-field=tier]')!.textContent).toContain('Only the owner or a manager can change the tier');
    cleanup();
    show('manager', await load('manager', created.id));
    const d2 = await screen.findByRole('dialog');
    expect((within(d2).getByRole('combobox', { name: 'Tier' }) as HTMLButtonElement).disabled).toBe(false);
    expect((within(d2).getByRole('combobox', { name: 'Owner' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('warns before a likely duplicate: open it, or create anyway with allowDuplicate', async () => {
    const bodies: unknown[] = [];
    const real = (async (input: RequestInfo | URL, init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch;
    const duplicateFirst = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body ?? 'null'));
      bodies.push(body);
      if (init?.method === 'POST' && !body?.allowDuplicate) {
        return new Response(JSON.stringify({
          type: 'https://suhde.invalid/problems/likely-duplicate', title: 'Conflict', status: 409, detail: 'Looks like an account you have.',
          duplicates: [{ id: 'acc-aalto', name: 'Aalto Infra Oy', reasons: ['same domain aalto-infra.fi'] }],
        }), { status: 409, headers: { 'content-type': 'application/problem+json' } });
      }
      return real(input, init);
    }) as typeof fetch;
    const navigated: Route[] = [];
    let saved: { id: string } | null = null;
    show('rep', null, { fetch: duplicateFirst, navigated, onSaved: (a) => { saved = a; } });
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Company name/ }), { target: { value: 'Aalto Infra' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create account' }));
    const warning = await within(dialog).findByTestId('duplicate-warning');
    expect(warning.textContent).toContain('Looks like Aalto Infra Oy (same domain aalto-infra.fi)');
    fireEvent.click(within(warning).getByRole('button', { name: 'Open Aalto Infra Oy' }));
    expect(navigated).toEqual([{ view: 'account', accountId: 'acc-aalto' }]);
    fireEvent.click(within(warning).getByRole('button', { name: 'Create anyway' }));
    await waitFor(() => expect(saved).not.toBeNull());
    expect(bodies.at(-1)).toMatchObject({ name: 'Aalto Infra', allowDuplicate: true });
  });
});
