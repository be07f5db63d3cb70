// Duplicates end to end in Chromium against the running product (fresh demo tenant): a manager sees a likely
// duplicate pair with its evidence, reviews the merge (what moves, which values to keep), confirms it, and the
// merged account's deep link then opens the survivor. A manager marks another pair "not a duplicate": it is gone,
// after a reload and for another manager, and a third look-alike still warns when created. Screenshots (light, dark, high contrast; en, fi) go to
// /work/screens/duplicates/ when that folder exists, else test-artifacts/duplicates/.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { artifactDir, skipWithoutChromium } from '../support/chromium.ts';
import { chromiumSuite, type DemoUser } from '../support/chromium-suite.ts';
import { seriousViolations } from '../support/axe.ts';

const noChromium = skipWithoutChromium('Duplicates end-to-end suite (test/e2e/duplicates.test.ts)');
const suite = chromiumSuite(noChromium);
const { newPage, api, tab, pageErrors } = suite;

let manager: DemoUser;
let otherManager: DemoUser;
const shots = existsSync('/work/screens') ? '/work/screens/duplicates' : artifactDir('duplicates');

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  manager = suite.users.find((u) => u.role === 'manager')!;
  otherManager = suite.users.find((u) => u.role === 'manager' && u.id !== manager.id)!;
}, 240_000);

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
  it('lets a manager mark a pair "not a duplicate": gone after a reload and for another manager, while a third look-alike still warns', async () => {
    const first = await api(manager, '/api/accounts', { method: 'POST', body: { name: 'Kotkan Konepaja Oy', domains: ['kotkankonepaja.fi'], tier: 'B' } });
    expect(first.status).toBe(201);
    await new Promise((r) => setTimeout(r, 5));
    const second = await api(manager, '/api/accounts', { method: 'POST', body: { name: 'Kotkan konepaja', domains: ['kotkan-konepaja.com'], allowDuplicate: true } });
    expect(second.status).toBe(201);
    const [a, b] = [first.body.id as string, second.body.id as string];
    const pairOf = (x: string, y: string) => `[data-pair="${x}:${y}"], [data-pair="${y}:${x}"]`;
    const suggested = async (who: DemoUser) => (await api<{ items: { accounts: { id: string }[] }[] }>(who, '/api/duplicates?kind=account&limit=100')).body.items
      .map((i) => i.accounts.map((x) => x.id).sort().join(':'));
    expect(await suggested(manager)).toContain([a, b].sort().join(':'));
    // The list has come (pairs or "none"), so a missing card means it is not suggested, not that it is still loading.
    const loaded = (page: Page) => page.getByText(/likely duplicate pairs?$|^No likely duplicate accounts\.$/).first().waitFor();

    const page = await newPage();
    await page.goto(tab(manager, { view: 'duplicates' }));
    const card = page.locator(pairOf(a, b));
    await card.waitFor();
    expect(await card.textContent()).toContain('same name');
    expect(await card.textContent()).toContain('kotkankonepaja.fi');
    await card.getByRole('button', { name: /^Not a duplicate: Kotkan (K|k)onepaja/ }).click();
    const notice = page.getByTestId('dismissed-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Kotkan (Konepaja Oy|konepaja) and Kotkan (Konepaja Oy|konepaja) are no longer suggested as duplicates\./);
    await expect.poll(() => card.count()).toBe(0);
    await page.screenshot({ path: `${shots}/not-duplicate-en-US-light.png`, fullPage: true });
    expect(await seriousViolations(page, 'not a duplicate')).toEqual([]);
    expect(await suggested(manager)).not.toContain([a, b].sort().join(':'));

    await page.reload();
    await loaded(page);
    expect(await page.locator(pairOf(a, b)).count()).toBe(0);

    // Another manager: not suggested to them either, and neither account's banner names the other.
    const other = await newPage();
    await other.goto(tab(otherManager, { view: 'duplicates' }));
    await loaded(other);
    expect(await other.locator(pairOf(a, b)).count()).toBe(0);
    expect(await suggested(otherManager)).not.toContain([a, b].sort().join(':'));
    expect((await api<{ items: unknown[] }>(otherManager, `/api/duplicates?kind=account&recordId=${a}`)).body.items).toEqual([]);

    // A third "Kotkan Konepaja": the create dialog still warns, naming both.
    await other.goto(tab(otherManager, { view: 'accounts' }));
    await other.getByRole('button', { name: 'New account' }).click();
    const dialog = other.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Company name' }).fill('Kotkan Konepaja');
    await dialog.getByRole('textbox', { name: 'Domains' }).fill('kotkan-konepaja.net');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    const warning = dialog.getByTestId('duplicate-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Looks like Kotkan Konepaja Oy (same name)');
    expect(await warning.textContent()).toContain('Looks like Kotkan konepaja (same name)');
    await other.screenshot({ path: `${shots}/third-still-warns-en-US-light.png` });
    expect(await seriousViolations(other, 'third look-alike warning')).toEqual([]);
    await warning.getByRole('button', { name: 'Create anyway' }).click();
    await other.waitForSelector('article[data-account-id]');
    const third = (await other.locator('article[data-account-id]').getAttribute('data-account-id'))!;
    expect([a, b]).not.toContain(third);
    // The new one is suggested with each of the two; the dismissed pair stays dismissed.
    const after = await suggested(manager);
    expect(after).toEqual(expect.arrayContaining([[a, third].sort().join(':'), [b, third].sort().join(':')]));
    expect(after).not.toContain([a, b].sort().join(':'));
    await page.reload();
    await page.locator(pairOf(a, third)).waitFor();
    expect(await page.locator(pairOf(a, b)).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
