// Search end to end in Chromium against the running product (fresh demo tenant): a salesperson types a contact's
// name without its accents into the Teams app's top bar, moves through the grouped hits with the keyboard and opens
// the account; a hit found by its subject opens on the account too. axe finds nothing serious with the results open,
// in light, dark and high contrast. Enter typed straight after the words opens the first hit once it is found; an
// archived account is found only with "Include archived"; a hit's name and domains read as one line. Screenshots go to /work/screens/search/ when that folder exists, else
// test-artifacts/search/.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { artifactDir, skipWithoutChromium } from '../support/chromium.ts';
import { chromiumSuite, type DemoUser } from '../support/chromium-suite.ts';
import { seriousViolations } from '../support/axe.ts';

const noChromium = skipWithoutChromium('Search end-to-end suite (test/e2e/search.test.ts)');
const suite = chromiumSuite(noChromium);
const { newPage, api, tab, pageErrors } = suite;

let rep: DemoUser;
const shots = existsSync('/work/screens') ? '/work/screens/search' : artifactDir('search');

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  rep = suite.users.find((u) => u.role === 'rep')!;
}, 240_000);

describe.skipIf(noChromium)('Search in Chromium', () => {
  it('finds a contact by name without accents from the top bar and opens the account with the keyboard', async () => {
    const account = await api(rep, '/api/accounts', { method: 'POST', body: { name: 'Kärkölän Kuljetus Oy', domains: ['karkolan-kuljetus.fi'], tier: 'B' } });
    expect(account.status).toBe(201);
    const contact = await api(rep, '/api/contacts', { method: 'POST', body: { name: 'Äijälä Öhman', emails: ['aijala@karkolan-kuljetus.fi'], accountId: account.body.id } });
    expect(contact.status).toBe(201);
    const call = await api(rep, '/api/interactions', { method: 'POST', body: { kind: 'call', occurredAt: Date.now() - 3_600_000, durationMinutes: 15, accountIds: [account.body.id], subject: 'Kylmäketjukuljetukset keväälle' } });
    expect(call.status).toBe(201);

    const page = await newPage();
    await page.goto(tab(rep));
    const box = page.getByRole('combobox', { name: 'Search accounts, contacts and interactions' });
    await box.fill('aijala ohm');
    const list = page.getByRole('listbox');
    await list.waitFor();
    const contacts = list.getByRole('group', { name: 'Contacts' });
    await contacts.getByRole('option').filter({ hasText: 'Äijälä Öhman' }).waitFor();
    expect(await contacts.getByRole('option').first().textContent()).toContain('Kärkölän Kuljetus Oy');
    await page.screenshot({ path: `${shots}/results-en-US-light.png` });
    expect(await seriousViolations(page, 'results')).toEqual([]);
    // The first hit is active; Enter opens its account.
    await box.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Kärkölän Kuljetus Oy/ }).waitFor();
    expect(await page.locator('article[data-account-id]').getAttribute('data-account-id')).toBe(account.body.id);

    // A word of a subject, a prefix typed in Finnish: the call, opened with the arrow keys and Enter.
    const fi = await newPage({ locale: 'fi-FI', colorScheme: 'dark' });
    await fi.goto(tab(rep, { theme: 'dark', locale: 'fi-FI' }));
    const haku = fi.getByRole('combobox', { name: 'Hae asiakkuuksia, yhteyshenkilöitä ja tapahtumia' });
    await haku.fill('kylmaketju');
    const items = fi.getByRole('group', { name: 'Tapahtumat' });
    await items.getByRole('option').first().waitFor();
    expect(await items.getByRole('option').first().textContent()).toContain('Kylmäketjukuljetukset keväälle');
    await fi.screenshot({ path: `${shots}/results-fi-FI-dark.png` });
    expect(await seriousViolations(fi, 'results dark fi')).toEqual([]);
    await haku.press('ArrowDown');
    await haku.press('ArrowUp');
    await haku.press('Enter');
    await fi.getByRole('heading', { level: 1, name: /Kärkölän Kuljetus Oy/ }).waitFor();

    const contrast = await newPage();
    await contrast.goto(tab(rep, { theme: 'contrast' }));
    await contrast.getByRole('combobox', { name: 'Search accounts, contacts and interactions' }).fill('karkolan');
    await contrast.getByRole('group', { name: 'Accounts' }).getByRole('option').first().waitFor();
    await contrast.screenshot({ path: `${shots}/results-en-US-contrast.png` });
    expect(await seriousViolations(contrast, 'results contrast')).toEqual([]);
    // A click opens it too.
    await contrast.getByRole('group', { name: 'Accounts' }).getByRole('option').first().click();
    await contrast.getByRole('heading', { level: 1, name: /Kärkölän Kuljetus Oy/ }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 240_000);
  it('moves the active hit with the arrow keys, shows a hit on one line, and opens the first hit on an Enter typed straight after the words', async () => {
    const account = await api(rep, '/api/accounts', { method: 'POST', body: { name: 'Pohjanmaan Puutarha Oy', domains: ['pohjanmaan-puutarha.fi', 'pp-puutarha.com'], tier: 'C' } });
    expect(account.status).toBe(201);
    const contact = await api(rep, '/api/contacts', { method: 'POST', body: { name: 'Pirjo Puutarhuri', emails: ['pirjo@pohjanmaan-puutarha.fi'], accountId: account.body.id } });
    expect(contact.status).toBe(201);
    const page = await newPage();
    await page.goto(tab(rep));
    const box = page.getByRole('combobox', { name: 'Search accounts, contacts and interactions' });
    await box.waitFor();
    // The arrow keys move the active option (aria-activedescendant), wrapping round at either end.
    await box.fill('puutarh');
    const list = page.getByRole('listbox');
    const options = page.locator('[data-testid=search-results] [role=option]');
    await list.getByRole('group', { name: 'Contacts' }).getByRole('option').filter({ hasText: 'Pirjo Puutarhuri' }).waitFor();
    await expect.poll(() => options.count()).toBeGreaterThanOrEqual(2);
    const ids = await options.evaluateAll((els) => els.map((e) => e.id));
    expect(await box.getAttribute('aria-activedescendant')).toBe(ids[0]);
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(ids[1]);
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    await box.press('ArrowUp');
    await box.press('ArrowUp');
    expect(await box.getAttribute('aria-activedescendant')).toBe(ids[ids.length - 1]);
    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(ids[0]);

    // The account's name and its domains on one line, with a separator (the index keeps them one a line).
    const hit = list.getByRole('group', { name: 'Accounts' }).getByRole('option').filter({ hasText: 'Pohjanmaan Puutarha Oy' });
    // An account hit is its name, then the highlighted fragment.
    const highlight = (await hit.locator(':scope > :last-child').textContent()) ?? '';
    expect(highlight).toContain('Pohjanmaan Puutarha Oy · ');
    expect(highlight).toMatch(/pohjanmaan-puutarha\.fi|pp-puutarha\.com/);
    expect(highlight).not.toContain('\n');
    await page.screenshot({ path: `${shots}/arrows-en-US-light.png` });

    // No waiting for the list: the Enter comes before the answer does, and opens the first hit when it comes.
    await box.fill('');
    await box.pressSequentially('pohjanmaan puutarha', { delay: 10 });
    await box.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Pohjanmaan Puutarha Oy/ }).waitFor();
    expect(await page.locator('article[data-account-id]').getAttribute('data-account-id')).toBe(account.body.id);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('finds an archived account only with "Include archived", and opens it', async () => {
    const account = await api(rep, '/api/accounts', { method: 'POST', body: { name: 'Vanhan Varikon Huolto Oy', domains: ['vanha-varikko.fi'], tier: 'C' } });
    expect(account.status).toBe(201);
    expect((await api(rep, `/api/accounts/${account.body.id}/archive`, { method: 'POST' })).status).toBe(200);

    const page = await newPage();
    await page.goto(tab(rep));
    const box = page.getByRole('combobox', { name: 'Search accounts, contacts and interactions' });
    await box.fill('varikon huolto');
    await page.getByRole('status').filter({ hasText: 'Nothing found for “varikon huolto”.' }).waitFor();
    const choice = page.getByRole('checkbox', { name: 'Include archived' });
    expect(await choice.isChecked()).toBe(false);
    await choice.check();
    const hit = page.getByRole('listbox').getByRole('group', { name: 'Accounts' }).getByRole('option').filter({ hasText: 'Vanhan Varikon Huolto Oy' });
    await hit.waitFor();
    await page.screenshot({ path: `${shots}/include-archived-en-US-light.png` });
    expect(await seriousViolations(page, 'include archived')).toEqual([]);
    // Back in the box, Enter opens the archived account, which says it is archived.
    await box.focus();
    await box.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Vanhan Varikon Huolto Oy/ }).waitFor();
    expect(await page.locator('article[data-account-id]').getAttribute('data-account-id')).toBe(account.body.id);

    // In Finnish: the choice has its words, and unticked the account is not found again.
    const fi = await newPage({ locale: 'fi-FI', colorScheme: 'dark' });
    await fi.goto(tab(rep, { theme: 'dark', locale: 'fi-FI' }));
    await fi.getByRole('combobox', { name: 'Hae asiakkuuksia, yhteyshenkilöitä ja tapahtumia' }).fill('varikon');
    await fi.getByRole('status').filter({ hasText: 'Haulla ”varikon” ei löytynyt mitään.' }).waitFor();
    await fi.getByRole('checkbox', { name: 'Näytä myös arkistoidut' }).check();
    await fi.getByRole('group', { name: 'Asiakkuudet' }).getByRole('option').filter({ hasText: 'Vanhan Varikon Huolto Oy' }).waitFor();
    await fi.screenshot({ path: `${shots}/include-archived-fi-FI-dark.png` });
    expect(await seriousViolations(fi, 'include archived dark fi')).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
