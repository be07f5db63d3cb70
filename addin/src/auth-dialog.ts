// The Office dialog fallback for Outlook clients without nested app authentication: MSAL's redirect sign-in
// runs in this dialog window, and the access token goes back to the task pane through messageParent.
import { createStandardPublicClientApplication } from '@azure/msal-browser';
import { messageParent, officeReady } from './host/outlook-host.ts';
import { buildConfig } from './app/build-config.ts';

async function run() {
  await officeReady();
  if (!buildConfig.entraClientId || !buildConfig.apiScope) {
    messageParent(JSON.stringify({ error: 'Suhde was built without an Entra ID configuration.' }));
    return;
  }
  const scopes = [buildConfig.apiScope];
  const pca = await createStandardPublicClientApplication({
    auth: { clientId: buildConfig.entraClientId, authority: buildConfig.authority, redirectUri: `${location.origin}/addin/auth-dialog.html` },
    cache: { cacheLocation: 'localStorage' },
  });
  const back = await pca.handleRedirectPromise();
  const account = back?.account ?? pca.getAllAccounts()[0];
  if (!account) {
    await pca.acquireTokenRedirect({ scopes });
    return;
  }
  try {
    const r = back?.accessToken ? back : await pca.acquireTokenSilent({ scopes, account });
    messageParent(JSON.stringify({ accessToken: r.accessToken, expiresOn: r.expiresOn?.getTime() ?? null }));
  } catch {
    await pca.acquireTokenRedirect({ scopes, account });
  }
}

run().catch((e: Error) => messageParent(JSON.stringify({ error: e.message })));
