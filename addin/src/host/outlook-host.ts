// The only code that calls office.js. Each callback API is wrapped in a Promise that rejects with HostError,
// so a failure inside Office never throws out of a callback, and components see plain values (outlook-item.ts).
/// <reference types="office-js" />
import { HostError } from './host-error.ts';
import type { LogIntent, MailAddress, OutlookItem } from './outlook-item.ts';

const LOG_INTENT_PROPERTY = 'suhdeLogIntent';

function office(): typeof Office {
  const o = (globalThis as { Office?: typeof Office }).Office;
  if (!o) throw new HostError('office_unavailable', 'office.js is not loaded: open Suhde from Outlook.');
  return o;
}

function mailbox(): Office.Mailbox {
  const m = office().context?.mailbox;
  if (!m) throw new HostError('office_unavailable', 'This is not Outlook: Suhde’s task pane needs a mailbox.');
  return m;
}

/** Turns an AsyncResult callback API into a Promise. */
function callAsync<T>(invoke: (cb: (r: Office.AsyncResult<T>) => void) => void, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      invoke((r) => {
        if (r.status === office().AsyncResultStatus.Succeeded) resolve(r.value);
        else reject(new HostError('async_failed', `${what} failed: ${r.error?.message ?? 'unknown error'}`, r.error ? { code: r.error.code, name: r.error.name } : undefined));
      });
    } catch (e) {
      reject(e instanceof HostError ? e : new HostError('async_failed', `${what} failed: ${(e as Error)?.message ?? e}`));
    }
  });
}

/** Resolves once office.js is initialised in Outlook; rejects when Office does not come up in time. */
export async function officeReady(timeoutMs = 10_000): Promise<{ host: string | null; platform: string | null }> {
  const o = office();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HostError('office_unavailable', 'Office did not initialise: open Suhde from Outlook.')), timeoutMs);
  });
  try {
    const info = await Promise.race([o.onReady(), timeout]);
    if (info.host !== null && info.host !== o.HostType.Outlook) throw new HostError('office_unavailable', `Suhde runs in Outlook, not in ${String(info.host)}.`);
    return { host: info.host === null ? null : String(info.host), platform: info.platform === null ? null : String(info.platform) };
  } finally {
    clearTimeout(timer);
  }
}

export function isSetSupported(name: string, version: string): boolean {
  try {
    return office().context.requirements.isSetSupported(name, version);
  } catch {
    return false;
  }
}

/** Office's UI language ("fi-FI"), or null outside Office. */
export function displayLanguage(): string | null {
  try {
    return office().context.displayLanguage ?? null;
  } catch {
    return null;
  }
}

export type OfficeThemeColors = Pick<Office.OfficeTheme, 'bodyBackgroundColor' | 'bodyForegroundColor'>;

/** The Office theme's colours, or null where Outlook does not tell (Mailbox < 1.14 outside Office). */
export function officeTheme(): OfficeThemeColors | null {
  try {
    return office().context.officeTheme ?? null;
  } catch {
    return null;
  }
}

/**
 * Calls onChange with the new colours when the user switches Office's theme while the pane is open
 * (OfficeThemeChanged, Mailbox 1.14); resolves to an unsubscribe function, a no-op where it is not supported.
 */
export async function onThemeChanged(onChange: (theme: OfficeThemeColors) => void): Promise<() => Promise<void>> {
  const m = mailbox();
  const type = (office().EventType as { OfficeThemeChanged?: Office.EventType }).OfficeThemeChanged;
  if (!type || typeof m.addHandlerAsync !== 'function' || !isSetSupported('Mailbox', '1.14')) return async () => undefined;
  const handler = (e: { officeTheme?: OfficeThemeColors }) => {
    const theme = e.officeTheme ?? officeTheme();
    if (theme) onChange(theme);
  };
  await callAsync<void>((cb) => m.addHandlerAsync(type, handler, cb), 'Following the Office theme');
  return () => callAsync<void>((cb) => m.removeHandlerAsync(type, cb), 'Stopping to follow the Office theme');
}

const addr = (d: Office.EmailAddressDetails | null | undefined): MailAddress | null =>
  d && d.emailAddress ? { address: d.emailAddress, displayName: d.displayName && d.displayName !== d.emailAddress ? d.displayName : null } : null;
const addrs = (list: Office.EmailAddressDetails[] | null | undefined): MailAddress[] => (list ?? []).map(addr).filter((x): x is MailAddress => x !== null);
// Duck-typed, not instanceof: a Date made in another window (realm) is still a Date.
const time = (d: Date | null | undefined): number | null => {
  const ms = typeof d?.getTime === 'function' ? d.getTime() : NaN;
  return Number.isNaN(ms) ? null : ms;
};

/** The REST (Graph) id of a read-mode item; null where convertToRestId is missing (Mailbox < 1.3). */
function restIdOf(itemId: string): string | null {
  try {
    const m = mailbox();
    return typeof m.convertToRestId === 'function' ? m.convertToRestId(itemId, office().MailboxEnums.RestVersion.v2_0) : null;
  } catch {
    return null;
  }
}

type ComposeField<T> = { getAsync(cb: (r: Office.AsyncResult<T>) => void): void };
const isCompose = (item: object): boolean => typeof (item as { subject?: { getAsync?: unknown } }).subject?.getAsync === 'function';

function readLogIntent(props: Office.CustomProperties): LogIntent | null {
  const v = props.get(LOG_INTENT_PROPERTY) as unknown;
  if (typeof v !== 'string') return null;
  try {
    const p = JSON.parse(v) as LogIntent;
    return p && Array.isArray(p.accountIds) ? p : null;
  } catch {
    return null;
  }
}

function customProperties(item: Office.MessageRead | Office.MessageCompose | Office.AppointmentCompose): Promise<Office.CustomProperties> {
  return callAsync<Office.CustomProperties>((cb) => item.loadCustomPropertiesAsync(cb), 'Reading the item’s custom properties');
}

/** The selected item as plain values; null when nothing is selected (a pinned pane). */
export async function readCurrentItem(): Promise<OutlookItem | null> {
  const item = mailbox().item as (Office.MessageRead & Office.AppointmentRead & Office.MessageCompose & Office.AppointmentCompose) | null | undefined;
  if (!item) return null;
  const Item = office().MailboxEnums.ItemType;
  if (!isCompose(item)) {
    if (item.itemType === Item.Appointment) {
      const a = item as unknown as Office.AppointmentRead;
      return {
        kind: 'appointment', mode: 'read', itemId: a.itemId, restId: restIdOf(a.itemId), subject: a.subject ?? '',
        organizer: addr(a.organizer), requiredAttendees: addrs(a.requiredAttendees), optionalAttendees: addrs(a.optionalAttendees),
        start: time(a.start), end: time(a.end), location: a.location || null,
      };
    }
    const m = item as unknown as Office.MessageRead;
    // Custom properties are optional: a failure to read them must not hide the email.
    const intent = await customProperties(m).then(readLogIntent, () => null);
    return {
      kind: 'message', mode: 'read', itemId: m.itemId, restId: restIdOf(m.itemId),
      internetMessageId: m.internetMessageId || null, conversationId: m.conversationId || null, subject: m.subject ?? '',
      from: addr(m.from), to: addrs(m.to), cc: addrs(m.cc), sentAt: time(m.dateTimeCreated), logIntent: intent,
    };
  }
  const get = <T>(f: ComposeField<T> | undefined, what: string): Promise<T | null> => (f ? callAsync<T>((cb) => f.getAsync(cb), what) : Promise.resolve(null));
  if (item.itemType === Item.Appointment) {
    const a = item as unknown as Office.AppointmentCompose;
    const [subject, required, optional, start, end, organizer, location, itemId] = await Promise.all([
      get<string>(a.subject, 'Reading the subject'),
      get<Office.EmailAddressDetails[]>(a.requiredAttendees, 'Reading the attendees'),
      get<Office.EmailAddressDetails[]>(a.optionalAttendees, 'Reading the optional attendees'),
      get<Date>(a.start, 'Reading the start'),
      get<Date>(a.end, 'Reading the end'),
      // The organizer's own window: organizer.getAsync is Mailbox 1.7; before it, the organizer is the mailbox owner.
      get<Office.EmailAddressDetails>(a.organizer as ComposeField<Office.EmailAddressDetails> | undefined, 'Reading the organizer').catch(withoutOptional),
      get<string>(a.location as ComposeField<string> | undefined, 'Reading the location').catch(withoutOptional),
      savedItemId(a),
    ]);
    const owner = mailbox().userProfile;
    return {
      kind: 'appointment', mode: 'compose', itemId, subject: subject ?? '',
      organizer: addr(organizer) ?? (owner?.emailAddress ? { address: owner.emailAddress, displayName: owner.displayName || null } : null),
      location: location || null, requiredAttendees: addrs(required), optionalAttendees: addrs(optional), start: time(start), end: time(end),
    };
  }
  const m = item as unknown as Office.MessageCompose;
  const [subject, to, cc, intent] = await Promise.all([
    get<string>(m.subject, 'Reading the subject'),
    get<Office.EmailAddressDetails[]>(m.to, 'Reading the recipients'),
    get<Office.EmailAddressDetails[]>(m.cc, 'Reading the Cc recipients'),
    // Unreadable is not "off": the compose pane says it could not tell rather than showing the switch off.
    customProperties(m).then((p) => ({ intent: readLogIntent(p), unreadable: false }), () => ({ intent: null, unreadable: true })),
  ]);
  return {
    kind: 'message', mode: 'compose', subject: subject ?? '', to: addrs(to), cc: addrs(cc), conversationId: m.conversationId || null,
    logIntent: intent.intent, logIntentUnreadable: intent.unreadable,
  };
}

/**
 * The id of a meeting the organizer has saved or sent (getItemIdAsync, Mailbox 1.8); null while it is a new,
 * unsaved one (Office answers ItemNotSaved) or where the API is missing.
 */
function savedItemId(a: Office.AppointmentCompose): Promise<string | null> {
  const getId = (a as { getItemIdAsync?: (cb: (r: Office.AsyncResult<string>) => void) => void }).getItemIdAsync;
  if (typeof getId !== 'function') return Promise.resolve(null);
  return callAsync<string>((cb) => getId.call(a, cb), 'Reading the meeting’s id').then(
    (id) => id || null,
    (e: unknown) => (e instanceof HostError && e.office?.name === 'ItemNotSaved' ? null : withoutOptional(e)),
  );
}

/** A nice-to-have field Office would not give: logged, and the pane goes on without it. */
function withoutOptional(e: unknown): null {
  console.warn('Suhde: an optional Outlook field could not be read', e);
  return null;
}

/**
 * Saves (or, with null, clears) "log this email when sent" on the draft as a custom property; it travels with
 * the message into Sent Items, where the pane (or the mailbox sync) logs it.
 */
export async function saveLogIntent(intent: LogIntent | null): Promise<void> {
  const item = mailbox().item as Office.MessageCompose | null | undefined;
  if (!item || !isCompose(item)) throw new HostError('no_item', 'Open a new email to log it when it is sent.');
  const props = await customProperties(item);
  if (intent) props.set(LOG_INTENT_PROPERTY, JSON.stringify(intent));
  else props.remove(LOG_INTENT_PROPERTY);
  await callAsync<void>((cb) => props.saveAsync(cb), 'Saving on the email');
}

/** Calls onChange whenever the selected item changes (pinned pane); resolves to an unsubscribe function. */
export async function onItemChanged(onChange: () => void): Promise<() => Promise<void>> {
  const m = mailbox();
  const type = office().EventType.ItemChanged;
  if (typeof m.addHandlerAsync !== 'function') return async () => undefined; // Mailbox < 1.5: not pinnable
  await callAsync<void>((cb) => m.addHandlerAsync(type, onChange, cb), 'Following the selected item');
  return () => callAsync<void>((cb) => m.removeHandlerAsync(type, cb), 'Stopping to follow the selected item');
}

/** Opens a URL in the user's browser (or Teams, for a Teams deep link) rather than inside the task pane. */
export function openInBrowser(url: string): void {
  const ui = office().context.ui;
  if (typeof ui?.openBrowserWindow === 'function') ui.openBrowserWindow(url);
  else window.open(url, '_blank', 'noopener');
}

/**
 * The Office dialog API, for sign-in where nested app authentication is missing: opens `url`, resolves with the
 * first message the dialog sends (Office.context.ui.messageParent) and closes it; rejects when it is closed.
 */
export function dialogMessage(url: string, opts: { height?: number; width?: number } = {}): Promise<string> {
  const o = office();
  return new Promise<string>((resolve, reject) => {
    o.context.ui.displayDialogAsync(url, { height: opts.height ?? 60, width: opts.width ?? 30, promptBeforeOpen: false }, (r) => {
      if (r.status !== o.AsyncResultStatus.Succeeded) {
        reject(new HostError('async_failed', `The sign-in window did not open: ${r.error?.message ?? ''}`, r.error ? { code: r.error.code, name: r.error.name } : undefined));
        return;
      }
      const dialog = r.value;
      dialog.addEventHandler(o.EventType.DialogMessageReceived, (arg) => {
        dialog.close();
        if ('message' in arg) resolve(arg.message);
        else reject(new HostError('async_failed', `Sign-in window: error ${arg.error}`));
      });
      dialog.addEventHandler(o.EventType.DialogEventReceived, (arg) => {
        reject(new HostError('async_failed', `The sign-in window was closed (${'error' in arg ? arg.error : 'closed'}).`, 'error' in arg ? { code: arg.error, name: 'DialogEvent' } : undefined));
      });
    });
  });
}

/** The signed-in mailbox's address (the demo picks its demo user by it). */
export function mailboxUserAddress(): string | null {
  try {
    return mailbox().userProfile?.emailAddress ?? null;
  } catch {
    return null;
  }
}

/** From inside an Office dialog: hands a message to the task pane that opened it. */
export function messageParent(message: string): void {
  office().context.ui.messageParent(message);
}
