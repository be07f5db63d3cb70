// Picks how the pane gets its token: MSAL nested app authentication where Outlook supports NestedAppAuth 1.1,
// else the Office dialog API around MSAL's redirect sign-in; without an Entra configuration, the demo issuer.
import {
  SignInRequired, createDemoAuth, createMsalAuth, listDemoUsers, type AuthProvider, type DemoUser,
} from '../../../web-shared/src/index.ts';
import { dialogMessage, isSetSupported, mailboxUserAddress } from '../host/outlook-host.ts';
import { buildConfig } from './build-config.ts';

export type AuthChoice = { kind: 'ready'; auth: AuthProvider } | { kind: 'pick-demo-user'; users: DemoUser[] };

export function officeDialogAuth(): AuthProvider {
  let cached: { token: string; expiresAt: number } | null = null;
  return {
    kind: 'office-dialog',
    user: () => null,
    async getToken() {
      if (cached && cached.expiresAt > Date.now() + 60_000) return cached.token;
      const raw = await dialogMessage(`${location.origin}/addin/auth-dialog.html`).catch((e: Error) => {
        throw new SignInRequired(e.message, 'dialog_failed', e);
      });
      const msg = JSON.parse(raw) as { accessToken?: string; expiresOn?: number; error?: string };
      if (!msg.accessToken) throw new SignInRequired(msg.error ?? 'The sign-in window returned no token.', 'dialog_failed');
      cached = { token: msg.accessToken, expiresAt: msg.expiresOn ?? Date.now() + 300_000 };
      return cached.token;
    },
  };
}

export async function chooseAuth(): Promise<AuthChoice> {
  if (buildConfig.entraClientId && buildConfig.apiScope) {
    if (isSetSupported('NestedAppAuth', '1.1')) {
      return { kind: 'ready', auth: createMsalAuth({ clientId: buildConfig.entraClientId, scope: buildConfig.apiScope, authority: buildConfig.authority, mode: 'naa' }) };
    }
    return { kind: 'ready', auth: officeDialogAuth() };
  }
  const users = await listDemoUsers();
  if (!users) throw new SignInRequired('This Suhde server has neither an Entra ID configuration nor the demo sign-in.', 'not_configured');
  // The demo signs you in as the demo user whose mailbox this is.
  const mine = mailboxUserAddress()?.toLowerCase();
  const user = users.find((u) => u.email.toLowerCase() === mine);
  return user ? { kind: 'ready', auth: createDemoAuth({ userId: user.id }) } : { kind: 'pick-demo-user', users };
}
