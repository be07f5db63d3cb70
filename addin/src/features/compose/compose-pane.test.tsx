// @vitest-environment happy-dom
// A new email: its customers from the real API, and "log this email when sent" saved through the host.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../../test/support/api-harness.ts';
import type { Db } from '../../../../backend/src/store/connect.ts';
import { I18nProvider, createApiClient, createI18n } from '../../../../web-shared/src/index.ts';
import en from '../../i18n/en-US.json';
import { PaneServicesProvider, type PaneHost } from '../../app/pane-services.tsx';
import type { LogIntent, MessageCompose } from '../../host/outlook-item.ts';
import { ComposePane } from './compose-pane.tsx';

let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
let accountId: string;
beforeAll(async () => {
  ({ handle, dispose } = await testDatabases()[0]!.open());
  h = await apiHarness(handle);
  accountId = (await h.call('POST', '/api/accounts', { as: [h.a, h.a.users.rep], body: { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'], tier: 'A' } })).body.id;
});
afterAll(async () => dispose());
afterEach(() => cleanup());

function show(item: MessageCompose, saved: (LogIntent | null)[], fail = false) {
  const u = h.a.users.rep;
  const host: PaneHost = {
    readCurrentItem: async () => item, onItemChanged: async () => async () => undefined, openInBrowser: () => undefined,
    saveLogIntent: async (i) => {
      if (fail) throw new Error('Saving on the email failed: the item was closed.');
      saved.push(i);
    },
  };
  const api = createApiClient({ baseUrl: 'http://x', getToken: () => h.token(h.a, u), fetch: ((i: RequestInfo | URL, init?: RequestInit) => h.app.request(String(i), init)) as typeof fetch });
  render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider i18n={createI18n('en-US', [{ 'en-US': en }])}>
        <PaneServicesProvider value={{ api, me: { id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team }, colleagues: [], host, teams: { appId: null, webOrigin: 'http://x' } }}>
          <ComposePane item={item} />
        </PaneServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

const draft = (to: string): MessageCompose => ({ kind: 'message', mode: 'compose', subject: 'Tarjous', to: [{ address: to, displayName: null }], cc: [], conversationId: null, logIntent: null });

describe('compose pane', () => {
  it('saves "log this email when sent" with the note and the recipients’ account, and clears it when switched off', async () => {
    const saved: (LogIntent | null)[] = [];
    show(draft('pekka@kallio-rakennus.fi'), saved);
    await screen.findByRole('group', { name: 'Kallio Rakennus Oy' });
    fireEvent.click(screen.getByRole('switch', { name: 'Log this email when sent' }));
    await screen.findByText('Suhde will log this email when it is sent.');
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'Tarjous lähetetty' } });
    fireEvent.blur(screen.getByLabelText('Note'));
    await waitFor(() => expect(saved.at(-1)).toEqual({ note: 'Tarjous lähetetty', visibility: 'shared', accountIds: [accountId], opportunityId: null }));
    fireEvent.click(screen.getByRole('switch', { name: 'Log this email when sent' }));
    await waitFor(() => expect(saved.at(-1)).toBeNull());
  });

  it('says a customer is needed when no recipient is one', async () => {
    show(draft('colleague@seller-a.fi'), []);
    await screen.findByText('Add a customer as a recipient to log this email.');
    expect(screen.queryByRole('switch')).toBeNull();
  });

  it('shows the host’s failure to save', async () => {
    show(draft('pekka@kallio-rakennus.fi'), [], true);
    fireEvent.click(await screen.findByRole('switch', { name: 'Log this email when sent' }));
    await screen.findByText('Saving on the email failed: the item was closed.');
  });
});
