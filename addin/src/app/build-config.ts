// Build-time settings (vite's VITE_* variables). Without an Entra client id the pane signs in through the
// demo issuer; with one, through MSAL.
// Written as import.meta.env.X so vite replaces each at build time.
const env = import.meta.env;

export const buildConfig = {
  /** The add-in's SPA registration (NAA needs brk-multihub://<origin> as a redirect). */
  entraClientId: env.VITE_ENTRA_CLIENT_ID || null,
  /** Suhde's API scope, e.g. api://suhde.example.com/<api-client-id>/access_as_user. */
  apiScope: env.VITE_SUHDE_API_SCOPE || null,
  authority: env.VITE_ENTRA_AUTHORITY || 'https://login.microsoftonline.com/organizations',
  /** The Teams app's id in the app manifest, for "Open in Teams" deep links. */
  teamsAppId: env.VITE_TEAMS_APP_ID || '5eed0000-0000-4000-8000-00000000ade0',
  /** Outside Microsoft 365 (the demo) "Open in Teams" opens the Teams app's web page instead. */
  teamsDeepLinks: env.VITE_TEAMS_DEEP_LINKS === '1',
};
