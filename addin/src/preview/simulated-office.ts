// A stand-in for office.js in the add-in preview: exactly the parts of the Outlook API the task pane uses,
// shaped as Microsoft documents them (string enums, AsyncResult callbacks, errors with code and name).
// Never part of the Outlook package: only /addin/preview.html loads it.

export interface SimAddress {
  displayName: string;
  emailAddress: string;
}

export type SimItem =
  | {
      itemType: 'message'; mode: 'read'; itemId: string; subject: string; from: SimAddress; to: SimAddress[]; cc: SimAddress[];
      dateTimeCreated: Date; internetMessageId: string; conversationId: string; body: string; customProperties?: Record<string, unknown>;
    }
  | {
      itemType: 'appointment'; mode: 'read'; itemId: string; subject: string; organizer: SimAddress; requiredAttendees: SimAddress[];
      optionalAttendees: SimAddress[]; start: Date; end: Date; location: string; body: string;
    }
  | { itemType: 'message'; mode: 'compose'; subject: string; to: SimAddress[]; cc: SimAddress[]; conversationId: string | null; body: string; customProperties?: Record<string, unknown> }
  | {
      /** Your own meeting, in its organizer window; itemId is null until it is saved or sent. */
      itemType: 'appointment'; mode: 'compose'; itemId: string | null; subject: string; organizer: SimAddress; requiredAttendees: SimAddress[];
      optionalAttendees: SimAddress[]; start: Date; end: Date; location: string; body: string;
    };

export type SimTheme = 'light' | 'dark' | 'contrast';

export interface SimulatedMailbox {
  user: SimAddress;
  displayLanguage: string;
  theme: SimTheme;
  /** Requirement sets and their highest version, e.g. { Mailbox: '1.13' }. */
  requirementSets: Record<string, string>;
  /** When set, the next async call of this name fails (for trying error states). */
  failNext?: string | null;
}

const AsyncResultStatus = { Succeeded: 'succeeded', Failed: 'failed' } as const;
const EventType = {
  ItemChanged: 'olkItemSelectedChanged', OfficeThemeChanged: 'officeThemeChanged', DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived',
} as const;

interface AsyncResult<T> {
  status: (typeof AsyncResultStatus)[keyof typeof AsyncResultStatus];
  value: T;
  error: { code: number; name: string; message: string } | null;
  asyncContext: unknown;
}

const THEMES = {
  light: { bodyBackgroundColor: '#ffffff', bodyForegroundColor: '#242424', controlBackgroundColor: '#ffffff', controlForegroundColor: '#242424', isDarkTheme: false },
  dark: { bodyBackgroundColor: '#292929', bodyForegroundColor: '#ffffff', controlBackgroundColor: '#1f1f1f', controlForegroundColor: '#ffffff', isDarkTheme: true },
  // Office's high-contrast theme gives pure black and white.
  contrast: { bodyBackgroundColor: '#000000', bodyForegroundColor: '#ffffff', controlBackgroundColor: '#000000', controlForegroundColor: '#ffffff', isDarkTheme: true },
};

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** The shared state of the simulated Outlook: one mailbox, its selected item, the panes' ItemChanged handlers. */
export class SimulatedOutlook {
  private item: SimItem | null = null;
  private handlers = new Set<(args: { type: string }) => void>();
  private themeHandlers = new Set<(args: { type: string; officeTheme: unknown }) => void>();
  readonly opened: string[] = [];

  constructor(public mailbox: SimulatedMailbox) {}

  /** Selects an item (or none), as clicking in the message list does; a pinned pane hears ItemChanged. */
  select(item: SimItem | null): void {
    this.item = item;
    for (const h of this.handlers) setTimeout(() => h({ type: EventType.ItemChanged }), 0);
  }

  /** Switches Office's theme, as the user does in Outlook's settings; open panes hear OfficeThemeChanged. */
  setTheme(theme: SimTheme): void {
    this.mailbox.theme = theme;
    for (const h of this.themeHandlers) setTimeout(() => h({ type: EventType.OfficeThemeChanged, officeTheme: { ...THEMES[theme] } }), 0);
  }

  selected(): SimItem | null {
    return this.item;
  }

  private respond<T>(name: string, callback: ((r: AsyncResult<T>) => void) | undefined, produce: () => T, asyncContext?: unknown): void {
    const fail = this.mailbox.failNext === name;
    if (fail) this.mailbox.failNext = null;
    setTimeout(() => {
      const r: AsyncResult<T> = fail
        ? { status: AsyncResultStatus.Failed, value: undefined as T, error: { code: 9002, name: 'InternalServerError', message: 'The simulated Outlook was told to fail this call.' }, asyncContext }
        : { status: AsyncResultStatus.Succeeded, value: produce(), error: null, asyncContext };
      callback?.(r);
    }, 0);
  }

  private customPropertiesOf(item: { customProperties?: Record<string, unknown> }) {
    const pending: Record<string, unknown> = { ...(item.customProperties ?? {}) };
    return {
      get: (name: string) => pending[name],
      set: (name: string, value: unknown) => { pending[name] = value; },
      remove: (name: string) => { delete pending[name]; },
      getAll: () => ({ ...pending }),
      saveAsync: (a?: unknown, b?: unknown) => {
        const cb = (typeof a === 'function' ? a : b) as ((r: AsyncResult<void>) => void) | undefined;
        this.respond<void>('saveAsync', cb, () => { item.customProperties = { ...pending }; });
      },
    };
  }

  /** The item as office.js shows it: plain properties in read mode, getAsync objects in compose mode. */
  private officeItem(realm: Window): unknown {
    const item = this.item;
    // office.js makes its Dates in the pane's own window; so does the simulation.
    const RealmDate = (realm as unknown as { Date: DateConstructor }).Date;
    if (!item) return null;
    const self = this;
    const field = <T>(name: string, get: () => T, set?: (v: T) => void) => ({
      getAsync(a?: unknown, b?: unknown) {
        const cb = (typeof a === 'function' ? a : b) as ((r: AsyncResult<T>) => void) | undefined;
        self.respond<T>(name, cb, get);
      },
      ...(set ? { setAsync(v: T, a?: unknown, b?: unknown) {
        const cb = (typeof a === 'function' ? a : b) as ((r: AsyncResult<void>) => void) | undefined;
        self.respond<void>(name, cb, () => set(v));
      } } : {}),
    });
    const loadCustomPropertiesAsync = (holder: { customProperties?: Record<string, unknown> }) => (cb: (r: AsyncResult<unknown>) => void, userContext?: unknown) =>
      this.respond('loadCustomPropertiesAsync', cb, () => this.customPropertiesOf(holder), userContext);
    if (item.mode === 'compose' && item.itemType === 'appointment') {
      const at = (d: Date) => new RealmDate(d.getTime());
      return {
        itemType: item.itemType,
        subject: field('subject', () => item.subject),
        organizer: field('organizer', () => ({ ...item.organizer })),
        requiredAttendees: field('requiredAttendees', () => item.requiredAttendees.map((a) => ({ ...a }))),
        optionalAttendees: field('optionalAttendees', () => item.optionalAttendees.map((a) => ({ ...a }))),
        start: field('start', () => at(item.start)),
        end: field('end', () => at(item.end)),
        location: field('location', () => item.location),
        body: field('body', () => item.body),
        // Mailbox 1.8: an unsaved item answers ItemNotSaved.
        getItemIdAsync(a?: unknown, b?: unknown) {
          const cb = (typeof a === 'function' ? a : b) as ((r: AsyncResult<string>) => void) | undefined;
          if (item.itemId === null) {
            setTimeout(() => cb?.({ status: AsyncResultStatus.Failed, value: undefined as unknown as string, error: { code: 9049, name: 'ItemNotSaved', message: 'The item has not been saved yet.' }, asyncContext: undefined }), 0);
            return;
          }
          self.respond<string>('getItemIdAsync', cb, () => item.itemId!);
        },
      };
    }
    if (item.mode === 'compose') {
      return {
        itemType: item.itemType,
        conversationId: item.conversationId,
        subject: field('subject', () => item.subject, (v) => { item.subject = v; }),
        to: field('to', () => item.to.map((a) => ({ ...a, recipientType: 'externalUser' }))),
        cc: field('cc', () => item.cc.map((a) => ({ ...a, recipientType: 'externalUser' }))),
        body: field('body', () => item.body),
        loadCustomPropertiesAsync: loadCustomPropertiesAsync(item),
      };
    }
    if (item.itemType === 'appointment') {
      return {
        itemType: item.itemType, itemId: item.itemId, subject: item.subject, organizer: { ...item.organizer },
        requiredAttendees: item.requiredAttendees.map((a) => ({ ...a })), optionalAttendees: item.optionalAttendees.map((a) => ({ ...a })),
        start: new RealmDate(item.start.getTime()), end: new RealmDate(item.end.getTime()), location: item.location, dateTimeCreated: new RealmDate(item.start.getTime()),
      };
    }
    return {
      itemType: item.itemType, itemId: item.itemId, subject: item.subject, from: { ...item.from }, sender: { ...item.from },
      to: item.to.map((a) => ({ ...a })), cc: item.cc.map((a) => ({ ...a })), dateTimeCreated: new RealmDate(item.dateTimeCreated.getTime()),
      internetMessageId: item.internetMessageId, conversationId: item.conversationId, normalizedSubject: item.subject.replace(/^(re|fw|vs|vl):\s*/i, ''),
      loadCustomPropertiesAsync: loadCustomPropertiesAsync(item),
    };
  }

  /** The Office namespace for one task pane window. */
  officeFor(paneWindow: Window): unknown {
    const self = this;
    const m = this.mailbox;
    const mailbox = {
      get item() {
        return self.officeItem(paneWindow);
      },
      userProfile: { displayName: m.user.displayName, emailAddress: m.user.emailAddress, timeZone: 'FLE Standard Time', accountType: 'enterprise' },
      diagnostics: { hostName: 'OutlookWebApp', hostVersion: 'preview' },
      convertToRestId: (itemId: string, _version: string) => itemId.replace(/\//g, '-').replace(/\+/g, '_'),
      addHandlerAsync(eventType: string, handler: (args: { type: string }) => void, a?: unknown, b?: unknown) {
        const cb = (typeof a === 'function' ? a : b) as ((r: AsyncResult<void>) => void) | undefined;
        if (eventType === EventType.OfficeThemeChanged) {
          self.themeHandlers.add(handler as (args: { type: string; officeTheme: unknown }) => void);
          paneWindow.addEventListener('unload', () => self.themeHandlers.delete(handler as (args: { type: string; officeTheme: unknown }) => void));
          self.respond<void>('addHandlerAsync', cb, () => undefined);
          return;
        }
        if (eventType !== EventType.ItemChanged) {
          self.respond<void>('__unsupported', cb, () => undefined);
          return;
        }
        self.handlers.add(handler);
        paneWindow.addEventListener('unload', () => self.handlers.delete(handler));
        self.respond<void>('addHandlerAsync', cb, () => undefined);
      },
      removeHandlerAsync(eventType: string, a?: unknown, b?: unknown) {
        const cb = (typeof a === 'function' ? a : b) as ((r: AsyncResult<void>) => void) | undefined;
        // office.js removes every handler of the event type that this add-in registered.
        if (eventType === EventType.ItemChanged) self.handlers.clear();
        if (eventType === EventType.OfficeThemeChanged) self.themeHandlers.clear();
        self.respond<void>('removeHandlerAsync', cb, () => undefined);
      },
    };
    return {
      HostType: { Outlook: 'Outlook' },
      PlatformType: { OfficeOnline: 'OfficeOnline' },
      AsyncResultStatus,
      EventType,
      MailboxEnums: { ItemType: { Message: 'message', Appointment: 'appointment' }, RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' } },
      onReady(callback?: (info: { host: string; platform: string }) => void) {
        const info = { host: 'Outlook', platform: 'OfficeOnline' };
        return new Promise((resolve) => setTimeout(() => { callback?.(info); resolve(info); }, 0));
      },
      context: {
        displayLanguage: m.displayLanguage,
        contentLanguage: m.displayLanguage,
        get officeTheme() {
          return { ...THEMES[m.theme] };
        },
        requirements: {
          isSetSupported: (name: string, version = '1.1') => {
            const have = m.requirementSets[name];
            return have !== undefined && compareVersions(have, version) >= 0;
          },
        },
        mailbox,
        ui: {
          openBrowserWindow: (url: string) => {
            self.opened.push(url);
            window.open(url, '_blank', 'noopener');
          },
          displayDialogAsync: (_url: string, a?: unknown, b?: unknown) => {
            const cb = (typeof a === 'function' ? a : b) as ((r: AsyncResult<unknown>) => void) | undefined;
            // The demo signs in through the demo issuer; the preview offers no dialog, as a client without the
            // DialogApi requirement set would not: answer as Office does when the dialog cannot open.
            setTimeout(() => cb?.({ status: 'failed', value: undefined, error: { code: 12011, name: 'DialogBlocked', message: 'The preview has no dialogs.' }, asyncContext: null }), 0);
          },
          messageParent: () => undefined,
        },
      },
    };
  }
}
