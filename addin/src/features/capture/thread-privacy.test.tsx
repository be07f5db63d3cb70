// @vitest-environment happy-dom
// The read pane's "keep this thread private / share with the account team" against the real API (app.request on
// a migrated SQLite database): shown on an email the user holds from their own synced mailbox, not on one they
// only logged; and the link to the Teams app's My mailbox page.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../../test/support/api-harness.ts';
import type { Db } from '../../../../backend/src/store/connect.ts';
import { insertMailbox } from '../../../../backend/src/store/mailboxes.ts';
import { upsertItemRefs } from '../../../../backend/src/store/sync-items.ts';
import { mergeInteractionCopies } from '../../../../backend/src/use-cases/interactions/merge-interaction-copies.ts';
import { I18nProvider, createApiClient, createI18n, type User } from '../../../../web-shared/src/index.ts';
import en from '../../i18n/en-US.json';
import fi from '../../i18n/fi-FI.json';
import { PaneServicesProvider, type PaneHost } from '../../app/pane-services.tsx';
import type { MessageRead } from '../../host/outlook-item.ts';
import { ReadPane } from './read-pane.tsx';

let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
let accountId: string;
let syncedId: string;
const opened: string[] = [];

beforeAll(async () => {
  Element.prototype.animate = () => {
    throw new Error('no animations under happy-dom');
  };
  ({ handle, dispose } = await testDatabases()[0]!.open());
  h = await apiHarness(handle);
  const rep = h.a.users.rep;
  accountId = (await h.call('POST', '/api/accounts', { as: [h.a, rep], body: { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'], tier: 'A' } })).body.id;
  const mailbox = await insertMailbox(h.a.scope, { id: 'mbx-rep', userId: rep.id, address: rep.email }, h.clock.now);
  const [r] = await mergeInteractionCopies(h.a.scope, [{
    kind: 'email', direction: 'inbound', occurredAt: h.clock.now - 3_600_000, subject: 'Tarjous', snippet: null, note: null, durationMinutes: null,
    participants: [{ role: 'from', address: 'pekka@kallio-rakennus.fi', displayName: 'Pekka Kallio', userId: null, contactId: null }],
    accountIds: [accountId], opportunityId: null, source: 'sync', visibility: 'metadata',
    holders: [{ userId: rep.id, relation: 'holds', at: h.clock.now }], externalKey: 'msgid:synced-1@kallio-rakennus.fi',
  }], h.clock.now);
  syncedId = r!.id;
  await upsertItemRefs(h.a.scope, mailbox.id, 'mail:inbox', 1, [{ graphId: 'g-1', interactionId: syncedId, conversationId: 'conv-1' }]);
});
afterAll(async () => dispose());
afterEach(() => cleanup());

const asUser = (u: Harness['a']['users']['rep']): User => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team });

function show(item: MessageRead, locale: 'en-US' | 'fi-FI' = 'en-US') {
  const u = h.a.users.rep;
  const host: PaneHost = {
    readCurrentItem: async () => null, onItemChanged: async () => async () => undefined, saveLogIntent: async () => undefined,
    openInBrowser: (url) => opened.push(url),
  };
  const api = createApiClient({
    baseUrl: 'http://127.0.0.1:8080',
    getToken: () => h.token(h.a, u),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch,
  });
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider i18n={createI18n(locale, [{ 'en-US': en, 'fi-FI': fi }], 'Europe/Helsinki')}>
        <PaneServicesProvider value={{ api, me: asUser(u), colleagues: Object.values(h.a.users).map(asUser), host, teams: { appId: null, webOrigin: 'https://suhde.example' }, now: () => h.clock.now }}>
          <ReadPane item={item} />
        </PaneServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

const message = (internetMessageId: string): MessageRead => ({
  kind: 'message', mode: 'read', itemId: internetMessageId, restId: internetMessageId, internetMessageId, conversationId: 'conv-1',
  subject: 'Tarjous', from: { address: 'pekka@kallio-rakennus.fi', displayName: 'Pekka Kallio' }, to: [{ address: 'rep@seller-a.fi', displayName: 'Riikka Rep' }], cc: [],
  sentAt: h.clock.now - 3_600_000, logIntent: null,
});

describe('thread privacy in the read pane', () => {
  it('keeps the thread of an email from my mailbox private, then shares it, through the API', async () => {
    show(message('<synced-1@kallio-rakennus.fi>'));
    const bar = await screen.findByTestId('thread-privacy');
    fireEvent.click(within(bar).getByRole('button', { name: 'Keep this thread private' }));
    expect(await screen.findByText('This thread is private: 1 item. Later mail in it stays private.')).toBeTruthy();
    expect((await h.call('GET', `/api/interactions/${syncedId}`, { as: [h.a, h.a.users.rep] })).body.visibility).toBe('private');
    expect(screen.getByText(/Only me/)).toBeTruthy();
    fireEvent.click(within(screen.getByTestId('thread-privacy')).getByRole('button', { name: 'Share with the account team' }));
    await waitFor(async () => expect((await h.call('GET', `/api/interactions/${syncedId}`, { as: [h.a, h.a.users.rep] })).body.visibility).toBe('shared'));
  });

  it('links to the My mailbox page', async () => {
    show(message('<synced-1@kallio-rakennus.fi>'), 'fi-FI');
    fireEvent.click(within(await screen.findByTestId('thread-privacy')).getByRole('link', { name: /Mitä Suhde on tallentanut postilaatikostani/ }));
    expect(opened.at(-1)).toBe('https://suhde.example/teams-app/index.html?view=my-mailbox');
  });

  it('is not offered on an email I only logged from the add-in', async () => {
    const logged = await h.call('POST', '/api/interactions', {
      as: [h.a, h.a.users.rep],
      body: { kind: 'email', source: 'addin', subject: 'Kysymys', internetMessageId: '<logged-1@kallio-rakennus.fi>', participants: [{ role: 'from', address: 'pekka@kallio-rakennus.fi' }] },
    });
    expect(logged.status).toBe(201);
    show(message('<logged-1@kallio-rakennus.fi>'));
    await screen.findByTestId('logged-banner');
    expect(screen.queryByTestId('thread-privacy')).toBeNull();
  });
});
