// Headers on every response. API answers carry personal data: never stored by a browser or proxy, never
// sniffed into another type, no referrer to other sites. Pages get a Content-Security-Policy that lets only
// our own scripts run, plus office.js from Microsoft's CDN (add-ins must load it from there) and the inline
// scripts the built pages carry (by hash, computed from the page itself).
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { withFrameAncestors } from './frame-headers.ts';

/** Where office.js comes from; it loads its host-specific parts from the same place. */
export const OFFICE_JS_ORIGIN = 'https://appsforoffice.microsoft.com';

/** Sign-in (MSAL) talks to Entra; everything else is our own origin. */
const CONNECT = ["'self'", 'https://login.microsoftonline.com', OFFICE_JS_ORIGIN];

/**
 * The page policy. Styles need 'unsafe-inline': Fluent UI (Griffel) inserts style elements at run time;
 * styles cannot run code. Frames: the add-in preview frames its own task pane, MSAL a silent sign-in.
 */
export function pagePolicy(inlineScriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${OFFICE_JS_ORIGIN} ${inlineScriptHashes.map((h) => `'${h}'`).join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${CONNECT.join(' ')}`,
    `frame-src 'self' https://login.microsoftonline.com ${OFFICE_JS_ORIGIN}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** sha256 sources of a page's inline <script> elements (those without src). */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1]!)) continue;
    hashes.push(`sha256-${createHash('sha256').update(m[2]!, 'utf8').digest('base64')}`);
  }
  return hashes;
}

export function securityHeaders(): MiddlewareHandler {
  const policies = new Map<string, string>();
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'no-referrer');
    const type = h.get('content-type') ?? '';
    // The built scripts, styles and icons may be cached; everything else (API data, pages) is never kept.
    const isAsset = /^\/(assets|app-icons)\//.test(c.req.path) || (/^\/(addin|teams-app)\//.test(c.req.path) && !type.startsWith('text/html'));
    if (!isAsset) h.set('Cache-Control', 'no-store');
    if (type.startsWith('text/html')) {
      // One policy per page body; the built pages do not change while the server runs.
      const html = await c.res.clone().text();
      const key = createHash('sha256').update(html).digest('base64');
      let policy = policies.get(key);
      if (!policy) {
        policy = withFrameAncestors(pagePolicy(inlineScriptHashes(html)));
        if (policies.size > 100) policies.clear();
        policies.set(key, policy);
      }
      h.set('Content-Security-Policy', policy);
      h.delete('X-Frame-Options');
    }
  };
}
