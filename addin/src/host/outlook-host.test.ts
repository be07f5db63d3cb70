// The host module against office-addin-mock's Office objects: each item type and mode, missing fields, and
// office.js failures turned into HostError rejections.
import { afterEach, describe, expect, it } from 'vitest';
import { OfficeMockObject } from 'office-addin-mock';
import { HostError } from './host-error.ts';
import {
  dialogMessage, displayLanguage, isSetSupported, officeReady, officeTheme, onItemChanged, onThemeChanged, readCurrentItem, saveLogIntent,
} from './outlook-host.ts';
import { variantForOffice } from '../app/office-theme.ts';

type Cb = (r: { status: string; value?: unknown; error?: { code: number; name: string; message: string } }) => void;
const ok = (value: unknown) => (cb: Cb) => setTimeout(() => cb({ status: 'succeeded', value }), 0);
const fail = (code: number, name: string, message: string) => (cb: Cb) => setTimeout(() => cb({ status: 'failed', error: { code, name, message } }), 0);

function customProperties(initial: Record<string, unknown> = {}) {
  const store: Record<string, unknown> = { ...initial };
  return {
    store,
    props: {
      get: (k: string) => store[k],
      set: (k: string, v: unknown) => { store[k] = v; },
      remove: (k: string) => { delete store[k]; },
      saveAsync: ok(undefined),
    },
  };
}

function install(item: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) {
  const mailbox: Record<string, unknown> = {
    convertToRestId: (id: string) => id.replace(/\//g, '-').replace(/\+/g, '_'),
    addHandlerAsync: (_t: string, _h: unknown, cb: Cb) => ok(undefined)(cb),
    removeHandlerAsync: (_t: string, cb: Cb) => ok(undefined)(cb),
    ...(item ? { item } : {}),
  };
  const data = {
    onReady: async () => ({ host: 'Outlook', platform: 'OfficeOnline' }),
    HostType: { Outlook: 'Outlook' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { ItemChanged: 'olkItemSelectedChanged' },
    MailboxEnums: { ItemType: { Message: 'message', Appointment: 'appointment' }, RestVersion: { v2_0: 'v2.0' } },
    context: {
      displayLanguage: 'fi-FI',
      officeTheme: { bodyBackgroundColor: '#1f1f1f' },
      requirements: { isSetSupported: (name: string, v: string) => name === 'Mailbox' && Number(v.split('.')[1]) <= 13 },
      mailbox,
      ...extra,
    },
  };
  const mock = new OfficeMockObject(data, 'outlook' as never);
  (globalThis as { Office?: unknown }).Office = mock;
  return mock as unknown as typeof data;
}

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
});

const sent = new Date('2026-11-30T08:15:00Z');

describe('outlook host', () => {
  it('reads an email in read mode, with the REST id and the draft’s log intent', async () => {
    const { props } = customProperties({ suhdeLogIntent: JSON.stringify({ note: 'Tarjous', visibility: 'shared', accountIds: ['a1'], opportunityId: null }) });
    install({
      itemType: 'message', itemId: 'AAMk/abc+def=', subject: 'VS: Tarjous', internetMessageId: '<m1@kallio.fi>', conversationId: 'AAQk1',
      from: { displayName: 'Pekka Kallio', emailAddress: 'pekka@kallio.fi' },
      to: [{ displayName: 'rep@seller.fi', emailAddress: 'rep@seller.fi' }], cc: [{ displayName: 'Liisa', emailAddress: 'liisa@kallio.fi' }],
      dateTimeCreated: sent, loadCustomPropertiesAsync: ok(props),
    });
    await expect(officeReady()).resolves.toEqual({ host: 'Outlook', platform: 'OfficeOnline' });
    expect(await readCurrentItem()).toEqual({
      kind: 'message', mode: 'read', itemId: 'AAMk/abc+def=', restId: 'AAMk-abc_def=', internetMessageId: '<m1@kallio.fi>', conversationId: 'AAQk1',
      subject: 'VS: Tarjous', from: { address: 'pekka@kallio.fi', displayName: 'Pekka Kallio' },
      // A display name that is only the address again says nothing: null.
      to: [{ address: 'rep@seller.fi', displayName: null }], cc: [{ address: 'liisa@kallio.fi', displayName: 'Liisa' }],
      sentAt: sent.getTime(), logIntent: { note: 'Tarjous', visibility: 'shared', accountIds: ['a1'], opportunityId: null },
    });
  });

  it('reads an email with fields missing (no sender, no Message-ID, no cc) and custom properties failing', async () => {
    install({ itemType: 'message', itemId: 'id1', subject: '', to: [], dateTimeCreated: sent, loadCustomPropertiesAsync: fail(9017, 'GenericResponseError', 'nope') });
    const item = await readCurrentItem();
    expect(item).toMatchObject({ kind: 'message', mode: 'read', from: null, internetMessageId: null, conversationId: null, cc: [], to: [], logIntent: null });
  });

  it('reads a meeting in read mode', async () => {
    const start = new Date('2026-12-02T08:00:00Z');
    install({
      itemType: 'appointment', itemId: 'AAMk/meet', subject: 'Kvartaalikatsaus', location: 'Teams', start, end: new Date(start.getTime() + 45 * 60_000),
      organizer: { displayName: 'Riikka Rep', emailAddress: 'rep@seller.fi' },
      requiredAttendees: [{ displayName: 'Pekka Kallio', emailAddress: 'pekka@kallio.fi' }], optionalAttendees: [],
    });
    expect(await readCurrentItem()).toEqual({
      kind: 'appointment', mode: 'read', itemId: 'AAMk/meet', restId: 'AAMk-meet', subject: 'Kvartaalikatsaus', location: 'Teams',
      organizer: { address: 'rep@seller.fi', displayName: 'Riikka Rep' }, requiredAttendees: [{ address: 'pekka@kallio.fi', displayName: 'Pekka Kallio' }],
      optionalAttendees: [], start: start.getTime(), end: start.getTime() + 45 * 60_000,
    });
  });

  it('reads a new email in compose mode through getAsync', async () => {
    const { props } = customProperties();
    install({
      itemType: 'message', conversationId: '',
      subject: { getAsync: ok('Tarjous') },
      to: { getAsync: ok([{ displayName: 'Pekka Kallio', emailAddress: 'pekka@kallio.fi' }]) },
      cc: { getAsync: ok([]) },
      loadCustomPropertiesAsync: ok(props),
    });
    expect(await readCurrentItem()).toEqual({
      kind: 'message', mode: 'compose', subject: 'Tarjous', to: [{ address: 'pekka@kallio.fi', displayName: 'Pekka Kallio' }], cc: [], conversationId: null, logIntent: null, logIntentUnreadable: false,
    });
  });

  it('says a draft’s log intent is unreadable when its custom properties fail, instead of reading it as off', async () => {
    install({
      itemType: 'message', conversationId: '', subject: { getAsync: ok('Tarjous') }, to: { getAsync: ok([]) }, cc: { getAsync: ok([]) },
      loadCustomPropertiesAsync: fail(9002, 'InternalServerError', 'Try again later.'),
    });
    expect(await readCurrentItem()).toMatchObject({ mode: 'compose', logIntent: null, logIntentUnreadable: true });
  });

  it('reads a meeting in compose mode', async () => {
    const start = new Date('2026-12-03T10:00:00Z');
    install({
      itemType: 'appointment', subject: { getAsync: ok('Aloituspalaveri') }, requiredAttendees: { getAsync: ok([{ displayName: 'P', emailAddress: 'p@kallio.fi' }]) },
      optionalAttendees: { getAsync: ok([]) }, start: { getAsync: ok(start) }, end: { getAsync: ok(new Date(start.getTime() + 3_600_000)) },
    });
    expect(await readCurrentItem()).toMatchObject({ kind: 'appointment', mode: 'compose', subject: 'Aloituspalaveri', start: start.getTime(), requiredAttendees: [{ address: 'p@kallio.fi', displayName: 'P' }] });
  });

  it('reads the organizer’s own meeting: its id once saved (getItemIdAsync), null while Office says ItemNotSaved', async () => {
    const start = new Date('2026-12-03T10:00:00Z');
    const meeting = (getItemIdAsync: (cb: Cb) => void) => ({
      itemType: 'appointment', subject: { getAsync: ok('Aloituspalaveri') }, requiredAttendees: { getAsync: ok([{ displayName: 'P', emailAddress: 'p@kallio.fi' }]) },
      optionalAttendees: { getAsync: ok([]) }, start: { getAsync: ok(start) }, end: { getAsync: ok(new Date(start.getTime() + 1_800_000)) },
      organizer: { getAsync: ok({ displayName: 'Riikka Rep', emailAddress: 'rep@seller-a.fi' }) }, location: { getAsync: ok('Teams') }, getItemIdAsync,
    });
    install(meeting(ok('AAMkAGsaved=')));
    expect(await readCurrentItem()).toMatchObject({
      kind: 'appointment', mode: 'compose', itemId: 'AAMkAGsaved=', organizer: { address: 'rep@seller-a.fi', displayName: 'Riikka Rep' }, location: 'Teams',
    });
    install(meeting(fail(9049, 'ItemNotSaved', 'The item has not been saved yet.')));
    expect(await readCurrentItem()).toMatchObject({ mode: 'compose', itemId: null, subject: 'Aloituspalaveri' });
  });

  it('rejects with a HostError carrying Office’s code when a compose getAsync fails', async () => {
    install({ itemType: 'message', subject: { getAsync: fail(9041, 'NetworkError', 'The user is no longer connected to the network.') }, to: { getAsync: ok([]) }, cc: { getAsync: ok([]) }, loadCustomPropertiesAsync: ok(customProperties().props) });
    const err = await readCurrentItem().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect(err).toMatchObject({ code: 'async_failed', office: { code: 9041, name: 'NetworkError' } });
    expect((err as Error).message).toContain('no longer connected');
  });

  it('rejects instead of throwing when an office.js call throws synchronously', async () => {
    install({ itemType: 'message', subject: { getAsync: () => { throw new Error('boom'); } }, to: { getAsync: ok([]) }, cc: { getAsync: ok([]) }, loadCustomPropertiesAsync: ok(customProperties().props) });
    await expect(readCurrentItem()).rejects.toMatchObject({ name: 'HostError', code: 'async_failed' });
  });

  it('gives null when nothing is selected, and office_unavailable outside Outlook', async () => {
    install(undefined);
    expect(await readCurrentItem()).toBeNull();
    delete (globalThis as { Office?: unknown }).Office;
    await expect(readCurrentItem()).rejects.toMatchObject({ code: 'office_unavailable' });
    expect(displayLanguage()).toBeNull();
  });

  it('refuses another Office host', async () => {
    const o = install(undefined);
    (o as unknown as { onReady: () => Promise<unknown> }).onReady = async () => ({ host: 'Word', platform: 'PC' });
    await expect(officeReady()).rejects.toMatchObject({ code: 'office_unavailable' });
  });

  it('saves and clears the log intent on a draft', async () => {
    const { props, store } = customProperties();
    install({ itemType: 'message', subject: { getAsync: ok('x') }, to: { getAsync: ok([]) }, cc: { getAsync: ok([]) }, loadCustomPropertiesAsync: ok(props) });
    await saveLogIntent({ note: 'n', visibility: 'metadata', accountIds: ['a'], opportunityId: null });
    expect(JSON.parse(store.suhdeLogIntent as string)).toEqual({ note: 'n', visibility: 'metadata', accountIds: ['a'], opportunityId: null });
    await saveLogIntent(null);
    expect(store.suhdeLogIntent).toBeUndefined();
  });

  it('will not save a log intent on an item being read', async () => {
    install({ itemType: 'message', itemId: 'x', subject: 's', to: [], dateTimeCreated: sent, loadCustomPropertiesAsync: ok(customProperties().props) });
    await expect(saveLogIntent(null)).rejects.toMatchObject({ code: 'no_item' });
  });

  it('follows ItemChanged and stops following', async () => {
    const o = install(undefined);
    const calls: string[] = [];
    const mb = o.context.mailbox as unknown as Record<string, unknown>;
    mb.addHandlerAsync = (type: string, _h: unknown, cb: Cb) => { calls.push(`add ${type}`); ok(undefined)(cb); };
    mb.removeHandlerAsync = (type: string, cb: Cb) => { calls.push(`remove ${type}`); ok(undefined)(cb); };
    const off = await onItemChanged(() => undefined);
    await off();
    expect(calls).toEqual(['add olkItemSelectedChanged', 'remove olkItemSelectedChanged']);
  });

  it('rejects when Outlook refuses the ItemChanged handler', async () => {
    const o = install(undefined);
    (o.context.mailbox as unknown as Record<string, unknown>).addHandlerAsync = (_t: string, _h: unknown, cb: Cb) => fail(5001, 'InternalError', 'An internal error has occurred.')(cb);
    await expect(onItemChanged(() => undefined)).rejects.toMatchObject({ code: 'async_failed', office: { code: 5001 } });
  });

  it('reads the display language, theme and requirement sets', () => {
    install(undefined);
    expect(displayLanguage()).toBe('fi-FI');
    expect(officeTheme()?.bodyBackgroundColor).toBe('#1f1f1f');
    expect(isSetSupported('Mailbox', '1.8')).toBe(true);
    expect(isSetSupported('NestedAppAuth', '1.1')).toBe(false);
  });

  it('maps Office’s theme to light, dark or high contrast, and follows OfficeThemeChanged where Mailbox 1.14 has it', async () => {
    expect(variantForOffice({ bodyBackgroundColor: '#ffffff', bodyForegroundColor: '#242424' }, false)).toBe('light');
    expect(variantForOffice({ bodyBackgroundColor: '#292929', bodyForegroundColor: '#ffffff' }, false)).toBe('dark');
    expect(variantForOffice({ bodyBackgroundColor: '#000000', bodyForegroundColor: '#FFFFFF' }, false)).toBe('contrast');
    expect(variantForOffice({ bodyBackgroundColor: '#ffffff', bodyForegroundColor: '#242424' }, true)).toBe('contrast');

    const o = install(undefined);
    (o as unknown as { EventType: Record<string, string> }).EventType = { ItemChanged: 'olkItemSelectedChanged', OfficeThemeChanged: 'officeThemeChanged' };
    const mb = o.context.mailbox as unknown as Record<string, unknown>;
    // Mailbox 1.13: nothing to follow, and no error either.
    expect(await (await onThemeChanged(() => undefined))()).toBeUndefined();
    (o.context as unknown as Record<string, unknown>).requirements = { isSetSupported: () => true };
    let fire: ((e: unknown) => void) | undefined;
    mb.addHandlerAsync = (_t: string, h: (e: unknown) => void, cb: Cb) => { fire = h; ok(undefined)(cb); };
    const seen: string[] = [];
    await onThemeChanged((t) => seen.push(variantForOffice(t, false)));
    fire!({ type: 'officeThemeChanged', officeTheme: { bodyBackgroundColor: '#292929', bodyForegroundColor: '#ffffff' } });
    fire!({ type: 'officeThemeChanged', officeTheme: { bodyBackgroundColor: '#000000', bodyForegroundColor: '#ffffff' } });
    expect(seen).toEqual(['dark', 'contrast']);
  });

  it('hands back the first message of an Office dialog and closes it; a dialog that cannot open rejects', async () => {
    const o = install(undefined);
    const closed: string[] = [];
    const ui = { displayDialogAsync: (url: string, _opts: unknown, cb: Cb) => {
      const handlers: Record<string, (arg: unknown) => void> = {};
      cb({ status: 'succeeded', value: { addEventHandler: (t: string, h: (arg: unknown) => void) => { handlers[t] = h; }, close: () => closed.push(url) } });
      setTimeout(() => handlers.dialogMessageReceived?.({ message: '{"accessToken":"t"}', origin: 'https://suhde.example.fi' }), 0);
    } };
    (o as unknown as { EventType: Record<string, string> }).EventType = { ItemChanged: 'olkItemSelectedChanged', DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' };
    (o.context as unknown as Record<string, unknown>).ui = ui;
    await expect(dialogMessage('https://suhde.example.fi/addin/auth-dialog.html')).resolves.toBe('{"accessToken":"t"}');
    expect(closed).toEqual(['https://suhde.example.fi/addin/auth-dialog.html']);
    ui.displayDialogAsync = (_u: string, _o: unknown, cb: Cb) => cb({ status: 'failed', error: { code: 12009, name: 'DialogDeclined', message: 'The user chose to ignore the dialog box.' } });
    await expect(dialogMessage('https://x')).rejects.toMatchObject({ code: 'async_failed', office: { code: 12009 } });
  });
});
