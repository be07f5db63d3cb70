// Contact roles (the buying committee) end to end in Chromium against the running product (fresh demo tenant): a
// salesperson adds two of the customer's people to a deal's buying committee with their roles, changes one and
// removes the other, in the opportunity's dialog; the roles show there and per deal on the account's contacts, and
// survive a reload. A colleague who may not edit the deal sees the same controls disabled with the rule (the API's
// `can.edit`), not a refusal after the fact. axe finds nothing serious on the screens touched. Screenshots go to
// /work/screens/contact-roles/ when that folder exists, else test-artifacts/contact-roles/.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { artifactDir, skipWithoutChromium } from '../support/chromium.ts';
import { chromiumSuite, type DemoUser } from '../support/chromium-suite.ts';
import { seriousViolations } from '../support/axe.ts';

const noChromium = skipWithoutChromium('Contact roles end-to-end suite (test/e2e/contact-roles.test.ts)');
const suite = chromiumSuite(noChromium);
const { newPage, api, tab, pageErrors } = suite;

let owner: DemoUser;
let colleague: DemoUser;
const shots = existsSync('/work/screens') ? '/work/screens/contact-roles' : artifactDir('contact-roles');

/** Chooses an option of a Fluent dropdown in the dialog by the dropdown's exact name. */
async function choose(page: Page, scope: Locator, label: string, option: string) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The account page's Opportunities tab, the deal's dialog opened from its card. */
async function openDeal(page: Page, deal: string): Promise<Locator> {
  await page.getByRole('tab', { name: 'Opportunities' }).click();
  const card = page.locator('[data-opportunity-id]').filter({ hasText: deal });
  await card.getByRole('button', { name: `Edit ${deal}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('buying-committee').waitFor();
  return dialog;
}

const member = (dialog: Locator, contactId: string) => dialog.locator(`li[data-contact-id="${contactId}"]`);
const rolesOf = (page: Page, contactId: string) => page.locator(`tr[data-contact-id="${contactId}"] [data-testid=contact-roles]`).textContent();

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  owner = suite.users.find((u) => u.role === 'rep')!;
  colleague = suite.users.find((u) => u.role === 'rep' && u.id !== owner.id)!;
  expect(colleague).toBeDefined();
}, 240_000);

describe.skipIf(noChromium)('Contact roles in Chromium', () => {
  let accountId: string;
  let dealId: string;
  let hannaId: string;
  let olliId: string;
  const deal = 'Varastojärjestelmä 2027';

  it('lets a salesperson add, change and remove buying committee roles on a deal; they show per deal on the account’s contacts and survive a reload', async () => {
    const account = await api(owner, '/api/accounts', { method: 'POST', body: { name: 'Ostoryhmä Testi Oy', domains: ['ostoryhma-testi.fi'], tier: 'B' } });
    expect(account.status).toBe(201);
    accountId = account.body.id;
    const hanna = await api(owner, '/api/contacts', { method: 'POST', body: { name: 'Hanna Päättäjä', title: 'Talousjohtaja', emails: ['hanna@ostoryhma-testi.fi'], accountId } });
    const olli = await api(owner, '/api/contacts', { method: 'POST', body: { name: 'Olli Käyttäjä', title: 'Varastopäällikkö', emails: ['olli@ostoryhma-testi.fi'], accountId } });
    expect([hanna.status, olli.status]).toEqual([201, 201]);
    [hannaId, olliId] = [hanna.body.id, olli.body.id];
    const opp = await api(owner, '/api/opportunities', { method: 'POST', body: { accountId, name: deal, value: 4_500_000, expectedCloseDate: null } });
    expect(opp.status).toBe(201);
    dealId = opp.body.id;

    const page = await newPage();
    await page.goto(tab(owner, { view: 'account', accountId }));
    await page.waitForSelector('article[data-account-id]');
    let dialog = await openDeal(page, deal);
    const committee = dialog.getByTestId('buying-committee');
    await committee.getByText('No one on the buying committee yet.').waitFor();

    // Hanna as the economic buyer, Olli as a user.
    await choose(page, committee, 'Contact', 'Hanna Päättäjä');
    await choose(page, committee, 'Role', 'Economic buyer');
    await committee.getByRole('button', { name: 'Add to committee' }).click();
    await expect.poll(() => member(dialog, hannaId).getAttribute('data-role')).toBe('economic_buyer');
    await choose(page, committee, 'Contact', 'Olli Käyttäjä');
    await choose(page, committee, 'Role', 'User');
    await committee.getByRole('button', { name: 'Add to committee' }).click();
    await expect.poll(() => member(dialog, olliId).getAttribute('data-role')).toBe('user');
    // Everyone of the account is on the committee now: nobody left to add.
    await expect.poll(() => committee.getByRole('button', { name: 'Add to committee' }).count()).toBe(0);

    // Hanna turns out to decide: her role changed in place.
    await choose(page, committee, 'Role of Hanna Päättäjä', 'Decision maker');
    await expect.poll(() => member(dialog, hannaId).getAttribute('data-role')).toBe('decision_maker');
    expect(await committee.getByRole('combobox', { name: 'Role of Hanna Päättäjä' }).textContent()).toContain('Decision maker');
    const stored = await api<{ items: { contactId: string; role: string }[] }>(owner, `/api/opportunities/${dealId}/contacts`);
    expect(stored.body.items.map((m) => [m.contactId, m.role]).sort()).toEqual([[hannaId, 'decision_maker'], [olliId, 'user']].sort());
    await page.screenshot({ path: `${shots}/committee-en-US-light.png` });
    expect(await seriousViolations(page, 'opportunity dialog with its committee')).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // On the account's contacts: each person's role, per deal.
    await page.getByRole('tab', { name: 'Contacts' }).click();
    await page.waitForSelector(`tr[data-contact-id="${hannaId}"]`);
    expect(await rolesOf(page, hannaId)).toBe(`Decision maker · ${deal}`);
    expect(await rolesOf(page, olliId)).toBe(`User · ${deal}`);
    await page.screenshot({ path: `${shots}/contacts-roles-en-US-light.png`, fullPage: true });
    expect(await seriousViolations(page, 'contacts with roles')).toEqual([]);

    // After a reload: the same on the contacts and in the deal's dialog.
    await page.reload();
    await page.waitForSelector('article[data-account-id]');
    await page.getByRole('tab', { name: 'Contacts' }).click();
    await page.waitForSelector(`tr[data-contact-id="${olliId}"]`);
    expect(await rolesOf(page, hannaId)).toBe(`Decision maker · ${deal}`);
    expect(await rolesOf(page, olliId)).toBe(`User · ${deal}`);
    dialog = await openDeal(page, deal);
    await expect.poll(() => member(dialog, hannaId).getAttribute('data-role')).toBe('decision_maker');
    expect(await member(dialog, olliId).getAttribute('data-role')).toBe('user');

    // Olli leaves the committee: gone from the deal, from his row, and he can be added again.
    await dialog.getByRole('button', { name: 'Remove Olli Käyttäjä from the buying committee' }).click();
    await expect.poll(() => member(dialog, olliId).count()).toBe(0);
    await dialog.getByTestId('buying-committee').getByRole('button', { name: 'Add to committee' }).waitFor();
    expect((await api<{ items: { contactId: string }[] }>(owner, `/api/opportunities/${dealId}/contacts`)).body.items.map((m) => m.contactId)).toEqual([hannaId]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.reload();
    await page.waitForSelector('article[data-account-id]');
    await page.getByRole('tab', { name: 'Contacts' }).click();
    await page.waitForSelector(`tr[data-contact-id="${olliId}"]`);
    expect(await rolesOf(page, olliId)).toBe('');
    expect(await rolesOf(page, hannaId)).toBe(`Decision maker · ${deal}`);
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('shows a colleague who may not edit the deal the committee’s controls disabled with the rule; the API would refuse them', async () => {
    const seen = await api(colleague, `/api/opportunities/${dealId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.can.edit.allowed).toBe(false);

    for (const [locale, theme] of [['en-US', 'light'], ['fi-FI', 'dark'], ['en-US', 'contrast']] as const) {
      const page = await newPage({ locale, colorScheme: theme === 'light' ? 'light' : 'dark' });
      await page.goto(tab(colleague, { view: 'account', accountId, theme, locale }));
      await page.waitForSelector('article[data-account-id]');
      if (locale === 'fi-FI') {
        await page.getByRole('tab', { name: 'Myyntimahdollisuudet' }).click();
        await page.locator('[data-opportunity-id]').filter({ hasText: deal }).getByRole('button').filter({ hasText: 'Muokkaa' }).click();
        await page.getByRole('dialog').getByTestId('buying-committee').waitFor();
        expect(await page.getByTestId('committee-reason').textContent()).toContain('Vain kaupan omistaja');
      } else {
        const dialog = await openDeal(page, deal);
        const committee = dialog.getByTestId('buying-committee');
        const reason = committee.getByTestId('committee-reason');
        expect(await reason.textContent()).toBe('Only the deal’s owner, the account owner or a manager can change its buying committee.');
        const reasonId = await reason.getAttribute('id');
        const role = committee.getByRole('combobox', { name: 'Role of Hanna Päättäjä' });
        expect(await role.textContent()).toContain('Decision maker');
        expect(await role.isDisabled()).toBe(true);
        const remove = committee.getByRole('button', { name: 'Remove Hanna Päättäjä from the buying committee' });
        const add = committee.getByRole('button', { name: 'Add to committee' });
        for (const control of [role, remove, add, committee.getByRole('combobox', { name: 'Contact', exact: true })]) {
          expect(await control.getAttribute('aria-describedby')).toContain(reasonId);
        }
        // Focusable so a screen reader reaches them and hears why, but they do nothing.
        expect(await remove.getAttribute('aria-disabled')).toBe('true');
        expect(await add.getAttribute('aria-disabled')).toBe('true');
        await remove.click({ force: true });
        await add.click({ force: true });
        await page.waitForTimeout(300);
        expect(await member(dialog, hannaId).count()).toBe(1);
        expect(await committee.getByRole('alert').count()).toBe(0);
      }
      await page.screenshot({ path: `${shots}/committee-locked-${locale}-${theme}.png` });
      expect(await seriousViolations(page, `committee locked ${locale} ${theme}`)).toEqual([]);
    }
    // The rule the UI shows is the API's: a change would have been refused.
    const refused = await api(colleague, `/api/opportunities/${dealId}/contacts/${olliId}`, { method: 'PUT', body: { role: 'champion' } });
    expect(refused.status).toBe(403);
    expect((await api<{ items: { contactId: string }[] }>(owner, `/api/opportunities/${dealId}/contacts`)).body.items.map((m) => m.contactId)).toEqual([hannaId]);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
