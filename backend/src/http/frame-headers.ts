// Lets Teams, Outlook and the Microsoft 365 app frame Suhde's pages, and nobody else: a Content-Security-Policy
// frame-ancestors directive with the host domains Microsoft documents for tabs and add-ins ("Prerequisites" of
// the Teams tab requirements), plus 'self' so the add-in preview can frame the task pane.
import type { MiddlewareHandler } from 'hono';

/** HTTPS only: the hosts never frame over plain HTTP, so a scheme-less source would only widen the policy. */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
] as const;

const DIRECTIVE = `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`;

/** Puts our frame-ancestors into a policy a page may already carry, replacing any frame-ancestors it had. */
export function withFrameAncestors(policy: string | null): string {
  const others = (policy ?? '')
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && !/^frame-ancestors(\s|$)/i.test(d));
  return [...others, DIRECTIVE].join('; ');
}

export function frameHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', withFrameAncestors(c.res.headers.get('Content-Security-Policy')));
    // X-Frame-Options cannot list several origins; browsers that honour it would block the hosts, so none is sent.
    c.res.headers.delete('X-Frame-Options');
  };
}
