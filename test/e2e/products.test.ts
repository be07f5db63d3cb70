// Products end to end in Chromium against the running product (demo tenant): a manager adds a product to the
// catalogue, a salesperson puts it on a deal's lines in the opportunity dialog (list price filled in, line
// total and sum shown), the deal is won, and the product × account table shows the euros. axe-core checks the
// pages and the dialog.
import { beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutChromium } from '../support/chromium.ts';
import { chromiumSuite, type DemoUser } from '../support/chromium-suite.ts';
import { seriousViolations } from '../support/axe.ts';

const noChromium = skipWithoutChromium('Products end-to-end suite (test/e2e/products.test.ts)');
const suite = chromiumSuite(noChromium);
const { newPage, api, tab, pageErrors } = suite;

let laura: DemoUser;
let manager: DemoUser;

beforeAll(async () => {
  laura = suite.users.find((u) => u.displayName === 'Laura Mäkinen')!;
  manager = suite.users.find((u) => u.role === 'manager')!;
  expect(laura.role).toBe('rep');
}, 240_000);

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
    await dialog.waitFor({ state: 'detached' });
    // Fluent lifts the page's aria-hidden a moment after the dialog has gone (tabster's modalizer lets go on its
    // own timer): axe runs on the page as the user has it then.
    await expect.poll(() => m.evaluate(() => document.getElementById('root')?.getAttribute('aria-hidden') ?? null)).toBeNull();
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
