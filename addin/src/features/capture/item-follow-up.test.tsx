// @vitest-environment happy-dom
// The logged item's follow-up in the read pane against the real API (app.request on migrated SQLite and
// PostgreSQL, tokens from the test issuer): it shows the date and what was promised, and Done, Snooze and Hand over
// reach the server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../../test/support/api-harness.ts';
import type { Db } from '../../../../backend/src/store/connect.ts';
import { I18nProvider, createApiClient, createI18n, localDayAfter, type User } from '../../../../web-shared/src/index.ts';
import en from '../../i18n/en-US.json';
import fi from '../../i18n/fi-FI.json';
import { PaneServicesProvider, type PaneHost } from '../../app/pane-services.tsx';
import type { MessageRead } from '../../host/outlook-item.ts';
import { ReadPane } from './read-pane.tsx';

type HUser = Harness['a']['users']['rep'];
let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
/** The server's answers to the pane's PATCH /api/follow-ups/{id} calls, in order. */
const patched: Array<Record<string, unknown>> = [];
const i18n = createI18n('en-US', [{ 'en-US': en, 'fi-FI': fi }], 'Europe/Helsinki');

afterEach(() => cleanup());

const asUser = (u: HUser): User => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team });
const noHost: PaneHost = {
  readCurrentItem: async () => null,
  onItemChanged: async () => async () => undefined,
  saveLogIntent: async () => undefined,
  openInBrowser: () => undefined,
};

function show(item: MessageRead, locale: 'en-US' | 'fi-FI' = 'en-US') {
  const rep = h.a.users.rep;
  const api = createApiClient({
    baseUrl: 'http://127.0.0.1:8080',
    getToken: () => h.token(h.a, rep),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await h.app.request(input instanceof Request ? input : String(input), init);
      if ((init?.method ?? (input instanceof Request ? input.method : 'GET')) === 'PATCH') patched.push(await res.clone().json());
      return res;
    }) as typeof fetch,
  });
  const services = {
    api, me: asUser(rep), colleagues: Object.values(h.a.users).map(asUser), host: noHost,
    teams: { appId: null, webOrigin: 'http://127.0.0.1:8080' }, now: () => h.clock.now,
  };
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider i18n={createI18n(locale, [{ 'en-US': en, 'fi-FI': fi }], 'Europe/Helsinki')}>
        <PaneServicesProvider value={services}>
          <ReadPane item={item} />
        </PaneServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

let n = 0;
/** An email the rep logged through the API with a follow-up on `dueOn` and a promise; returns the item and the follow-up. */
async function loggedWithFollowUp(dueOn: string, note: string) {
  n++;
  const item: MessageRead = {
    kind: 'message', mode: 'read', itemId: `fu-${n}`, restId: `rest-fu-${n}`, internetMessageId: `<fu${n}.${Date.now()}@x.fi>`, conversationId: null,
    subject: `Tarjous ${n}`, from: { address: 'pekka@kallio-rakennus.fi', displayName: 'Pekka Kallio' }, to: [{ address: 'rep@seller-a.fi', displayName: 'Riikka Rep' }], cc: [],
    sentAt: h.clock.now - 3_600_000, logIntent: null,
  };
  const logged = await h.call('POST', '/api/interactions', {
    as: [h.a, h.a.users.rep],
    body: { kind: 'email', source: 'addin', subject: item.subject, internetMessageId: item.internetMessageId, followUpOn: dueOn, participants: [{ role: 'from', address: 'pekka@kallio-rakennus.fi' }, { role: 'to', address: 'rep@seller-a.fi' }] },
  });
  expect(logged.status).toBe(201);
  const id: string = logged.body.followUp.id;
  expect((await h.call('PATCH', `/api/follow-ups/${id}`, { as: [h.a, h.a.users.rep], body: { note } })).status).toBe(200);
  return { item, id, interactionId: logged.body.interaction.id as string };
}

async function stored(interactionId: string, as: HUser = h.a.users.rep) {
  const r = await h.call('GET', `/api/follow-ups?interactionId=${interactionId}`, { as: [h.a, as] });
  return r.body.items[0];
}

const dayText = (iso: string) => i18n.formatDate(Date.parse(`${iso}T12:00:00`));

describe.each(testDatabases())('the logged item’s follow-up in the pane on $name', (db) => {
  beforeAll(async () => {
    // happy-dom rejects a cancelled animation's `finished` unhandled when a menu closes; Fluent skips motion when
    // animate() throws, as the other menu tests do.
    Element.prototype.animate = () => {
      throw new Error('no animations under happy-dom');
    };
    ({ handle, dispose } = await db.open());
    h = await apiHarness(handle);
    const rep = [h.a, h.a.users.rep] as const;
    const kallio = (await h.call('POST', '/api/accounts', { as: [...rep], body: { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'], tier: 'A' } })).body.id;
    await h.call('POST', '/api/contacts', { as: [...rep], body: { name: 'Pekka Kallio', emails: ['pekka@kallio-rakennus.fi'], accountId: kallio } });
  });
  afterAll(async () => dispose());

  it('shows the date and what was promised, and Done marks it done on the server', async () => {
    const due = localDayAfter(h.clock.now, 3);
    const { item, interactionId } = await loggedWithFollowUp(due, 'Lähetän päivitetyn tarjouksen.');
    show(item);
    const block = await screen.findByTestId('item-follow-up');
    expect(within(block).getByText(`Your follow-up: ${dayText(due)}`)).toBeTruthy();
    expect(within(block).getByText('Promised: Lähetän päivitetyn tarjouksen.')).toBeTruthy();
    const actions = within(block).getByRole('group', { name: 'Follow-up with Kallio Rakennus Oy' });
    expect(within(actions).getByRole('button', { name: 'Snooze the follow-up with Kallio Rakennus Oy' })).toBeTruthy();
    expect(within(actions).getByRole('button', { name: 'Hand the follow-up with Kallio Rakennus Oy to a colleague' })).toBeTruthy();

    const before = await stored(interactionId);
    expect(before.doneAt).toBeNull();
    fireEvent.click(within(actions).getByRole('button', { name: 'Done' }));
    await screen.findByText('Follow-up with Kallio Rakennus Oy marked done.');
    // The server's answer to the pane's PATCH carries when it was done; the open list no longer has it.
    expect(patched.at(-1)).toMatchObject({ id: before.id, doneAt: h.clock.now });
    expect(await stored(interactionId)).toBeUndefined();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Done' })).toBeNull());
  });

  it('snoozes to tomorrow: dueOn moves, originalDueOn keeps the date first promised', async () => {
    const due = localDayAfter(h.clock.now, 0);
    const { item, interactionId } = await loggedWithFollowUp(due, 'Soitan Pekalle.');
    show(item);
    fireEvent.click(await screen.findByRole('button', { name: 'Snooze the follow-up with Kallio Rakennus Oy' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Tomorrow' }));
    const tomorrow = localDayAfter(h.clock.now, 1);
    await screen.findByText(`Follow-up with Kallio Rakennus Oy moved to ${dayText(tomorrow)}.`);
    expect(await stored(interactionId)).toMatchObject({ dueOn: tomorrow, originalDueOn: due, doneAt: null, note: 'Soitan Pekalle.' });
    await screen.findByText(`Your follow-up: ${dayText(tomorrow)}`);
  });

  it('hands it to a colleague: it is in their follow-ups, and the pane says so', async () => {
    const { item, id, interactionId } = await loggedWithFollowUp(localDayAfter(h.clock.now, 2), 'Ronja hoitaa asennuksen.');
    const rep2 = h.a.users.rep2;
    const theirs = async () => (await h.call('GET', '/api/follow-ups', { as: [h.a, rep2] })).body.items.map((f: { id: string }) => f.id);
    expect(await theirs()).not.toContain(id);
    show(item);
    fireEvent.click(await screen.findByRole('button', { name: 'Hand the follow-up with Kallio Rakennus Oy to a colleague' }));
    const menu = await screen.findByRole('menu');
    // The rep cannot hand it to themselves: it is theirs already.
    expect(within(menu).queryByRole('menuitem', { name: 'Me' })).toBeNull();
    fireEvent.click(within(menu).getByRole('menuitem', { name: rep2.displayName }));
    await screen.findByText(`Follow-up with Kallio Rakennus Oy handed to ${rep2.displayName}.`);
    expect(await theirs()).toContain(id);
    expect(await stored(interactionId)).toMatchObject({ assigneeId: rep2.id, createdBy: h.a.users.rep.id });
  });

  it('speaks Finnish', async () => {
    const { item } = await loggedWithFollowUp(localDayAfter(h.clock.now, 1), 'Lähetän kuvat.');
    show(item, 'fi-FI');
    const block = await screen.findByTestId('item-follow-up');
    expect(within(block).getByText('Lupasit: Lähetän kuvat.')).toBeTruthy();
    expect(within(block).getByText(/^Yhteydenottosi: /)).toBeTruthy();
    expect(within(block).getByRole('button', { name: 'Siirrä yhteydenottoa asiakkaaseen Kallio Rakennus Oy' })).toBeTruthy();
  });
});
