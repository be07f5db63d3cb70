// @vitest-environment happy-dom
// The add-in's account search against the real API (app.request on a migrated SQLite database): an account is
// found by one of its people's names without accents, named with the person it was found through, and picked; an
// archived account is offered marked "Archived" (in Finnish "Arkistoitu") and may be picked, as the API logs to it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
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

function show(picked: AccountCandidate[], locale: 'en-US' | 'fi-FI' = 'en-US') {
  const user = h.a.users.rep;
  const api = createApiClient({
    baseUrl: 'http://127.0.0.1:8080',
    getToken: () => h.token(h.a, user),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch,
  });
  render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider i18n={createI18n(locale, [{ 'en-US': en, 'fi-FI': fi }], 'Europe/Helsinki')}>
        <PaneServicesProvider value={{ api, me: asUser(user), colleagues: [], host: {} as PaneHost, teams: { appId: null, webOrigin: 'http://127.0.0.1:8080' } }}>
          <AccountSearch onPick={(a) => picked.push(a)} />
        </PaneServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

describe('Account search in the add-in', () => {
  it('finds the account through a person there and picks it', async () => {
    const picked: AccountCandidate[] = [];
    show(picked);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find another account' }), { target: { value: 'hoglund' } });
    const radio = await screen.findByRole('radio', { name: /Vesijärven Venetelakka Oy/ });
    expect(screen.getByRole('radiogroup', { name: 'Accounts found' }).textContent).toContain('Vesijärven Venetelakka Oy (through Päivi Höglund)');
    fireEvent.click(radio);
    expect(picked).toEqual([{ id: accountId, name: 'Vesijärven Venetelakka Oy', viaContact: 'Päivi Höglund', archived: false }]);
    expect(screen.queryByText('Archived')).toBeNull();
  });

  it('offers an archived account marked Archived, after a live one, and picks it (the API logs to it)', async () => {
    const as = [h.a, h.a.users.manager] as [Harness['a'], Harness['a']['users']['rep']];
    const liveId = (await h.call('POST', '/api/accounts', { as, body: { name: 'Koskelan Kone Oy', domains: ['koskelan-kone.fi'] } })).body.id;
    const archivedId = (await h.call('POST', '/api/accounts', { as, body: { name: 'Koskelan Kala Oy', domains: ['koskelan-kala.fi'] } })).body.id;
    expect((await h.call('POST', `/api/accounts/${archivedId}/archive`, { as })).status).toBe(200);
    const picked: AccountCandidate[] = [];
    show(picked);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Find another account' }), { target: { value: 'koskelan' } });
    const archived = await screen.findByRole('radio', { name: /Koskelan Kala Oy/ });
    const radios = within(screen.getByRole('radiogroup', { name: 'Accounts found' })).getAllByRole('radio');
    expect(radios.map((r) => r.closest('[data-account-id]')?.getAttribute('data-account-id') ?? r.getAttribute('value'))).toEqual([liveId, archivedId]);
    const labelOf = (id: string) => screen.getByRole('radiogroup').querySelector(`[data-account-id="${id}"]`)!.closest('.fui-Radio')!;
    expect(within(labelOf(archivedId) as HTMLElement).getByText('Archived')).toBeTruthy();
    expect(within(labelOf(liveId) as HTMLElement).queryByText('Archived')).toBeNull();
    expect(archived.hasAttribute('disabled')).toBe(false);
    fireEvent.click(archived);
    expect(picked).toEqual([{ id: archivedId, name: 'Koskelan Kala Oy', viaContact: null, archived: true }]);
    // What the picker offers, the API takes: an email logged to the archived account.
    const logged = await h.call('POST', '/api/interactions', {
      as: [h.a, h.a.users.rep], body: { kind: 'email', subject: 'Kalatukun tilaus', internetMessageId: '<kala-1@koskelan-kala.fi>', visibility: 'shared', accountIds: [archivedId],
        participants: [{ role: 'from', address: 'myynti@koskelan-kala.fi' }, { role: 'to', address: h.a.users.rep.email }] },
    });
    expect(logged.status).toBe(201);
    // The picker serves the new-contact form today: the API adds a contact to an archived account too.
    expect((await h.call('POST', '/api/contacts', { as: [h.a, h.a.users.rep], body: { name: 'Olli Koskela', emails: ['olli@koskelan-kala.fi'], accountId: archivedId } })).status).toBe(201);
    cleanup();
    show([], 'fi-FI');
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'koskelan kala' } });
    await screen.findByRole('radio', { name: /Koskelan Kala Oy/ });
    expect(screen.getByText('Arkistoitu')).toBeTruthy();
  });
});
