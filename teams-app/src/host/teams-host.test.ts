// The host module's detection and context handling: not hosted at once outside a frame, not hosted after the
// timeout in a frame nobody answers from, and Teams' context mapped onto the app's when a host answers.
import { describe, expect, it } from 'vitest';
import type * as TeamsJs from '@microsoft/teams-js';
import { connectTeamsHost, isInFrame, tabContextOf, teamsThemeOf, type TeamsSdk } from './teams-host.ts';
import { initialVariant } from './theme.ts';

const topWindow = () => {
  const w = { navigator: { language: 'fi-FI' }, open: () => null } as unknown as Window & { parent: Window; self: Window };
  Object.assign(w, { parent: w, self: w });
  return w;
};
const framedWindow = () => {
  const w = topWindow();
  Object.assign(w, { parent: {} as Window });
  return w;
};

const teamsContext = {
  app: { locale: 'fi-fi', theme: 'dark', sessionId: 's', host: { name: 'Teams', clientType: 'web', sessionId: 'h' } },
  page: { id: '0193a1b2-acct', subPageId: 'account:0193a1b2-acct/interaction:42', frameContext: 'content' },
  user: { id: 'oid-1', loginHint: 'laura@suhde-demo.fi', tenant: { id: 'tid-1' } },
  channel: { id: '19:abc@thread.tacv2' },
} as unknown as TeamsJs.app.Context;

function fakeSdk(initialize: () => Promise<void>, calls: string[] = []): () => Promise<TeamsSdk> {
  return async () => ({
    app: {
      initialize: () => { calls.push('initialize'); return initialize(); },
      getContext: async () => { calls.push('getContext'); return teamsContext; },
      registerOnThemeChangeHandler: (h: (t: string) => void) => { calls.push('theme'); h('contrast'); },
      notifySuccess: async () => { calls.push('notifySuccess'); },
      openLink: async () => {},
    },
    authentication: { getAuthToken: async () => 'sso-token' },
    calendar: { isSupported: () => false },
    nestedAppAuth: { isNAAChannelRecommended: () => true },
    pages: { config: { isSupported: () => true, setValidityState: (v: boolean) => calls.push(`valid:${v}`), registerOnSaveHandler: () => calls.push('onSave'), setConfig: async () => {} } },
  }) as unknown as TeamsSdk;
}

describe('connectTeamsHost', () => {
  it('is a plain web page at once outside a frame, without loading teams-js', async () => {
    let loaded = false;
    const started = Date.now();
    const host = await connectTeamsHost({ window: topWindow(), loadSdk: async () => { loaded = true; throw new Error('must not load'); } });
    expect(host.context).toMatchObject({ hosted: false, locale: 'fi-FI', theme: 'default', entityId: null });
    expect(loaded).toBe(false);
    expect(Date.now() - started).toBeLessThan(50);
    await expect(host.getAuthToken()).rejects.toThrow(/only available inside Microsoft Teams/);
    expect(await host.composeMeeting({ subject: 'x', attendees: [] })).toBe(false);
  });

  it('gives up on a frame that never answers after the timeout instead of hanging', async () => {
    const started = Date.now();
    const host = await connectTeamsHost({ window: framedWindow(), timeoutMs: 80, loadSdk: fakeSdk(() => new Promise(() => {})) });
    expect(host.context.hosted).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('treats a rejected initialize as not hosted', async () => {
    const host = await connectTeamsHost({ window: framedWindow(), loadSdk: fakeSdk(() => Promise.reject(new Error('Initialization Failed. No Parent window found.'))) });
    expect(host.context.hosted).toBe(false);
  });

  it('reads Teams’ context and follows its theme when a host answers', async () => {
    const calls: string[] = [];
    const host = await connectTeamsHost({ window: framedWindow(), loadSdk: fakeSdk(() => Promise.resolve(), calls) });
    expect(host.context).toEqual({
      hosted: true, locale: 'fi-fi', theme: 'dark', entityId: '0193a1b2-acct', subEntityId: 'account:0193a1b2-acct/interaction:42', frameContext: 'content',
      userObjectId: 'oid-1', tenantId: 'tid-1', loginHint: 'laura@suhde-demo.fi', meetingId: null, chatId: null, channelId: '19:abc@thread.tacv2', hostName: 'Teams',
    });
    const themes: string[] = [];
    host.onThemeChange((t) => themes.push(t));
    expect(themes).toEqual(['contrast']);
    expect(host.supportsNestedAppAuth()).toBe(true);
    expect(await host.getAuthToken()).toBe('sso-token');
    host.config.setValid(true);
    host.config.onSave(async () => ({ entityId: 'a', contentUrl: 'u', websiteUrl: 'u', suggestedDisplayName: 'A' }));
    host.notifyLoaded();
    expect(calls).toEqual(['initialize', 'getContext', 'theme', 'valid:true', 'onSave', 'notifySuccess']);
  });
});

describe('theme and frame helpers', () => {
  it('maps Teams themes onto ours, unknown names to the default', () => {
    expect(['default', 'dark', 'contrast', 'glitter', undefined].map((t) => teamsThemeOf(t))).toEqual(['default', 'dark', 'contrast', 'default', 'default']);
  });

  it('paints Teams’ theme inside Teams, the override or the browser’s scheme outside', () => {
    expect(initialVariant({ hosted: true, teamsTheme: 'contrast', override: null, prefersDark: false })).toBe('contrast');
    expect(initialVariant({ hosted: true, teamsTheme: 'dark', override: null, prefersDark: false })).toBe('dark');
    expect(initialVariant({ hosted: false, teamsTheme: 'default', override: null, prefersDark: true })).toBe('dark');
    expect(initialVariant({ hosted: false, teamsTheme: 'default', override: 'contrast', prefersDark: false })).toBe('contrast');
    expect(initialVariant({ hosted: false, teamsTheme: 'default', override: 'nonsense', prefersDark: false })).toBe('light');
  });

  it('counts a cross-origin parent (which throws on access) as a frame', () => {
    const w = { get parent(): Window { throw new Error('SecurityError'); }, self: {} } as unknown as Window;
    expect(isInFrame(w)).toBe(true);
    expect(isInFrame(topWindow())).toBe(false);
  });

  it('leaves out what Teams did not send', () => {
    const c = tabContextOf({ app: { locale: 'en-us', theme: 'default', sessionId: '', host: { name: 'Outlook', clientType: 'web', sessionId: '' } }, page: { id: '', frameContext: 'settings' } } as unknown as TeamsJs.app.Context);
    expect(c).toMatchObject({ hosted: true, entityId: null, subEntityId: null, frameContext: 'settings', userObjectId: null, tenantId: null, hostName: 'Outlook' });
  });
});
