// Products end to end in Chromium against the running product (demo tenant): a manager adds a product to the
// catalogue, a salesperson puts it on a deal's lines in the opportunity dialog (list price filled in, line
// total and sum shown), the deal is won, and the product × account table shows the euros. axe-core checks the
// pages and the dialog.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startProductServer, demoToken, type ProductServer } from '../support/product-server.ts';
import { launchChromium, skipWithoutChromium } from '../support/chromium.ts';
import { seriousViolations } from '../support/axe.ts';

const noChromium = skipWithoutChromium('Products end-to-end suite (test/e2e/products.test.ts)');
interface DemoUser { id: string; displayName: string; role: string }

let server: ProductServer;
let browser: Browser;
let laura: DemoUser;
let manager: DemoUser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

async function api<T = any>(who: DemoUser, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const { token } = await demoToken(server.base, (u) => u.id === who.id);
  const res = await fetch(`${server.base}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'Europe/Helsinki' });
  contexts.push(context);
  await context.route('https://res.cdn.office.net/**', (r) => r.abort());
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  return page;
}

const tab = (who: DemoUser, q: Record<string, string> = {}) => `${server.base}/teams-app/index.html?${new URLSearchParams({ demoUser: who.id, ...q })}`;

beforeAll(async () => {
  server = await startProductServer();
  browser = await launchChromium();
  const users = ((await (await fetch(`${server.base}/demo/users`)).json()) as { items: DemoUser[] }).items;
  laura = users.find((u) => u.displayName === 'Laura Mäkinen')!;
  manager = users.find((u) => u.role === 'manager')!;
  expect(laura.role).toBe('rep');
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch((e) => console.warn('closing a browser context failed', e));
  await browser?.close();
  await server?.stop();
});

describe.skipIf(noChromium)('Products in the Teams app', () => {
  it('a manager adds a product, a salesperson sells it on a deal, and the product × account table shows the euros', async () => {
    const violations: string[] = [];
    // The manager keeps the catalogue: the demo's products are there, and a new one is added.
    const m = await newPage();
    await m.goto(tab(manager, { view: 'products' }));
    await m.waitForSelector('tr[data-product-code="SCADA-LIC"]');
    await m.getByRole('button', { name: 'Add product' }).click();
    const dialog = m.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Product name' }).fill('Telemetry gateway');
    await dialog.getByRole('textbox', { name: 'Code' }).fill('TEL-GW');
    await dialog.getByRole('textbox', { name: 'List price (€)' }).fill('2500');
    violations.push(...(await seriousViolations(m, 'product dialog')));
    await dialog.getByRole('button', { name: 'Add product' }).click();
    await m.waitForSelector('tr[data-product-code="TEL-GW"]');
    violations.push(...(await seriousViolations(m, 'products page (manager)')));

    // The salesperson's deal on their own account, given its lines in the edit dialog.
    const account = await api(laura, '/api/accounts', { method: 'POST', body: { name: 'Kuusiluoto Tuote Oy', domains: ['kuusiluoto-tuote.fi'], allowDuplicate: true } });
    expect(account.status).toBe(201);
    const deal = await api(laura, '/api/opportunities', { method: 'POST', body: { accountId: account.body.id, name: 'Telemetry rollout' } });
    expect(deal.status).toBe(201);
    const p = await newPage();
    await p.goto(tab(laura, { view: 'products' }));
    await p.getByText('Only a manager or an admin can change the catalogue').first().waitFor();
    expect(await p.getByRole('button', { name: 'Add product' }).count()).toBe(0);
    await p.goto(tab(laura, { view: 'account', accountId: account.body.id }));
    await p.getByRole('tab', { name: 'Opportunities' }).click();
    const card = p.locator('[data-opportunity-id]').filter({ hasText: 'Telemetry rollout' });
    await card.getByRole('button', { name: 'Edit Telemetry rollout' }).click();
    const edit = p.getByRole('dialog');
    await edit.getByRole('button', { name: 'Add product line' }).click();
    await edit.getByRole('combobox', { name: 'Product of line 1' }).click();
    await p.getByRole('option', { name: 'Telemetry gateway (TEL-GW)' }).click();
    await expect.poll(() => edit.getByRole('textbox', { name: 'Unit price of line 1 (€)' }).inputValue()).toBe('2500');
    await edit.getByRole('textbox', { name: 'Quantity of line 1' }).fill('4');
    await expect.poll(() => edit.getByTestId('lines-sum').textContent()).toBe('Total €10,000');
    violations.push(...(await seriousViolations(p, 'opportunity dialog with lines')));
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await api(laura, `/api/opportunities/${deal.body.id}`)).body.value).toBe(1_000_000);
    const saved = (await api(laura, `/api/opportunities/${deal.body.id}`)).body;
    const product = (await api(laura, '/api/products')).body.items.find((x: { code: string }) => x.code === 'TEL-GW');
    expect(saved.lines).toEqual([{ product: 'Telemetry gateway', productId: product.id, quantity: 4, unitPrice: 250_000 }]);

    // Won: the account's panel and the product × account table show the euros.
    expect((await api(laura, `/api/opportunities/${deal.body.id}/stage`, { method: 'POST', body: { stage: 'won' } })).status).toBe(200);
    await p.goto(tab(laura, { view: 'account', accountId: account.body.id }));
    await p.getByRole('tab', { name: 'Opportunities' }).click();
    await expect.poll(() => p.getByTestId('account-products').textContent()).toContain('Telemetry gateway€10,000');
    await p.goto(tab(laura, { view: 'products' }));
    const row = p.locator(`[data-testid="sales-table"] tr[data-account-id="${account.body.id}"]`);
    await row.waitFor();
    const headers = await p.locator('[data-testid="sales-table"] thead th').allTextContents();
    const column = headers.indexOf('Telemetry gateway');
    expect(column).toBeGreaterThan(0);
    expect(await row.locator('td').nth(column).textContent()).toBe('€10,000');
    violations.push(...(await seriousViolations(p, 'products page (salesperson)')));
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
