// Serves the built front ends (the Outlook task pane, its preview and the Teams app) from vite's output on the
// API's own port, and a start page that links them. Host pages get their framing headers from frameHeaders.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from './context.ts';
import { frameHeaders } from './frame-headers.ts';

/** The Outlook ribbon's button icons, which the app manifest names by URL (manifest/icons, committed). */
const APP_ICONS = resolve(import.meta.dirname, '../../../manifest/icons');

const FACES = [
  { path: '/addin/preview.html', title: 'Outlook add-in preview', what: 'a simulated Outlook reading pane with the real task pane' },
  { path: '/teams-app/index.html', title: 'Teams app', what: 'my accounts, today, the account workspace and the manager dashboard, as a plain web page' },
  { path: '/api/docs', title: 'API docs', what: 'the REST API, with its OpenAPI document' },
];

export function webPages(app: Hono<AppEnv>, webRoot: string, demo: boolean): void {
  const built = existsSync(webRoot);
  app.get('/', (c) =>
    c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Suhde</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:"Segoe UI",system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#242424}a{color:#0f6cbd}li{margin:.5rem 0}</style>
</head><body><h1>Suhde</h1><p>A CRM inside Outlook and Microsoft Teams.${demo ? ' This is the demo tenant: no Microsoft account needed.' : ''}</p>
${built ? '' : '<p><strong>The front ends are not built.</strong> Run <code>npm start</code>, which builds them.</p>'}
<ul>${FACES.map((f) => `<li><a href="${f.path}">${f.title}</a>: ${f.what}</li>`).join('')}</ul></body></html>`),
  );
  for (const prefix of ['/addin/*', '/teams-app/*']) app.use(prefix, frameHeaders());
  const files = serveStatic<AppEnv>({ root: webRoot });
  for (const prefix of ['/addin/*', '/teams-app/*', '/assets/*']) app.use(prefix, files);
  app.use('/app-icons/*', serveStatic<AppEnv>({ root: APP_ICONS, rewriteRequestPath: (p) => p.slice('/app-icons'.length) }));
}
