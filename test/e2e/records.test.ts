// Editing where people work, in Chromium against the running product (demo tenant): a salesperson creates an
// account, changes its tier (their own account: allowed), adds a contact, creates and edits an opportunity,
// archives it and undoes that; the same rep sees the owner change locked with the rule's reason. The dialogs are
// photographed in light, dark and high contrast, English and Finnish, to /work/screens/records/ (or
// SUHDE_RECORDS_SHOTS), and axe-core checks the open dialog.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { skipWithoutChromium } from '../support/chromium.ts';
import { chromiumSuite, type DemoUser } from '../support/chromium-suite.ts';
import { seriousViolations } from '../support/axe.ts';

const noChromium = skipWithoutChromium('Record editing end-to-end suite (test/e2e/records.test.ts)');
const suite = chromiumSuite(noChromium);
const { newPage, tab, pageErrors } = suite;

let laura: DemoUser;
const shots = process.env.SUHDE_RECORDS_SHOTS ?? '/work/screens/records';

/** A GET of the product's API as the demo user: its body. */
const api = async <T = any>(who: DemoUser, path: string): Promise<T> => (await suite.api<T>(who, path)).body;

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('dialog').getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  laura = suite.users.find((u) => u.displayName === 'Laura Mäkinen')!;
  expect(laura.role).toBe('rep');
}, 240_000);

describe.skipIf(noChromium)('Editing records in the Teams app', () => {
  it('lets a salesperson create an account, change its tier, add a contact, edit and archive a deal and undo it', async () => {
    const page = await newPage();
    await page.goto(tab(laura));
    await page.waitForSelector('tr[data-account-id]');
    await page.getByRole('button', { name: 'New account' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Company name' }).fill('Kuusiluoto Testi Oy');
    await dialog.getByRole('textbox', { name: 'Domains' }).fill('kuusiluoto-testi.fi');
    await pick(page, 'Tier', 'C – as needed');
    await page.screenshot({ path: `${shots}/account-new-light-en.png` });
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await page.waitForSelector('article[data-account-id]');
    const accountId = (await page.locator('article[data-account-id]').getAttribute('data-account-id'))!;
    expect((await api(laura, `/api/accounts/${accountId}`)).ownerId).toBe(laura.id);

    // Her own account: the tier is hers to change; the owner is a manager's, locked with the rule beside it.
    await page.getByRole('button', { name: 'Edit account' }).click();
    await expect.poll(() => dialog.getByRole('combobox', { name: 'Owner' }).isDisabled()).toBe(true);
    expect(await dialog.locator('[data-field=ownerId]').textContent()).toContain('Only a manager can change the account owner');
    await pick(page, 'Tier', 'A – contract customer');
    await page.screenshot({ path: `${shots}/account-edit-light-en.png` });
    expect(await seriousViolations(page, 'account dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await api(laura, `/api/accounts/${accountId}`)).tier).toBe('A');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    await page.getByRole('tab', { name: 'Contacts' }).click();
    await page.getByRole('button', { name: 'Add contact' }).click();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Sari Kuusiluoto');
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Hankintapäällikkö');
    await dialog.getByRole('textbox', { name: 'Email addresses' }).fill('sari@kuusiluoto-testi.fi, not-an-address');
    await dialog.getByRole('button', { name: 'Add contact' }).click();
    // The API's field error sits on the field; fixed, the contact is added.
    await expect.poll(() => dialog.locator('[data-field=emails]').textContent()).toMatch(/email/i);
    await page.screenshot({ path: `${shots}/contact-field-error-light-en.png` });
    await dialog.getByRole('textbox', { name: 'Email addresses' }).fill('sari@kuusiluoto-testi.fi');
    await dialog.getByRole('button', { name: 'Add contact' }).click();
    await page.waitForSelector('tr[data-contact-id]');
    expect(await page.locator('tr[data-contact-id]').first().textContent()).toContain('Sari Kuusiluoto');

    await page.getByRole('tab', { name: 'Opportunities' }).click();
    const form = page.getByRole('form', { name: 'New opportunity' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Huoltosopimus');
    await form.getByRole('textbox', { name: 'Value (EUR)' }).fill('12000');
    await form.getByRole('button', { name: 'Add opportunity' }).click();
    const card = page.locator('[data-opportunity-id]').filter({ hasText: 'Huoltosopimus' });
    await card.waitFor();
    await card.getByRole('button', { name: 'Edit Huoltosopimus' }).click();
    await dialog.getByRole('textbox', { name: 'Value (EUR)' }).fill('15500');
    await dialog.getByRole('spinbutton', { name: 'Probability (%)' }).fill('35');
    await page.screenshot({ path: `${shots}/opportunity-edit-light-en.png` });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => card.textContent()).toContain('35 %');
    expect(await card.textContent()).toMatch(/15[\s,.]?500/);

    await card.getByRole('button', { name: 'Edit Huoltosopimus' }).click();
    await dialog.getByRole('button', { name: 'Archive' }).click();
    await page.getByTestId('archived-undo').waitFor();
    await expect.poll(() => card.count()).toBe(0);
    await page.screenshot({ path: `${shots}/opportunity-archived-undo-light-en.png` });
    const deals = await api<{ items: { name: string }[] }>(laura, `/api/accounts/${accountId}/opportunities`);
    expect(deals.items.map((o) => o.name)).not.toContain('Huoltosopimus');
    await page.getByTestId('archived-undo').getByRole('button', { name: 'Undo' }).click();
    await card.waitFor();
    expect((await api<{ items: { name: string; value: number }[] }>(laura, `/api/accounts/${accountId}/opportunities`)).items).toContainEqual(expect.objectContaining({ name: 'Huoltosopimus', value: 1_550_000 }));

    // The account itself: archived, out of her list, and "Archived. Undo" brings it back.
    await page.getByRole('button', { name: 'Archive' }).click();
    await page.getByTestId('archived-undo').waitFor();
    expect((await api<{ items: { id: string }[] }>(laura, '/api/accounts?q=kuusiluoto')).items).toEqual([]);
    await page.screenshot({ path: `${shots}/account-archived-undo-light-en.png` });
    await page.getByTestId('archived-undo').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await api<{ items: { id: string }[] }>(laura, '/api/accounts?q=kuusiluoto')).items.map((a) => a.id)).toEqual([accountId]);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('shows a rep a colleague’s account with editing locked and the reason; photographs the dialogs in every theme and language', async () => {
    const others = await api<{ items: { id: string; ownerId: string | null }[] }>(laura, '/api/accounts?limit=200');
    const colleagues = others.items.find((a) => a.ownerId && a.ownerId !== laura.id)!;
    const mine = (await api<{ items: { id: string }[] }>(laura, '/api/accounts?ownerId=me&limit=1')).items[0]!;
    const page = await newPage();
    await page.goto(tab(laura, { view: 'account', accountId: colleagues.id }));
    await page.waitForSelector('article[data-account-id]');
    expect(await page.getByRole('button', { name: 'Edit account' }).isDisabled()).toBe(true);
    expect(await page.locator('article header').textContent()).toContain('Only the account owner or a manager can change this account');
    await page.screenshot({ path: `${shots}/colleague-account-locked-light-en.png` });

    for (const [theme, colorScheme] of [['light', 'light'], ['dark', 'dark'], ['contrast', 'dark']] as const) {
      for (const locale of ['en-US', 'fi-FI']) {
        const p = await newPage({ locale, colorScheme });
        await p.goto(tab(laura, { view: 'account', accountId: mine.id, theme }));
        await p.waitForSelector('article[data-account-id]');
        await p.locator('article header button').filter({ hasText: locale === 'fi-FI' ? 'Muokkaa asiakasta' : 'Edit account' }).click();
        await p.getByRole('dialog').waitFor();
        await p.waitForTimeout(300);
        await p.screenshot({ path: `${shots}/account-edit-${theme}-${locale.slice(0, 2)}.png` });
        expect(await seriousViolations(p, `account dialog ${theme} ${locale}`)).toEqual([]);
        await p.keyboard.press('Escape');
        await p.getByRole('tab').nth(2).click();
        const edit = p.locator('[data-opportunity-id] button').filter({ hasText: locale === 'fi-FI' ? 'Muokkaa' : 'Edit' }).first();
        if (await edit.count()) {
          await edit.click();
          await p.getByRole('dialog').waitFor();
          await p.waitForTimeout(300);
          await p.screenshot({ path: `${shots}/opportunity-edit-${theme}-${locale.slice(0, 2)}.png` });
          await p.keyboard.press('Escape');
        }
      }
    }
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
