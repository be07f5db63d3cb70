// Care models, settings and shared saved views in Chromium against the running product (demo tenant): an admin
// changes tier B's cadence and a care-plan item on the settings page, and a B account's care panel shows both;
// a salesperson saves the account list's filters as a view shared with the team, and a teammate finds it under
// "Team views". A salesperson opening the settings address is told it is for admins. axe-core checks each page.
import { beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutChromium } from '../support/chromium.ts';
import { chromiumSuite, type DemoUser } from '../support/chromium-suite.ts';
import { seriousViolations } from '../support/axe.ts';

const noChromium = skipWithoutChromium('Settings and saved views end-to-end suite (test/e2e/settings.test.ts)');
const suite = chromiumSuite(noChromium);
const { newPage, tab, pageErrors } = suite;

/** A GET of the product's API as the demo user: its body. */
const api = async <T = any>(who: DemoUser, path: string): Promise<T> => (await suite.api<T>(who, path)).body;

beforeAll(async () => {
}, 240_000);

describe.skipIf(noChromium)('Settings and shared saved views in the Teams app', () => {
  it('lets an admin change tier B’s cadence and care plan, and a B account’s care panel follows', async () => {
    const admin = suite.users.find((u) => u.role === 'admin')!;
    const page = await newPage();
    await page.goto(tab(admin, { view: 'settings' }));
    const cadence = page.getByTestId('cadence-B');
    await cadence.waitFor();
    await cadence.fill('45');
    await page.getByTestId('businessReview-B').click();
    await page.getByRole('option', { name: 'Every quarter' }).click();
    await page.getByTestId('meetings-B').fill('2');
    await page.getByTestId('time-zone').fill('Europe/Stockholm');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    expect(await seriousViolations(page, 'settings')).toEqual([]);
    const settings = await api(admin, '/api/settings');
    expect(settings.cadenceDays.B).toBe(45);
    expect(settings.carePlans.B).toMatchObject({ meetingsPerQuarter: 2, businessReview: 'quarterly' });
    expect(settings.timeZone).toBe('Europe/Stockholm');

    const account = (await api(admin, '/api/accounts?tier=B&limit=1')).items[0];
    await page.goto(tab(admin, { view: 'account', accountId: account.id }));
    await page.getByRole('tab', { name: 'Care plan and notes' }).click();
    await page.getByText('Tier B: contact every 45 days').waitFor();
    const plan = page.getByTestId('care-plan');
    await expect(plan.locator('[data-item="meetings"]').innerText()).resolves.toMatch(/Meetings this quarter: \d+ of 2/);
    await expect(plan.locator('[data-item="businessReview"]').innerText()).resolves.toMatch(/Business review this quarter: \d+ of 1/);
    expect(await seriousViolations(page, 'care panel')).toEqual([]);
  });

  it('tells a salesperson the settings are for admins, with no Settings in the navigation', async () => {
    const rep = suite.users.find((u) => u.role === 'rep')!;
    const page = await newPage();
    await page.goto(tab(rep, { view: 'settings' }));
    await page.getByRole('alert').filter({ hasText: 'Only administrators can change the organisation’s settings.' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Settings' }).count()).toBe(0);
  });

  it('lets a salesperson save a view shared with the team, and a teammate finds it under Team views', async () => {
    const colleagues = (await api(suite.users[0]!, '/api/users')).items as DemoUser[];
    const reps = colleagues.filter((u) => u.role === 'rep' && u.team && suite.users.some((d) => d.id === u.id));
    const owner = reps.find((r) => reps.some((o) => o.id !== r.id && o.team === r.team))!;
    const mate = reps.find((o) => o.id !== owner.id && o.team === owner.team)!;
    const page = await newPage();
    await page.goto(tab(owner));
    await page.waitForSelector('tr[data-account-id]');
    await page.getByTestId('filters-toggle').click();
    await page.getByRole('checkbox', { name: /overdue/i }).first().check();
    await page.getByTestId('view-name').fill('Overdue, whole team');
    await page.getByTestId('view-share').check();
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByText('Saved “Overdue, whole team”, shared with your team.').waitFor();
    expect(await seriousViolations(page, 'accounts with views')).toEqual([]);

    const other = await newPage();
    await other.goto(tab(mate));
    await other.waitForSelector('tr[data-account-id]');
    await other.getByTestId('filters-toggle').click();
    await other.getByTestId('saved-views').click();
    const team = other.getByRole('group', { name: 'Team views' });
    await team.getByRole('option', { name: `Overdue, whole team (${owner.displayName})` }).click();
    await expect(other.getByRole('checkbox', { name: /overdue/i }).first().isChecked()).resolves.toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
