// @vitest-environment happy-dom
// The read pane's states against the real API (app.request on a migrated SQLite database, tokens from the
// test issuer): loading, matched, ambiguous, unknown sender, already logged, and a backend that cannot be reached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { afterEach } from 'vitest';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../../test/support/api-harness.ts';
import type { Db } from '../../../../backend/src/store/connect.ts';
import { I18nProvider, createApiClient, createI18n, type ApiClient, type User } from '../../../../web-shared/src/index.ts';
import en from '../../i18n/en-US.json';
import fi from '../../i18n/fi-FI.json';
import { PaneServicesProvider, type PaneHost } from '../../app/pane-services.tsx';
import type { MessageRead, OutlookItem } from '../../host/outlook-item.ts';
import { ReadPane } from './read-pane.tsx';
import { TaskPane } from '../../app/task-pane.tsx';
import { createAccount as createStoredAccount } from '../../../../backend/src/store/accounts.ts';

let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
let kallio: string;
let shared: string[];

beforeAll(async () => {
  ({ handle, dispose } = await testDatabases()[0]!.open());
  h = await apiHarness(handle);
  const rep = [h.a, h.a.users.rep] as const;
  kallio = (await h.call('POST', '/api/accounts', { as: [...rep], body: { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'], tier: 'A' } })).body.id;
  await h.call('POST', '/api/contacts', { as: [...rep], body: { name: 'Pekka Kallio', emails: ['pekka@kallio-rakennus.fi'], accountId: kallio } });
  await h.call('POST', '/api/opportunities', { as: [...rep], body: { accountId: kallio, name: 'Runkourakka 2027', stage: 'offer', value: 12_500_000 } });
  shared = [
    (await h.call('POST', '/api/accounts', { as: [...rep], body: { name: 'Konserni Itä Oy', domains: ['konserni.fi'], tier: 'B' } })).body.id,
    // The API refuses a second account for one domain (409 domain-taken); data from before that rule can still hold one.
    (await createStoredAccount(h.a.scope, { name: 'Konserni Länsi Oy', domains: ['konserni.fi'], tier: 'C', lifecycle: 'prospect', ownerId: h.a.users.rep.id, industry: null, size: null, region: null }, null, h.clock.now)).id,
  ];
});
afterAll(async () => dispose());
afterEach(() => cleanup());

/** Every path the panes asked for, in order (the API's own calls in the tests are not counted). */
const asked: string[] = [];

function clientFor(user: User, opts: { down?: () => boolean } = {}): ApiClient {
  const u = Object.values(h.a.users).find((x) => x.id === user.id)!;
  return createApiClient({
    baseUrl: 'http://127.0.0.1:8080',
    getToken: () => h.token(h.a, u),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (opts.down?.()) throw new TypeError('Failed to fetch');
      asked.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
      return h.app.request(input instanceof Request ? input : String(input), init);
    }) as typeof fetch,
  });
}

const asUser = (u: Harness['a']['users']['rep']): User => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team });
const noHost: PaneHost = {
  readCurrentItem: async () => null,
  onItemChanged: async () => async () => undefined,
  saveLogIntent: async () => undefined,
  openInBrowser: () => undefined,
};

function show(node: React.ReactNode, opts: { user?: Harness['a']['users']['rep']; down?: () => boolean; host?: PaneHost; locale?: 'en-US' | 'fi-FI' } = {}) {
  const me = asUser(opts.user ?? h.a.users.rep);
  const services = {
    api: clientFor(me, opts.down ? { down: opts.down } : {}), me, colleagues: Object.values(h.a.users).map(asUser), host: opts.host ?? noHost,
    teams: { appId: null, webOrigin: 'http://127.0.0.1:8080' }, now: () => h.clock.now,
  };
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider i18n={createI18n(opts.locale ?? 'en-US', [{ 'en-US': en, 'fi-FI': fi }], 'Europe/Helsinki')}>
        <PaneServicesProvider value={services}>{node}</PaneServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

let n = 0;
function email(from: string, name: string | null, extra: Partial<MessageRead> = {}): MessageRead {
  n++;
  return {
    kind: 'message', mode: 'read', itemId: `item-${n}`, restId: `rest-${n}`, internetMessageId: `<t${n}.${Date.now()}@x.fi>`, conversationId: null,
    subject: `Aihe ${n}`, from: { address: from, displayName: name }, to: [{ address: 'rep@seller-a.fi', displayName: 'Riikka Rep' }], cc: [],
    sentAt: h.clock.now - 3_600_000, logIntent: null, ...extra,
  };
}

describe('read pane', () => {
  it('shows a spinner while it matches, then the matched account with owner, care, opportunities and the log action', async () => {
    show(<ReadPane item={email('pekka@kallio-rakennus.fi', 'Pekka Kallio')} />);
    expect(screen.getByRole('status').textContent).toContain('Finding the customer');
    const card = await screen.findByRole('group', { name: 'Kallio Rakennus Oy' });
    expect(within(card).getByText('Riikka Rep')).toBeTruthy();
    expect(within(card).getByText(/Last contact/)).toBeTruthy();
    // Two lines: the open pipeline comes with the match answer (no request for the account itself); the deals are
    // listed below the fold.
    expect(await within(card).findByText('€125,000 open')).toBeTruthy();
    expect(asked).toContain('/api/match');
    expect(asked).not.toContain(`/api/accounts/${kallio}`);
    expect(await within(screen.getByRole('region', { name: 'Recent history: Kallio Rakennus Oy' })).findByText('Runkourakka 2027')).toBeTruthy();
    const pekka = document.querySelector('[data-address="pekka@kallio-rakennus.fi"]')!;
    expect(pekka.getAttribute('data-kind')).toBe('contact');
    expect(pekka.textContent).toContain('Contact');
    const person = document.querySelector('[data-address="rep@seller-a.fi"]')!;
    expect(person.getAttribute('data-kind')).toBe('colleague');
    expect(screen.getByRole('button', { name: 'Log email' })).toBeTruthy();
  });

  it('logs the email with a note and an opportunity, then shows who logged it; unlinking takes it away', async () => {
    const item = email('pekka@kallio-rakennus.fi', 'Pekka Kallio');
    show(<ReadPane item={item} />);
    fireEvent.change(await screen.findByLabelText('Note'), { target: { value: 'Sovittiin katselmus.' } });
    const opp = (await screen.findByLabelText('Opportunity')) as HTMLSelectElement;
    fireEvent.change(opp, { target: { value: [...opp.options].find((o) => o.text === 'Runkourakka 2027')!.value } });
    expect(screen.getByRole('group', { name: 'Kallio Rakennus Oy' }).textContent).toContain('Never');
    fireEvent.click(screen.getByRole('button', { name: 'Log email' }));
    await screen.findByText('Logged by you', { exact: false });
    // Confirmed in place, once (no second bar), and the header is matched again: its last contact is this email.
    expect(screen.getAllByTestId('logged-banner')).toHaveLength(1);
    expect(screen.getByTestId('logged-banner').textContent).toContain('Visible to: Everyone in the account team');
    await waitFor(() => expect(screen.getByTestId('last-contact').textContent).toBe('1 hour ago'));
    const stored = await h.call('GET', `/api/interactions/lookup?internetMessageId=${encodeURIComponent(item.internetMessageId!)}`, { as: [h.a, h.a.users.rep] });
    expect(stored.body).toMatchObject({ note: 'Sovittiin katselmus.', accountIds: [kallio], occurredAt: item.sentAt, source: 'addin' });
    expect(stored.body.opportunityId).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Log email' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Unlink' }));
    expect(screen.getByText('Remove this from the account’s history for everyone?')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Unlink' })[0]!);
    await screen.findByText('Unlinked: it is no longer in the account’s history.');
    expect((await h.call('GET', `/api/interactions/${stored.body.id}`, { as: [h.a, h.a.users.rep] })).status).toBe(404);
    expect(screen.getByRole('button', { name: 'Log email' })).toBeTruthy();
  });

  it('says who logged an email already, and lets a colleague add themselves without a second interaction', async () => {
    const item = email('pekka@kallio-rakennus.fi', 'Pekka Kallio');
    await h.call('POST', '/api/interactions', {
      as: [h.a, h.a.users.rep2],
      body: { kind: 'email', subject: item.subject, internetMessageId: item.internetMessageId, participants: [{ role: 'from', address: 'pekka@kallio-rakennus.fi' }] },
    });
    show(<ReadPane item={item} />);
    await screen.findByText('Logged by Ronja Rep', { exact: false });
    // Joining offers your note and follow-up; who sees it is the holders' to change, and Unlink is not yours.
    await screen.findByLabelText('Your note');
    expect(screen.queryByLabelText('Who sees it')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Unlink' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Log email' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Your note'), { target: { value: 'Soitan huomenna.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log it too' }));
    await screen.findByText(/Logged by (Ronja Rep, you|you, Ronja Rep)/);
    expect(screen.getByRole('button', { name: 'Unlink' })).toBeTruthy();
    const stored = await h.call('GET', `/api/interactions/lookup?internetMessageId=${encodeURIComponent(item.internetMessageId!)}`, { as: [h.a, h.a.users.rep] });
    expect(stored.body.note).toBe('Soitan huomenna.');
  });

  it('does not log a sent copy again that the mailbox sync already logged for you from "log this email when sent"', async () => {
    const item = email('rep@seller-a.fi', 'Riikka Rep', {
      to: [{ address: 'pekka@kallio-rakennus.fi', displayName: 'Pekka Kallio' }],
      logIntent: { note: 'Luonnoksen muistiinpano', visibility: 'shared', accountIds: [kallio], opportunityId: null },
    });
    // What the sync's log amounts to: the sender holds and logged it (here through the API), and edited the note since.
    const logged = await h.call('POST', '/api/interactions', {
      as: [h.a, h.a.users.rep],
      body: { kind: 'email', source: 'addin', subject: item.subject, internetMessageId: item.internetMessageId, note: 'Muokattu', participants: [{ role: 'from', address: 'rep@seller-a.fi' }, { role: 'to', address: 'pekka@kallio-rakennus.fi' }] },
    });
    expect(logged.status).toBe(201);
    show(<ReadPane item={item} />);
    await screen.findByText('Logged by you', { exact: false });
    await act(() => new Promise((r) => setTimeout(r, 200)));
    const stored = await h.call('GET', `/api/interactions/lookup?internetMessageId=${encodeURIComponent(item.internetMessageId!)}`, { as: [h.a, h.a.users.rep] });
    expect(stored.body.note).toBe('Muokattu');
    expect(stored.body.holders).toHaveLength(1);
  });

  it('asks which account when the domain belongs to two, and logs to the one picked', async () => {
    const item = email('someone@konserni.fi', 'Sanna Someone');
    show(<ReadPane item={item} />);
    await screen.findByText('The sender’s domain belongs to more than one account: pick the one to log to.');
    expect(screen.queryByRole('button', { name: 'Log email' })).toBeNull();
    fireEvent.click(screen.getByLabelText('Konserni Länsi Oy (C)'));
    fireEvent.click(await screen.findByRole('button', { name: 'Log email' }));
    await screen.findByText('Logged by you to Konserni Länsi Oy');
    const stored = await h.call('GET', `/api/interactions/lookup?internetMessageId=${encodeURIComponent(item.internetMessageId!)}`, { as: [h.a, h.a.users.rep] });
    expect(stored.body.accountIds).toEqual([shared[1]]);
  });

  it('offers a new account for an unknown sender’s domain, and re-matches once it is created', async () => {
    show(<ReadPane item={email('anna.virtanen@revontuli.fi', 'Anna Virtanen')} />);
    await screen.findByText('No account matches these people yet.');
    expect(screen.queryByRole('button', { name: 'Log email' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'New account revontuli.fi' }));
    const form = screen.getByRole('form', { name: 'New account from revontuli.fi' });
    expect((within(form).getByLabelText(/Account name/) as HTMLInputElement).value).toBe('Revontuli');
    fireEvent.change(within(form).getByLabelText(/Account name/), { target: { value: 'Revontuli Analytiikka Oy' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create account' }));
    await screen.findByText('Account Revontuli Analytiikka Oy created.');
    await screen.findByRole('group', { name: 'Revontuli Analytiikka Oy' });
    fireEvent.click(screen.getByRole('button', { name: 'Add contact' }));
    const contact = screen.getByRole('form', { name: 'Add anna.virtanen@revontuli.fi as a contact' });
    expect((within(contact).getByLabelText(/Name/) as HTMLInputElement).value).toBe('Anna Virtanen');
    expect((within(contact).getByLabelText('Account') as HTMLSelectElement).selectedOptions[0]!.text).toBe('Revontuli Analytiikka Oy');
  });

  it('shows the API’s field message when a new contact is refused', async () => {
    show(<ReadPane item={email('x.y@kallio-rakennus.fi', null)} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add contact' }));
    const form = screen.getByRole('form', { name: 'Add x.y@kallio-rakennus.fi as a contact' });
    fireEvent.change(within(form).getByLabelText(/Name/), { target: { value: 'x'.repeat(201) } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add contact' }));
    await within(form).findByText('must be at most 200 characters');
  });

  it('says plainly when the backend cannot be reached, and recovers on retry', async () => {
    let down = true;
    show(<ReadPane item={email('pekka@kallio-rakennus.fi', 'Pekka Kallio')} />, { down: () => down });
    await screen.findByText('Suhde cannot be reached');
    down = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('group', { name: 'Kallio Rakennus Oy' });
  });

  it('speaks Finnish', async () => {
    show(<ReadPane item={email('pekka@kallio-rakennus.fi', 'Pekka Kallio')} />, { locale: 'fi-FI' });
    await screen.findByRole('group', { name: 'Kallio Rakennus Oy' });
    expect(screen.getByRole('button', { name: 'Kirjaa sähköposti' })).toBeTruthy();
    expect(screen.getByText(/Viimeksi yhteydessä/)).toBeTruthy();
  });

  it('takes a follow-up date as Finnish writes it (8.12.2026), and refuses one it cannot read', async () => {
    const item = email('pekka@kallio-rakennus.fi', 'Pekka Kallio');
    show(<ReadPane item={item} />, { locale: 'fi-FI' });
    const date = (await screen.findByLabelText('Seuraa asiaa', { exact: false })) as HTMLInputElement;
    expect(date.placeholder).toBe('d.M.yyyy');
    fireEvent.change(date, { target: { value: '31.2.2026' } });
    fireEvent.blur(date);
    await screen.findByText('Kirjoita päivä muodossa d.M.yyyy.');
    fireEvent.change(date, { target: { value: '8.12.2026' } });
    fireEvent.blur(date);
    expect(date.value).toBe('8.12.2026');
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaa sähköposti' }));
    await screen.findByText('Kirjannut sinä', { exact: false });
    const follow = await h.call('GET', '/api/follow-ups', { as: [h.a, h.a.users.rep] });
    expect(JSON.stringify(follow.body)).toContain('2026-12-08');
  });

  it('shows a meeting as a meeting: its time with length, and who comes from where', async () => {
    const start = Date.UTC(2026, 11, 8, 8, 0);
    const meeting: OutlookItem = {
      kind: 'appointment', mode: 'read', itemId: 'mtg-1', restId: null, subject: 'Katselmus', organizer: { address: 'pekka@kallio-rakennus.fi', displayName: 'Pekka Kallio' },
      requiredAttendees: [{ address: 'rep@seller-a.fi', displayName: 'Riikka Rep' }, { address: 'uusi@kallio-rakennus.fi', displayName: null }],
      optionalAttendees: [], start, end: start + 45 * 60_000, location: 'Teams',
    };
    show(<ReadPane item={meeting} />, { locale: 'fi-FI' });
    const when = await screen.findByTestId('meeting-when');
    expect(when.textContent).toMatch(/^ti 8\.12\.2026 \d{1,2}\.00–\d{1,2}\.45$/); // d.M.yyyy, the test's own time zone
    expect(screen.getByTestId('meeting-summary').textContent).toContain('(45 min)');
    expect(screen.getByTestId('meeting-attendees').textContent).toBe('1 sisäinen, 2 ulkoista · Kallio Rakennus Oy');
    expect(screen.getByRole('button', { name: 'Kirjaa kokous' })).toBeTruthy();
  });
});

describe('task pane', () => {
  it('follows the selected item: nothing selected, then an email when ItemChanged fires', async () => {
    let current: OutlookItem | null = null;
    let changed: (() => void) | null = null;
    const host: PaneHost = { ...noHost, readCurrentItem: async () => current, onItemChanged: async (cb) => { changed = cb; return async () => { changed = null; }; } };
    const view = show(<TaskPane />, { host });
    await screen.findByText('Select an email or a meeting to see its customer.');
    current = email('pekka@kallio-rakennus.fi', 'Pekka Kallio');
    await act(async () => changed!());
    await screen.findByRole('group', { name: 'Kallio Rakennus Oy' });
    view.unmount();
    await waitFor(() => expect(changed).toBeNull());
  });

  it('lets the organizer log their own meeting from its organizer window once it is saved', async () => {
    const start = h.clock.now - 2 * 3_600_000;
    let item: OutlookItem = {
      kind: 'appointment', mode: 'compose', itemId: null, organizer: { address: 'rep@seller-a.fi', displayName: 'Riikka Rep' }, location: null,
      subject: 'Aloituspalaveri', requiredAttendees: [{ address: 'pekka@kallio-rakennus.fi', displayName: 'Pekka Kallio' }], optionalAttendees: [], start, end: start + 3_600_000,
    };
    show(<TaskPane />, { host: { ...noHost, readCurrentItem: async () => item } });
    await screen.findByText('Send or save the meeting first: Suhde logs it once it is on your calendar.');
    item = { ...item, itemId: 'AAMkAGsaved=' };
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Log meeting' }));
    await screen.findByText('Logged by you', { exact: false });
    const q = new URLSearchParams({ organizer: 'rep@seller-a.fi', start: String(start), subject: 'Aloituspalaveri' });
    const stored = await h.call('GET', `/api/interactions/lookup?${q}`, { as: [h.a, h.a.users.rep] });
    expect(stored.body).toMatchObject({ kind: 'meeting', durationMinutes: 60, occurredAt: start, accountIds: [kallio] });
    expect(stored.body.participants.find((p: { role: string }) => p.role === 'organizer').address).toBe('rep@seller-a.fi');
  });
});
