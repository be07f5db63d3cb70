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
let opportunityId: string;
beforeAll(async () => {
  ({ handle, dispose } = await testDatabases()[0]!.open());
  h = await apiHarness(handle);
  accountId = (await h.call('POST', '/api/accounts', { as: [h.a, h.a.users.rep], body: { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'], tier: 'A' } })).body.id;
  opportunityId = (await h.call('POST', '/api/opportunities', { as: [h.a, h.a.users.rep], body: { accountId, name: 'Runkourakka 2027', stage: 'offer', value: 12_500_000 } })).body.id;
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

const draft = (to: string): MessageCompose => ({ kind: 'message', mode: 'compose', subject: 'Tarjous', to: [{ address: to, displayName: null }], cc: [], conversationId: null, logIntent: null, logIntentUnreadable: false });

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

  it('offers the read pane’s choices (opportunity, who sees it) and carries them in the intent', async () => {
    const saved: (LogIntent | null)[] = [];
    show(draft('pekka@kallio-rakennus.fi'), saved);
    fireEvent.click(await screen.findByRole('switch', { name: 'Log this email when sent' }));
    fireEvent.change(await screen.findByLabelText('Opportunity'), { target: { value: opportunityId } });
    fireEvent.change(screen.getByLabelText('Who sees it'), { target: { value: 'metadata' } });
    await waitFor(() => expect(saved.at(-1)).toEqual({ note: null, visibility: 'metadata', accountIds: [accountId], opportunityId }));
    // The intent has no follow-up date (the backend reads none), so compose does not pretend to offer one.
    expect(screen.queryByLabelText('Follow up on')).toBeNull();
  });

  it('puts the switch back when saving fails, and never says it is saved', async () => {
    show(draft('pekka@kallio-rakennus.fi'), [], true);
    const toggle = await screen.findByRole('switch', { name: 'Log this email when sent' });
    fireEvent.click(toggle);
    await screen.findByText(/Not saved on the email, so it will not be logged when sent\. Saving on the email failed: the item was closed\./);
    expect((toggle as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByText('Suhde will log this email when it is sent.')).toBeNull();
  });

  it('says so when Outlook could not tell whether the draft is to be logged, rather than showing it off', async () => {
    show({ ...draft('pekka@kallio-rakennus.fi'), logIntentUnreadable: true }, []);
    await screen.findByText(/Suhde could not read whether this email is set to be logged when sent/);
  });
});
