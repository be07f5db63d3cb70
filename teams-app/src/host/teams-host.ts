// The only module that calls @microsoft/teams-js. It decides quickly whether the page runs inside a Microsoft
// 365 host: outside a frame it is a plain web page at once (teams-js would reject anyway); inside a frame it
// races app.initialize() against a short timeout, because in a frame that is not Teams (a preview, another
// site) initialize waits a full minute. Everything else in the app speaks TeamsHost, never teams-js.
import type * as TeamsJs from '@microsoft/teams-js';

/** The teams-js namespaces this module calls (see teams-sdk.ts). */
export type TeamsSdk = Pick<typeof TeamsJs, 'app' | 'authentication' | 'calendar' | 'nestedAppAuth' | 'pages'>;

export type TeamsTheme = 'default' | 'dark' | 'contrast';

/** What the app needs from its surroundings, the same shape hosted or not. */
export interface TabContext {
  hosted: boolean;
  /** BCP 47, e.g. "fi-fi" from Teams or navigator.language outside. */
  locale: string | null;
  theme: TeamsTheme;
  /** The tab's entityId (a configured channel tab: the account id; a personal tab: "accounts", "today" ...). */
  entityId: string | null;
  /** From a deep link: "account:<id>" or "account:<id>/interaction:<id>". */
  subEntityId: string | null;
  /** content, settings, sidePanel, meetingStage ... */
  frameContext: string | null;
  userObjectId: string | null;
  tenantId: string | null;
  loginHint: string | null;
  meetingId: string | null;
  chatId: string | null;
  channelId: string | null;
  hostName: string | null;
}

export interface TabConfig {
  entityId: string;
  contentUrl: string;
  websiteUrl: string;
  suggestedDisplayName: string;
}

export interface TeamsHost {
  readonly context: TabContext;
  /** Calls back with the new theme whenever the user switches it in Teams. */
  onThemeChange(handler: (theme: TeamsTheme) => void): void;
  /** Tells Teams the tab has loaded (hides its loading indicator). */
  notifyLoaded(): void;
  /** Whether the host brokers tokens for MSAL (nested app authentication). */
  supportsNestedAppAuth(): boolean;
  /** Teams single sign-on token (authentication.getAuthToken). */
  getAuthToken(): Promise<string>;
  /** A deep link through the host (app.openLink), or a new browser tab outside it. */
  openLink(url: string): Promise<void>;
  /** Opens the host's new-meeting form; false when the host cannot (the caller then offers a link). */
  composeMeeting(m: { subject: string; attendees: string[]; start?: Date; end?: Date; content?: string }): Promise<boolean>;
  /** The configuration page's part of a configurable tab. */
  config: {
    setValid(valid: boolean): void;
    /** Teams calls this when the user presses Save; resolve with the tab's settings, or reject with a message. */
    onSave(build: () => Promise<TabConfig>): void;
  };
}

export interface ConnectOptions {
  window?: Window;
  /** How long to wait for a host inside a frame. */
  timeoutMs?: number;
  /** For tests: where teams-js comes from. */
  loadSdk?: () => Promise<TeamsSdk>;
}

export const HOST_TIMEOUT_MS = 2500;

/** Teams' theme names onto ours; anything unknown is the default (light) theme. */
export function teamsThemeOf(name: string | null | undefined): TeamsTheme {
  return name === 'dark' || name === 'contrast' ? name : 'default';
}

/** A frame can be Teams; a top-level window cannot (a popup opened by Teams is handled by MSAL, not here). */
export function isInFrame(win: Window): boolean {
  try {
    return win.parent !== win.self;
  } catch {
    return true; // a cross-origin parent throws on access: we are framed
  }
}

/** teams-js's context onto ours. */
export function tabContextOf(c: TeamsJs.app.Context): TabContext {
  return {
    hosted: true,
    locale: c.app.locale ?? null,
    theme: teamsThemeOf(c.app.theme),
    entityId: c.page.id || null,
    subEntityId: c.page.subPageId || null,
    frameContext: c.page.frameContext ?? null,
    userObjectId: c.user?.id || null,
    tenantId: c.user?.tenant?.id ?? null,
    loginHint: c.user?.loginHint ?? c.user?.userPrincipalName ?? null,
    meetingId: c.meeting?.id ?? null,
    chatId: c.chat?.id ?? null,
    channelId: c.channel?.id ?? null,
    hostName: c.app.host?.name ?? null,
  };
}

function plainContext(win: Window): TabContext {
  return {
    hosted: false, locale: win.navigator?.language ?? null, theme: 'default', entityId: null, subEntityId: null, frameContext: null,
    userObjectId: null, tenantId: null, loginHint: null, meetingId: null, chatId: null, channelId: null, hostName: null,
  };
}

/** The web page outside Microsoft 365: the same interface, with browser equivalents or honest refusals. */
function plainHost(win: Window): TeamsHost {
  return {
    context: plainContext(win),
    onThemeChange: () => {},
    notifyLoaded: () => {},
    supportsNestedAppAuth: () => false,
    getAuthToken: () => Promise.reject(new Error('Teams single sign-on is only available inside Microsoft Teams.')),
    openLink: async (url) => {
      win.open(url, '_blank', 'noopener');
    },
    composeMeeting: async () => false,
    config: { setValid: () => {}, onSave: () => {} },
  };
}

function timeout(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), ms));
}

/** Connects to the host, or settles for a plain web page; never waits longer than timeoutMs. */
export async function connectTeamsHost(opts: ConnectOptions = {}): Promise<TeamsHost> {
  const win = opts.window ?? window;
  if (!isInFrame(win)) return plainHost(win);
  let sdk: TeamsSdk;
  try {
    sdk = await (opts.loadSdk ?? (() => import('./teams-sdk.ts')))();
  } catch {
    return plainHost(win);
  }
  const ready = await Promise.race([sdk.app.initialize().then(() => 'ready' as const, () => 'failed' as const), timeout(opts.timeoutMs ?? HOST_TIMEOUT_MS)]);
  if (ready !== 'ready') return plainHost(win);
  let context: TabContext;
  try {
    context = tabContextOf(await sdk.app.getContext());
  } catch {
    return plainHost(win);
  }
  const { app, authentication, calendar, nestedAppAuth, pages } = sdk;
  return {
    context,
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(teamsThemeOf(theme))),
    notifyLoaded: () => {
      app.notifySuccess().catch(() => {});
    },
    supportsNestedAppAuth: () => {
      try {
        return nestedAppAuth.isNAAChannelRecommended();
      } catch {
        return false;
      }
    },
    getAuthToken: () => authentication.getAuthToken(),
    openLink: (url) => app.openLink(url),
    composeMeeting: async (m) => {
      if (!calendar.isSupported()) return false;
      await calendar.composeMeeting({
        subject: m.subject, attendees: m.attendees, content: m.content,
        startTime: m.start?.toISOString(), endTime: m.end?.toISOString(),
      });
      return true;
    },
    config: {
      setValid: (valid) => {
        if (pages.config.isSupported()) pages.config.setValidityState(valid);
      },
      onSave: (build) => {
        if (!pages.config.isSupported()) return;
        pages.config.registerOnSaveHandler((event) => {
          build()
            .then((config) => pages.config.setConfig(config))
            .then(() => event.notifySuccess(), (e: unknown) => event.notifyFailure(e instanceof Error ? e.message : String(e)));
        });
      },
    },
  };
}
