// @vitest-environment happy-dom
// The My mailbox page against the real API (app.request on a migrated SQLite database, tokens from the test
// issuer): what was captured from the user's own mailbox, the skips by reason, keeping a thread private and
// sharing it again, and the personal blocklist taking already captured mail off the list.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../../test/support/api-harness.ts';
import type { Db } from '../../../../backend/src/store/connect.ts';
import { insertMailbox } from '../../../../backend/src/store/mailboxes.ts';
import { upsertItemRefs } from '../../../../backend/src/store/sync-items.ts';
import { addSkipCounts } from '../../../../backend/src/store/skip-counts.ts';
import { mergeInteractionCopies } from '../../../../backend/src/use-cases/interactions/merge-interaction-copies.ts';
import { I18nProvider, createApiClient, createI18n, type User } from '../../../../web-shared/src/index.ts';
import messages from '../../i18n/messages.ts';
import { ServicesProvider, type AppServices } from '../../app/services.tsx';
import type { TeamsHost } from '../../host/teams-host.ts';
import { MyMailboxView } from './my-mailbox-view.tsx';

configure({ asyncUtilTimeout: 8000 });
let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
const ids: Record<string, string> = {};

beforeAll(async () => {
  Element.prototype.animate = () => {
    throw new Error('no animations under happy-dom');
  };
  ({ handle, dispose } = await testDatabases()[0]!.open());
  h = await apiHarness(handle);
  const rep = h.a.users.rep;
  const account = (await h.call('POST', '/api/accounts', { as: [h.a, rep], body: { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'], tier: 'A' } })).body.id;
  const mailbox = await insertMailbox(h.a.scope, { id: 'mbx-rep', userId: rep.id, address: rep.email }, h.clock.now);
  let n = 0;
  const synced = async (subject: string, from: string, at: number) => {
    const [r] = await mergeInteractionCopies(h.a.scope, [{
      kind: 'email', direction: 'inbound', occurredAt: at, subject, snippet: null, note: null, durationMinutes: null,
      participants: [{ role: 'from', address: from, displayName: null, userId: null, contactId: null }],
      accountIds: [account], opportunityId: null, source: 'sync', visibility: 'metadata',
      holders: [{ userId: rep.id, relation: 'holds', at }], externalKey: `msgid:my-${++n}@kallio-rakennus.fi`,
    }], at);
    await upsertItemRefs(h.a.scope, mailbox.id, 'mail:inbox', 1, [{ graphId: `g-${n}`, interactionId: r!.id, conversationId: `conv-${n}` }]);
    return r!.id;
  };
  ids.offer = await synced('Tarjous: runkourakka', 'pekka@kallio-rakennus.fi', h.clock.now - 7_200_000);
  ids.school = await synced('Vanhempainilta', 'rehtori@koulu.kallio-rakennus.fi', h.clock.now - 3_600_000);
  await addSkipCounts(h.a.scope, mailbox.id, { personal: 5, automated: 2, 'account-ambiguous': 1 }, h.clock.now);
});
afterAll(async () => dispose());
afterEach(() => cleanup());

const asUser = (u: Harness['a']['users']['rep']): User => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team });

function show(user: Harness['a']['users']['rep'], locale: 'en-US' | 'fi-FI' = 'en-US') {
  const api = createApiClient({
    baseUrl: 'http://127.0.0.1:8080',
    getToken: () => h.token(h.a, user),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch,
  });
  const host = { context: { hosted: false }, openLink: async () => {} } as unknown as TeamsHost;
  const services: AppServices = { api, me: asUser(user), colleagues: Object.values(h.a.users).map(asUser), host, now: () => h.clock.now, navigate: () => {} };
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider i18n={createI18n(locale, [messages], 'Europe/Helsinki')}>
        <ServicesProvider value={services}><MyMailboxView /></ServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

describe('My mailbox', () => {
  it('lists what was captured from my mailbox, newest first, with the skips by reason', async () => {
    show(h.a.users.rep);
    const table = await screen.findByRole('table', { name: 'Captured from my mailbox' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-interaction-id'))).toEqual([ids.school, ids.offer]);
    expect(within(rows[1]!).getByText('Tarjous: runkourakka')).toBeTruthy();
    expect(within(rows[1]!).getByText('Kallio Rakennus Oy')).toBeTruthy();
    // The stored-without-account remark is not a skip.
    expect(screen.getByText('7 items not stored')).toBeTruthy();
    expect(screen.getByText('Personal: 5')).toBeTruthy();
  });

  it('keeps a thread private and shares it again, through the API', async () => {
    show(h.a.users.rep);
    const row = (await screen.findByText('Tarjous: runkourakka')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: 'Keep this thread private' }));
    expect((await screen.findByRole('status')).textContent).toContain('The thread is private: 1 item.');
    await waitFor(() => expect(row.getAttribute('data-visibility')).toBe('private'));
    expect((await h.call('GET', `/api/interactions/${ids.offer}`, { as: [h.a, h.a.users.rep2] })).status).toBe(404);
    fireEvent.click(within(row).getByRole('button', { name: 'Share it with the account team' }));
    await waitFor(() => expect(row.getAttribute('data-visibility')).toBe('shared'));
    expect((await h.call('GET', `/api/interactions/${ids.offer}`, { as: [h.a, h.a.users.rep2] })).body.subject).toBe('Tarjous: runkourakka');
  });

  it('saves my blocklist, and what was captured with a blocked domain leaves the list', async () => {
    show(h.a.users.rep, 'fi-FI');
    await screen.findByRole('table', { name: 'Postilaatikostani tallennettu' });
    fireEvent.change(screen.getByRole('textbox', { name: /Verkkotunnukset/ }), { target: { value: 'koulu.kallio-rakennus.fi' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tallenna estolista' }));
    expect((await screen.findByRole('status')).textContent).toBe('Estolistasi on tallennettu.');
    await waitFor(() => expect(screen.queryByText('Vanhempainilta')).toBeNull());
    expect(screen.getByText('Tarjous: runkourakka')).toBeTruthy();
    const mine = await h.call('GET', '/api/sync/my-captures', { as: [h.a, h.a.users.rep] });
    expect(mine.body.mailbox.blockedDomains).toEqual(['koulu.kallio-rakennus.fi']);
  });

  it('says so when my mailbox is not synced', async () => {
    show(h.a.users.rep2);
    expect(await screen.findByText('Your mailbox is not synced, so nothing has been captured from it.')).toBeTruthy();
  });
});
