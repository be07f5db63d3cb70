// Today in Chromium against the demo server: a due follow-up says what was promised, and is marked done, snoozed
// and handed to a colleague, who then sees it in their Today; the reminders reach the demo's activity feed.
// Screenshots of Today in light, dark and high contrast, English and Finnish, go to /work/screens/today/ (or
// SUHDE_SCREENS) to be looked at.
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skipWithoutChromium } from '../support/chromium.ts';
import { chromiumSuite, type DemoUser } from '../support/chromium-suite.ts';

const noChromium = skipWithoutChromium('Today end-to-end suite (test/e2e/today.test.ts)');
const suite = chromiumSuite(noChromium);
const { api, pageErrors } = suite;

let laura: DemoUser;
let paivi: DemoUser;
const screens = process.env.SUHDE_SCREENS ?? '/work/screens/today';

const newPage = (locale = 'en-US', width = 1280): Promise<Page> => suite.newPage({ locale, viewport: { width, height: 900 } });

const today = (who: DemoUser, q: Record<string, string> = {}) => `${suite.server.base}/teams-app/index.html?${new URLSearchParams({ view: 'today', demoUser: who.id, ...q })}`;
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/** A note Laura logs on one of her accounts with a follow-up due yesterday and a note of what she promised. */
async function promise(note: string, subject: string) {
  const accounts = await api<{ items: { id: string; name: string }[] }>(laura, '/api/accounts?limit=5');
  const account = accounts.body.items[0]!;
  const logged = await api(laura, '/api/interactions', { method: 'POST', body: { kind: 'note', accountIds: [account.id], subject, note: subject, followUpOn: yesterday(), visibility: 'shared' } });
  expect(logged.status, JSON.stringify(logged.body)).toBe(201);
  const f = logged.body.followUp;
  expect((await api(laura, `/api/follow-ups/${f.id}`, { method: 'PATCH', body: { note } })).status).toBe(200);
  return { id: f.id as string, account };
}

beforeAll(async () => {
  if (noChromium) return;
  laura = suite.users.find((u) => u.displayName === 'Laura Mäkinen')!;
  paivi = suite.users.find((u) => u.displayName === 'Päivi Laaksonen')!;
}, 240_000);

describe.skipIf(noChromium)('Today in Chromium', () => {
  it('marks a follow-up done from Today', async () => {
    await promise('Send the revised price list', 'Price list for 2027');
    const page = await newPage();
    await page.goto(today(laura));
    const card = page.locator('li', { hasText: 'Promised: Send the revised price list' });
    await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
    await card.getByRole('button', { name: 'Done' }).click();
    await page.getByText(/marked done\./).waitFor();
    await expect.poll(() => card.count()).toBe(0);
  });

  it('snoozes a follow-up to next week', async () => {
    const { id } = await promise('Call about the delivery window', 'Delivery window');
    const page = await newPage();
    await page.goto(today(laura));
    const card = page.locator('li', { hasText: 'Promised: Call about the delivery window' });
    await card.getByRole('button', { name: /^Snooze the follow-up/ }).click();
    await page.getByRole('menuitem', { name: 'Next week (Monday)' }).click();
    await page.getByText(/moved to/).waitFor();
    await expect.poll(() => card.count()).toBe(0);
    const stored = (await api(laura, '/api/follow-ups')).body.items.find((f: { id: string }) => f.id === id);
    expect(stored.originalDueOn).toBe(yesterday());
    expect(new Date(`${stored.dueOn}T12:00:00Z`).getUTCDay()).toBe(1);
  });

  it('hands a follow-up to a colleague, who sees it in their Today', async () => {
    await promise('Book the site visit with Pekka', 'Site visit');
    const page = await newPage();
    await page.goto(today(laura));
    const card = page.locator('li', { hasText: 'Promised: Book the site visit with Pekka' });
    await card.getByRole('button', { name: /^Hand the follow-up/ }).click();
    await page.getByRole('menuitem', { name: paivi.displayName }).click();
    await page.getByText(`handed to ${paivi.displayName}.`, { exact: false }).waitFor();
    const theirs = await newPage();
    await theirs.goto(today(paivi));
    const card2 = theirs.locator('li', { hasText: 'Promised: Book the site visit with Pekka' });
    await card2.getByText(`Handed to you by ${laura.displayName}`).waitFor({ timeout: 20_000 });
  });

  it('takes screenshots of Today in light, dark and high contrast, in English and Finnish', async () => {
    mkdirSync(screens, { recursive: true });
    await promise('Send the signed contract back', 'Contract 2027');
    for (const locale of ['en-US', 'fi-FI']) {
      for (const theme of ['light', 'dark', 'contrast']) {
        const page = await newPage(locale);
        await page.goto(today(laura, { theme, locale }));
        await page.locator('[data-testid="follow-up-promise"]').first().waitFor({ timeout: 20_000 });
        await page.screenshot({ path: `${screens}/today-${locale}-${theme}.png`, fullPage: false });
      }
    }
    const narrow = await newPage('en-US', 420);
    await narrow.goto(today(laura));
    await narrow.locator('[data-testid="follow-up-promise"]').first().waitFor({ timeout: 20_000 });
    await narrow.screenshot({ path: `${screens}/today-en-US-narrow.png` });
    await narrow.getByRole('button', { name: 'Reminders' }).click();
    await narrow.getByRole('switch', { name: 'A weekly digest' }).waitFor();
    // The popover fades in: a screenshot taken at once catches it half drawn.
    await narrow.waitForTimeout(600);
    await narrow.screenshot({ path: `${screens}/today-en-US-reminders.png` });
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
