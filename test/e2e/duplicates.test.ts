// Duplicates end to end in Chromium against the running product (fresh demo tenant): a manager sees a likely
// duplicate pair with its evidence, reviews the merge (what moves, which values to keep), confirms it, and the
// merged account's deep link then opens the survivor. Screenshots (light, dark, high contrast; en, fi) go to
// /work/screens/duplicates/ when that folder exists, else test-artifacts/duplicates/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startProductServer, demoToken, type ProductServer } from '../support/product-server.ts';
import { artifactDir, launchChromium, skipWithoutChromium } from '../support/chromium.ts';
import { seriousViolations } from '../support/axe.ts';

const noChromium = skipWithoutChromium('Duplicates end-to-end suite (test/e2e/duplicates.test.ts)');

interface DemoUser { id: string; displayName: string; role: string; team: string | null; email: string }

let server: ProductServer;
let browser: Browser;
let manager: DemoUser;
const shots = existsSync('/work/screens') ? '/work/screens/duplicates' : artifactDir('duplicates');
const pageErrors: string[] = [];
const contexts: BrowserContext[] = [];

async function api<T = any>(who: DemoUser, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const { token } = await demoToken(server.base, (u) => u.id === who.id);
  const res = await fetch(`${server.base}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function newPage(opts: { locale?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: opts.locale ?? 'en-US', colorScheme: opts.colorScheme ?? 'light', timezoneId: 'Europe/Helsinki' });
  contexts.push(context);
  await context.route('https://res.cdn.office.net/**', (r) => r.abort());
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  return page;
}

const tab = (who: DemoUser, q: Record<string, string> = {}) => `${server.base}/teams-app/index.html?${new URLSearchParams({ demoUser: who.id, ...q })}`;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startProductServer();
  browser = await launchChromium();
  const users = ((await (await fetch(`${server.base}/demo/users`)).json()) as { items: DemoUser[] }).items;
  manager = users.find((u) => u.role === 'manager')!;
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe.skipIf(noChromium)('Duplicates in Chromium', () => {
  it('lets a manager review and merge two accounts; the merged account’s deep link opens the survivor', async () => {
    const keep = await api(manager, '/api/accounts', { method: 'POST', body: { name: 'Saimaan Satama Oy', domains: ['saimaansatama.fi'], tier: 'B', industry: 'Logistiikka' } });
    expect(keep.status).toBe(201);
    // The warning a create dialog gets, then "create anyway".
    const warned = await api(manager, '/api/accounts', { method: 'POST', body: { name: 'Saimaan satama', domains: ['saimaan-satama.com'] } });
    expect(warned.status).toBe(409);
    expect(warned.body.duplicates[0]).toMatchObject({ id: keep.body.id, reasons: ['same name'] });
    await new Promise((r) => setTimeout(r, 5)); // the older one is proposed as the survivor
    const dupe = await api(manager, '/api/accounts', { method: 'POST', body: { name: 'Saimaan satama', domains: ['saimaan-satama.com'], tier: 'C', region: 'Etelä-Karjala', allowDuplicate: true } });
    expect(dupe.status).toBe(201);
    const call = await api(manager, '/api/interactions', { method: 'POST', body: { kind: 'call', occurredAt: Date.now() - 3_600_000, durationMinutes: 20, accountIds: [dupe.body.id], subject: 'Satamamaksut' } });
    expect(call.status).toBe(201);
    const pairKey = `${keep.body.id}:${dupe.body.id}`;

    // The banner on either account.
    const banner = await newPage();
    await banner.goto(tab(manager, { view: 'account', accountId: keep.body.id }));
    await banner.getByTestId('duplicate-banner').waitFor();
    expect(await banner.getByTestId('duplicate-banner').textContent()).toContain('Saimaan satama (same name)');
    await banner.screenshot({ path: `${shots}/account-banner-en-light.png` });

    // The view in three themes and two languages, before the merge.
    for (const [theme, locale] of [['dark', 'fi-FI'], ['contrast', 'en-US']] as const) {
      const p = await newPage({ locale, colorScheme: theme === 'dark' ? 'dark' : 'light' });
      await p.goto(tab(manager, { view: 'duplicates', theme, locale }));
      await p.locator(`[data-pair="${pairKey}"]`).waitFor();
      await p.screenshot({ path: `${shots}/duplicates-${locale}-${theme}.png`, fullPage: true });
      await p.locator(`[data-pair="${pairKey}"] [data-action="review"]`).click();
      await p.getByTestId('merge-moves').waitFor();
      await p.screenshot({ path: `${shots}/review-${locale}-${theme}.png` });
      expect(await seriousViolations(p, `review ${theme} ${locale}`)).toEqual([]);
    }

    const page = await newPage();
    await page.goto(tab(manager));
    await page.getByRole('tab', { name: 'Duplicates' }).click();
    const card = page.locator(`[data-pair="${pairKey}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('same name');
    await page.screenshot({ path: `${shots}/duplicates-en-US-light.png`, fullPage: true });
    expect(await seriousViolations(page, 'duplicates')).toEqual([]);

    await card.getByRole('button', { name: 'Review merge: Saimaan satama into Saimaan Satama Oy' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('merge-moves').waitFor();
    const moves = await dialog.getByTestId('merge-moves').textContent();
    expect(moves).toContain('1 email, meeting or note');
    expect(moves).toContain('1 domain');
    // The survivor has no region: the merged one's is proposed; its tier C differs and B is kept.
    await expect.poll(() => dialog.getByRole('radio', { name: 'Etelä-Karjala' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'Tier B' }).isChecked()).toBe(true);
    await page.screenshot({ path: `${shots}/review-en-US-light.png` });
    await dialog.getByRole('button', { name: 'Confirm merge' }).click();
    await page.getByRole('status').filter({ hasText: 'Merged' }).waitFor();
    await expect.poll(() => card.count()).toBe(0);
    await page.screenshot({ path: `${shots}/merged-en-US-light.png`, fullPage: true });

    // The merged account's deep link opens the survivor, with the moved call on its timeline.
    const link = await newPage();
    await link.goto(tab(manager, { view: 'account', accountId: dupe.body.id }));
    await link.getByRole('heading', { level: 1, name: /Saimaan Satama Oy/ }).waitFor();
    expect(await link.locator('article[data-account-id]').getAttribute('data-account-id')).toBe(keep.body.id);
    await link.getByText('Satamamaksut').first().waitFor();
    await link.screenshot({ path: `${shots}/deep-link-survivor.png` });
    const survivor = await api(manager, `/api/accounts/${keep.body.id}`);
    expect(survivor.body).toMatchObject({ domains: ['saimaan-satama.com', 'saimaansatama.fi'], region: 'Etelä-Karjala', tier: 'B' });
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
