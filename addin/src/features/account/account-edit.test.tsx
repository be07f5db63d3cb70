// @vitest-environment happy-dom
// Editing the open email's account and contact cards in the read pane, against the real API (app.request on
// migrated SQLite and PostgreSQL, tokens from the test issuer): the owner changes the tier in place and the header
// follows; a colleague's account and contact come with the controls disabled and the rule beside them; the API's
// phone error sits on the phone field; adding a likely duplicate contact or account shows the evidence first, and
// "Use this one" or "Create anyway" do what they say on the server. In English and Finnish.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../../test/support/api-harness.ts';
import type { Db } from '../../../../backend/src/store/connect.ts';
import { I18nProvider, createApiClient, createI18n, type User } from '../../../../web-shared/src/index.ts';
import en from '../../i18n/en-US.json';
import fi from '../../i18n/fi-FI.json';
import { PaneServicesProvider, type PaneHost } from '../../app/pane-services.tsx';
import type { MessageRead } from '../../host/outlook-item.ts';
import { ReadPane } from '../capture/read-pane.tsx';

type HUser = Harness['a']['users']['rep'];
let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
let kallio: string;
let pekka: string;
let lehto: string;
/** Every write the pane sent (a match is a POST that writes nothing), as "METHOD path". */
const writes: string[] = [];

// Each step waits on real HTTP through the app on a shared, busy machine: a second is too short a wait.
configure({ asyncUtilTimeout: 8000 });
afterEach(() => cleanup());

const asUser = (u: HUser): User => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team });
const noHost: PaneHost = {
  readCurrentItem: async () => null,
  onItemChanged: async () => async () => undefined,
  saveLogIntent: async () => undefined,
  openInBrowser: () => undefined,
};

let n = 0;
const mail = (from: string, displayName: string): MessageRead => {
  n++;
  return {
    kind: 'message', mode: 'read', itemId: `edit-${n}`, restId: `rest-edit-${n}`, internetMessageId: `<edit${n}.${Date.now()}@x.fi>`, conversationId: null,
    subject: `Kysymys ${n}`, from: { address: from, displayName }, to: [{ address: 'rep@seller-a.fi', displayName: 'Riikka Rep' }], cc: [],
    sentAt: h.clock.now - 3_600_000, logIntent: null,
  };
};

function show(item: MessageRead, opts: { as?: HUser; locale?: 'en-US' | 'fi-FI' } = {}) {
  const me = opts.as ?? h.a.users.rep;
  const api = createApiClient({
    baseUrl: 'http://127.0.0.1:8080',
    getToken: () => h.token(h.a, me),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
      if (method !== 'GET' && !String(input instanceof Request ? input.url : input).endsWith('/api/match')) writes.push(`${method} ${new URL(input instanceof Request ? input.url : String(input)).pathname}`);
      return h.app.request(input instanceof Request ? input : String(input), init);
    }) as typeof fetch,
  });
  const services = {
    api, me: asUser(me), colleagues: Object.values(h.a.users).map(asUser), host: noHost,
    teams: { appId: null, webOrigin: 'http://127.0.0.1:8080' }, now: () => h.clock.now,
  };
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider i18n={createI18n(opts.locale ?? 'en-US', [{ 'en-US': en, 'fi-FI': fi }], 'Europe/Helsinki')}>
        <PaneServicesProvider value={services}>
          <ReadPane item={item} />
        </PaneServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

const get = async (path: string, as: HUser = h.a.users.rep) => (await h.call('GET', path, { as: [h.a, as] })).body;
const row = async (address: string) => {
  await waitFor(() => expect(document.querySelector(`li[data-address="${address}"]`)).toBeTruthy());
  return document.querySelector<HTMLElement>(`li[data-address="${address}"]`)!;
};

describe.each(testDatabases())('editing the open email’s cards in the pane on $name', (db) => {
  beforeAll(async () => {
    ({ handle, dispose } = await db.open());
    h = await apiHarness(handle);
    const rep = [h.a, h.a.users.rep] as const;
    const rep2 = [h.a, h.a.users.rep2] as const;
    kallio = (await h.call('POST', '/api/accounts', { as: [...rep], body: { name: 'Kallio Rakennus Oy', domains: ['kallio-rakennus.fi'], tier: 'C' } })).body.id;
    pekka = (await h.call('POST', '/api/contacts', { as: [...rep], body: { name: 'Pekka Kallio', emails: ['pekka@kallio-rakennus.fi'], accountId: kallio } })).body.id;
    lehto = (await h.call('POST', '/api/accounts', { as: [...rep2], body: { name: 'Lehto Logistiikka Oy', domains: ['lehto-logistiikka.fi'], tier: 'B' } })).body.id;
    await h.call('POST', '/api/contacts', { as: [...rep2], body: { name: 'Liisa Lehto', emails: ['liisa@lehto-logistiikka.fi'], accountId: lehto } });
  });
  afterAll(async () => dispose());

  it('lets the owner change the tier in place: saved on the server, confirmed, and the header shows the new tier', async () => {
    show(mail('pekka@kallio-rakennus.fi', 'Pekka Kallio'));
    const header = await screen.findByRole('group', { name: 'Kallio Rakennus Oy' });
    expect(within(header).getByLabelText('Tier C')).toBeTruthy();
    fireEvent.click(within(header).getByRole('button', { name: 'Edit account Kallio Rakennus Oy' }));
    const form = await screen.findByRole('form', { name: 'Edit account Kallio Rakennus Oy' });
    const tier = within(form).getByRole('combobox', { name: /Tier/ }) as HTMLSelectElement;
    expect(tier.disabled).toBe(false);
    fireEvent.change(tier, { target: { value: 'A' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await within(header).findByText('Saved: tier A.');
    expect((await get(`/api/accounts/${kallio}`)).tier).toBe('A');
    // The header is matched again: its badge is the stored tier, and the form is closed.
    await waitFor(() => expect(within(screen.getByRole('group', { name: 'Kallio Rakennus Oy' })).getByLabelText('Tier A')).toBeTruthy());
    expect(screen.queryByRole('form', { name: 'Edit account Kallio Rakennus Oy' })).toBeNull();
    // Audited as any account change: who, and which field (never its value).
    const audit = await get(`/api/audit?entityId=${kallio}&action=account.update`, h.a.users.admin);
    expect(audit.items[0]).toMatchObject({ actorId: h.a.users.rep.id, detail: { fields: ['tier'] } });
  });

  it('shows a colleague’s account and contact with the controls disabled and the rule beside them, and sends nothing', async () => {
    const before = writes.length;
    show(mail('liisa@lehto-logistiikka.fi', 'Liisa Lehto'));
    const header = await screen.findByRole('group', { name: 'Lehto Logistiikka Oy' });
    fireEvent.click(within(header).getByRole('button', { name: 'Edit account Lehto Logistiikka Oy' }));
    const form = await screen.findByRole('form', { name: 'Edit account Lehto Logistiikka Oy' });
    expect((within(form).getByRole('combobox', { name: /Tier/ }) as HTMLSelectElement).disabled).toBe(true);
    expect(within(form).getByText('Only the account owner or a manager can change the tier.')).toBeTruthy();
    expect((within(form).getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    const person = await row('liisa@lehto-logistiikka.fi');
    const edit = await within(person).findByRole('button', { name: 'Edit Liisa Lehto' });
    expect((edit as HTMLButtonElement).disabled).toBe(true);
    expect(within(person).getByText('Only the contact’s owner, the account owner or a manager can change this contact.')).toBeTruthy();
    expect(writes.length).toBe(before);
  });

  it('edits a contact’s title and phone: the API’s phone error on the phone field, then saved and shown on the card', async () => {
    show(mail('pekka@kallio-rakennus.fi', 'Pekka Kallio'));
    const person = await row('pekka@kallio-rakennus.fi');
    fireEvent.click(await within(person).findByRole('button', { name: 'Edit Pekka Kallio' }));
    const form = within(person).getByRole('form', { name: 'Edit Pekka Kallio' });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Title or role' }), { target: { value: 'Hankintapäällikkö, päättäjä' } });
    fireEvent.change(within(form).getByRole('textbox', { name: 'Phone' }), { target: { value: 'soita vaihteeseen' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const phoneField = await waitFor(() => {
      const f = form.querySelector<HTMLElement>('[data-field="phones"]') ?? person.querySelector<HTMLElement>('[data-field="phones"]')!;
      expect(f.textContent).toContain('Write a phone number, e.g. +358 40 123 4567.');
      return f;
    });
    expect(phoneField).toBeTruthy();
    expect((await get(`/api/contacts/${pekka}`)).title).toBeNull();
    fireEvent.change(within(form).getByRole('textbox', { name: 'Phone' }), { target: { value: '+358 40 123 4567' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await within(person).findByText('Saved.');
    expect(await get(`/api/contacts/${pekka}`)).toMatchObject({ title: 'Hankintapäällikkö, päättäjä', phones: ['+358 40 123 4567'] });
    // The card shows what the server stored.
    await within(person).findByText('Hankintapäällikkö, päättäjä · +358 40 123 4567');
  });

  it('warns before adding a likely duplicate contact, with the evidence; “Use this one” adds the address to that contact', async () => {
    const contactsBefore = (await get(`/api/contacts?accountId=${kallio}`)).total;
    show(mail('p.kallio@kallio-rakennus.fi', 'Pekka Kallio'));
    const person = await row('p.kallio@kallio-rakennus.fi');
    fireEvent.click(within(person).getByRole('button', { name: 'Add contact' }));
    const form = within(person).getByRole('form', { name: 'Add p.kallio@kallio-rakennus.fi as a contact' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add contact' }));
    const warning = await within(form).findByTestId('likely-duplicate');
    expect(within(warning).getByText('This person may be in Suhde already')).toBeTruthy();
    expect(within(warning).getByText('same name at the same account')).toBeTruthy();
    const use = within(warning).getByRole('button', { name: 'Use this one: Pekka Kallio' }) as HTMLButtonElement;
    await waitFor(() => expect(use.disabled).toBe(false));
    fireEvent.click(use);
    await screen.findByText('p.kallio@kallio-rakennus.fi added to Pekka Kallio.');
    expect((await get(`/api/contacts/${pekka}`)).emails.sort()).toEqual(['p.kallio@kallio-rakennus.fi', 'pekka@kallio-rakennus.fi']);
    expect((await get(`/api/contacts?accountId=${kallio}`)).total).toBe(contactsBefore);
    // Matched again: the sender is now that contact.
    await waitFor(() => expect(document.querySelector('li[data-address="p.kallio@kallio-rakennus.fi"]')?.getAttribute('data-kind')).toBe('contact'));
  });

  it('“Create anyway” creates the second contact when the person really is someone else', async () => {
    show(mail('pekka.k@kallio-rakennus.fi', 'Pekka Kallio'));
    const person = await row('pekka.k@kallio-rakennus.fi');
    fireEvent.click(within(person).getByRole('button', { name: 'Add contact' }));
    fireEvent.click(within(person).getAllByRole('button', { name: 'Add contact' }).at(-1)!);
    const warning = await within(person).findByTestId('likely-duplicate');
    fireEvent.click(within(warning).getByRole('button', { name: 'Create anyway' }));
    await screen.findByText('Pekka Kallio added as a contact.');
    const found = await get(`/api/contacts?q=${encodeURIComponent('pekka.k@kallio-rakennus.fi')}`);
    expect(found.items).toHaveLength(1);
    expect(found.items[0].id).not.toBe(pekka);
  });

  it('warns before creating a likely duplicate account; “Use this one” adds the new domain to it', async () => {
    show(mail('anna@kallio-rakennus.com', 'Anna Kallio'));
    const person = await row('anna@kallio-rakennus.com');
    fireEvent.click(within(person).getByRole('button', { name: 'New account kallio-rakennus.com' }));
    const form = within(person).getByRole('form', { name: 'New account from kallio-rakennus.com' });
    fireEvent.change(within(form).getByRole('textbox', { name: /Account name/ }), { target: { value: 'Kallio Rakennus Oy' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create account' }));
    const warning = await within(form).findByTestId('likely-duplicate');
    expect(within(warning).getByText('This account may exist already')).toBeTruthy();
    expect(within(warning).getByText('same name')).toBeTruthy();
    const use = within(warning).getByRole('button', { name: 'Use this one: Kallio Rakennus Oy' }) as HTMLButtonElement;
    await waitFor(() => expect(use.disabled).toBe(false));
    fireEvent.click(use);
    await screen.findByText('kallio-rakennus.com added to account Kallio Rakennus Oy.');
    expect((await get(`/api/accounts/${kallio}`)).domains.sort()).toEqual(['kallio-rakennus.com', 'kallio-rakennus.fi']);
    expect((await get('/api/accounts?q=Kallio')).items.map((a: { id: string }) => a.id)).toEqual([kallio]);
  });

  it('speaks Finnish: the rule, the card and the duplicate’s evidence', async () => {
    show(mail('liisa@lehto-logistiikka.fi', 'Liisa Lehto'), { locale: 'fi-FI' });
    const header = await screen.findByRole('group', { name: 'Lehto Logistiikka Oy' });
    fireEvent.click(within(header).getByRole('button', { name: 'Muokkaa asiakasta Lehto Logistiikka Oy' }));
    await screen.findByText('Vain asiakkaan omistaja tai esihenkilö voi muuttaa luokkaa.');
    const person = await row('liisa@lehto-logistiikka.fi');
    expect(await within(person).findByRole('button', { name: 'Muokkaa: Liisa Lehto' })).toBeTruthy();
    cleanup();

    show(mail('liisa.l@lehto-logistiikka.fi', 'Liisa Lehto'), { as: h.a.users.rep, locale: 'fi-FI' });
    const other = await row('liisa.l@lehto-logistiikka.fi');
    fireEvent.click(within(other).getByRole('button', { name: 'Lisää yhteyshenkilö' }));
    fireEvent.click(within(other).getAllByRole('button', { name: 'Lisää yhteyshenkilö' }).at(-1)!);
    const warning = await within(other).findByTestId('likely-duplicate');
    expect(within(warning).getByText('sama nimi samassa asiakkuudessa')).toBeTruthy();
    // Riikka may not change Ronja's contact: "Käytä tätä" is disabled with the rule; "Luo silti" stays open.
    const use = within(warning).getByRole('button', { name: 'Käytä tätä: Liisa Lehto' }) as HTMLButtonElement;
    await within(warning).findByText('Vain yhteyshenkilön omistaja, asiakkaan omistaja tai esihenkilö voi muuttaa tätä yhteyshenkilöä.');
    expect(use.disabled).toBe(true);
    expect((within(warning).getByRole('button', { name: 'Luo silti' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
