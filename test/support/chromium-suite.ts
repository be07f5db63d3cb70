// The shared start of the Chromium suites (test/e2e): the product server with its demo tenant and Debian's
// Chromium (chromium.ts) launched before the suite's tests, the demo users, a page in a fresh browser context as
// the Teams app's tests want it, API calls as a demo user; every context, the browser and the server closed after.
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoToken, startProductServer, type ProductServer } from './product-server.ts';
import { launchChromium } from './chromium.ts';

export interface DemoUser { id: string; displayName: string; role: string; team: string | null; email: string }

export interface PageOptions {
  locale?: string;
  colorScheme?: 'light' | 'dark';
  /** Default 1280 × 900. */
  viewport?: { width: number; height: number };
  /** Also refuse office.js from Microsoft's CDN (pages that embed the add-in's task pane). */
  blockOfficeJs?: boolean;
}

export interface ChromiumSuite {
  /** Set by the suite's first beforeAll, like browser and users. */
  readonly server: ProductServer;
  readonly browser: Browser;
  /** The demo tenant's users, as GET /demo/users lists them. */
  readonly users: DemoUser[];
  /** Every context the suite opened; closed after the suite (a suite may close them sooner). */
  readonly contexts: BrowserContext[];
  /** Uncaught errors of the pages newPage opened, each with its page's address. */
  readonly pageErrors: string[];
  newPage(opts?: PageOptions): Promise<Page>;
  /** A call to the product's API with the demo user's token; a 204's body is null. */
  api<T = any>(who: Pick<DemoUser, 'id'>, path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: T }>;
  /** The Teams app's tab as the demo user, with the query's other parameters. */
  tab(who: Pick<DemoUser, 'id'>, q?: Record<string, string>): string;
}

/**
 * Call at the top of a suite file, before its own hooks (they run after this one's beforeAll). With `skip` (no
 * Chromium here, see skipWithoutChromium) nothing is started.
 */
export function chromiumSuite(skip = false): ChromiumSuite {
  let server: ProductServer | undefined;
  let browser: Browser | undefined;
  let users: DemoUser[] = [];
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const started = <T>(what: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`the Chromium suite's ${what} is not started yet: use it in a test or a hook`);
    return value;
  };

  beforeAll(async () => {
    if (skip) return;
    server = await startProductServer();
    browser = await launchChromium();
    users = ((await (await fetch(`${server.base}/demo/users`)).json()) as { items: DemoUser[] }).items;
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch((e) => console.warn('closing a browser context failed', e));
    await browser?.close();
    await server?.stop();
  });

  return {
    get server() { return started('server', server); },
    get browser() { return started('browser', browser); },
    get users() { return users; },
    contexts,
    pageErrors,
    async newPage(opts = {}) {
      const context = await started('browser', browser).newContext({
        viewport: opts.viewport ?? { width: 1280, height: 900 }, locale: opts.locale ?? 'en-US', colorScheme: opts.colorScheme ?? 'light', timezoneId: 'Europe/Helsinki',
      });
      contexts.push(context);
      // teams-js fetches its list of valid host origins from Microsoft's CDN; there is no network here.
      await context.route('https://res.cdn.office.net/**', (r) => r.abort());
      if (opts.blockOfficeJs) await context.route('https://appsforoffice.microsoft.com/**', (r) => r.abort());
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
      return page;
    },
    async api(who, path, init = {}) {
      const base = started('server', server).base;
      const { token } = await demoToken(base, (u) => u.id === who.id);
      const res = await fetch(`${base}${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
        ...(init.body ? { body: JSON.stringify(init.body) } : {}),
      });
      return { status: res.status, body: res.status === 204 ? null : await res.json() };
    },
    tab: (who, q = {}) => `${started('server', server).base}/teams-app/index.html?${new URLSearchParams({ demoUser: who.id, ...q })}`,
  };
}
