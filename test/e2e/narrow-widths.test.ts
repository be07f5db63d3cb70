// The narrow hosts in Chromium against the running product (demo tenant): the add-in's logged item follow-up block
// at 320 px fits without sideways scrolling in English and Finnish, and the Teams account header at 400 px keeps to
// two rows (secondary actions in "More"). Then screenshots of the add-in pane (320 and 360 px) and the Teams account
// page (400 and 1280 px) in light, dark and high contrast, English and Finnish, to /work/screens/final/ (or
// SUHDE_FINAL_SHOTS).
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { skipWithoutChromium } from '../support/chromium.ts';
import { chromiumSuite, type DemoUser } from '../support/chromium-suite.ts';

const noChromium = skipWithoutChromium('Narrow widths end-to-end suite (test/e2e/narrow-widths.test.ts)');
const suite = chromiumSuite(noChromium);
const { pageErrors } = suite;

let laura: DemoUser;
const LAURA_EMAIL = 'laura.makinen@suhde-demo.fi';
const shots = process.env.SUHDE_FINAL_SHOTS ?? '/work/screens/final';
const THEMES = [['light', 'light'], ['dark', 'dark'], ['contrast', 'dark']] as const;
const LOCALES = ['en-US', 'fi-FI'] as const;

const api = <T = any>(who: DemoUser, method: string, path: string, body?: unknown) => suite.api<T>(who, path, { method, body });

/** A page of its own, with the add-in's office.js refused too (the preview embeds the task pane). */
const newContext = (opts: { width: number; height: number; locale?: string; colorScheme?: 'light' | 'dark' }): Promise<Page> =>
  suite.newPage({ viewport: { width: opts.width, height: opts.height }, locale: opts.locale, colorScheme: opts.colorScheme, blockOfficeJs: true });

/** The add-in preview with its task pane `width` px wide; returns the pane's frame. */
async function openPane(q: Record<string, string>, width: number, height = 640): Promise<{ page: Page; pane: Frame }> {
  const page = await newContext({ width: 1280, height: 1700 });
  await page.goto(`${suite.server.base}/addin/preview.html?${new URLSearchParams(q)}`);
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

/** What sticks out past the right edge (for the failure message): tag, class start and its right edge. */
const overflowing = (frame: Frame | Page) =>
  frame.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > limit + 0.5 && getComputedStyle(e).position !== 'fixed')
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 40)} ${Math.round(e.getBoundingClientRect().right)}`);
  });

const teamsTab = (who: DemoUser, q: Record<string, string> = {}) => `${suite.server.base}/teams-app/index.html?${new URLSearchParams({ demoUser: who.id, ...q })}`;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  laura = suite.users.find((u) => u.displayName === 'Laura Mäkinen')!;
}, 240_000);

/** Logs the preview's known-customer email as Laura with a follow-up and a long promise; returns its account. */
async function loggedKnownCustomer(): Promise<{ accountId: string; accountName: string }> {
  const { page } = await openPane({ user: LAURA_EMAIL, item: 'known-customer' }, 360);
  const mail = await page.evaluate(() => {
    const i = window.suhdePreview!.entries.find((x) => x.id === 'known-customer')!.item as any;
    return { internetMessageId: i.internetMessageId as string, from: i.from.emailAddress as string, subject: i.subject as string, sentAt: new Date(i.dateTimeCreated).getTime() };
  });
  const match = await api(laura, 'POST', '/api/match', { addresses: [{ address: mail.from, displayName: null }] });
  const account = match.body.accounts[0];
  const due = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const logged = await api(laura, 'POST', '/api/interactions', {
    kind: 'email', source: 'addin', subject: mail.subject, internetMessageId: mail.internetMessageId, occurredAt: mail.sentAt, followUpOn: due,
    participants: [{ role: 'from', address: mail.from }, { role: 'to', address: LAURA_EMAIL }],
  });
  expect(logged.status).toBe(201);
  const followUp = logged.body.followUp.id as string;
  const note = 'Lähetän päivitetyn tarjouksen ja toimitusaikataulun https://extranet.example.fi/tarjoukset/2026/toimitusaikataulu-ja-hinnasto';
  expect((await api(laura, 'PATCH', `/api/follow-ups/${followUp}`, { note })).status).toBe(200);
  await page.context().close();
  return { accountId: account.id, accountName: account.name };
}

describe.skipIf(noChromium)('Narrow widths', () => {
  let known: { accountId: string; accountName: string };
  beforeAll(async () => {
    known = await loggedKnownCustomer();
  }, 120_000);

  it('keeps the add-in’s follow-up block (Done, Snooze, Hand over) inside a 320 px pane in English and Finnish', async () => {
    for (const lang of LOCALES) {
      const { page, pane } = await openPane({ user: LAURA_EMAIL, item: 'known-customer', lang }, 320);
      const block = pane.getByTestId('item-follow-up');
      await block.getByRole('group').waitFor({ timeout: 30_000 });
      expect(await block.getByRole('button').count()).toBe(3);
      // Nothing runs off the side: not the page, not the block, and every action is inside the pane.
      expect(await noSidewaysScroll(pane)).toBe(true);
      expect(await block.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      const paneBox = (await page.locator('#pane').boundingBox())!;
      for (const b of await block.getByRole('button').all()) {
        const box = (await b.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(paneBox.x + paneBox.width);
      }
      await page.locator('#pane').screenshot({ path: `${shots}/addin-follow-up-320-light-${lang.slice(0, 2)}.png` });
      await page.context().close();
    }
  }, 120_000);

  it('keeps the Teams account header’s actions on one row at 400 px, the rest in “More”, in English and Finnish', async () => {
    for (const locale of LOCALES) {
      const fi = locale === 'fi-FI';
      const p = await newContext({ width: 400, height: 900, locale });
      await p.goto(teamsTab(laura, { view: 'account', accountId: known.accountId }));
      await p.waitForSelector('article[data-account-id]');
      const actions = p.getByRole('group', { name: fi ? 'Asiakkaan toiminnot' : 'Account actions' });
      const buttons = actions.getByRole('button');
      expect(await buttons.allInnerTexts()).toEqual(fi ? ['Kirjaa puhelu', 'Lisää'] : ['Log call', 'More']);
      const tops = await Promise.all((await buttons.all()).map(async (b) => Math.round((await b.boundingBox())!.y)));
      expect(new Set(tops).size).toBe(1);
      expect((await actions.boundingBox())!.height).toBeLessThan(40);
      expect(await overflowing(p)).toEqual([]);
      expect(await noSidewaysScroll(p)).toBe(true);
      await buttons.last().click();
      const menu = p.getByRole('menu');
      await menu.waitFor();
      expect(await menu.getByRole('menuitem').allInnerTexts()).toEqual(fi
        ? ['Lisää muistiinpano', 'Uusi myyntimahdollisuus', 'Sovi jatkotoimi', 'Muokkaa asiakasta', 'Arkistoi']
        : ['Add note', 'New opportunity', 'Follow up', 'Edit account', 'Archive']);
      await p.screenshot({ path: `${shots}/teams-account-400-more-light-${locale.slice(0, 2)}.png` });
      // The menu's actions work as the buttons did.
      await menu.getByRole('menuitem', { name: fi ? 'Lisää muistiinpano' : 'Add note' }).click();
      await p.getByRole('dialog').waitFor();
      await p.keyboard.press('Escape');
      await p.context().close();
    }
    // At 1280 px every action is a button of its own, on one row.
    const wide = await newContext({ width: 1280, height: 900 });
    await wide.goto(teamsTab(laura, { view: 'account', accountId: known.accountId }));
    await wide.waitForSelector('article[data-account-id]');
    expect(await wide.getByRole('group', { name: 'Account actions' }).getByRole('button').allInnerTexts())
      .toEqual(['Log call', 'Add note', 'New opportunity', 'Follow up', 'Edit account', 'Archive']);
    await wide.context().close();
  }, 180_000);

  it('photographs the add-in pane (320, 360 px) and the Teams account page (400, 1280 px) in every theme and language', async () => {
    for (const width of [320, 360]) {
      for (const [theme] of THEMES) {
        for (const lang of LOCALES) {
          const name = `${width}-${theme}-${lang.slice(0, 2)}`;
          // 640 px high: what is above the fold; then the whole pane with the account card's editor open.
          const { page, pane } = await openPane({ user: LAURA_EMAIL, item: 'known-customer', lang, theme }, width);
          await pane.getByTestId('item-follow-up').getByRole('group').waitFor({ timeout: 30_000 });
          await pane.getByTestId('recent-history').waitFor();
          await page.waitForTimeout(300);
          expect(await noSidewaysScroll(pane)).toBe(true);
          await page.locator('#pane').screenshot({ path: `${shots}/addin-${name}.png` });
          await page.addStyleTag({ content: '#pane { height: 1500px !important }' });
          await pane.locator(`[data-account-id="${known.accountId}"] button[aria-expanded]`).click();
          await pane.getByRole('form').first().waitFor();
          // A contact Laura may edit opens its editor; one she may not shows the disabled button and the rule.
          const contact = pane.getByTestId('contact-card').first();
          if (await contact.count() && await contact.getByRole('button').first().isEnabled()) {
            await contact.getByRole('button').first().click();
            await contact.getByRole('form').waitFor();
          }
          await page.waitForTimeout(300);
          expect(await noSidewaysScroll(pane)).toBe(true);
          await page.locator('#pane').screenshot({ path: `${shots}/addin-${name}-editing.png` });
          // A new organisation named like an existing account: the likely-duplicate warning, before anything is created.
          if (width === 320) {
            const fi = lang === 'fi-FI';
            await page.locator('nav button[data-id="new-organisation"]').click();
            await pane.getByRole('button', { name: `${fi ? 'Uusi asiakas' : 'New account'} revontuli-analytiikka.fi` }).click({ timeout: 30_000 });
            await pane.getByRole('textbox', { name: fi ? 'Asiakkaan nimi' : 'Account name' }).fill(known.accountName);
            await pane.getByRole('button', { name: fi ? 'Luo asiakas' : 'Create account' }).click();
            await pane.getByTestId('likely-duplicate').getByRole('button', { name: fi ? 'Luo silti' : 'Create anyway' }).waitFor();
            await page.waitForTimeout(300);
            expect(await noSidewaysScroll(pane)).toBe(true);
            await page.locator('#pane').screenshot({ path: `${shots}/addin-${name}-duplicate.png` });
          }
          await page.context().close();
        }
      }
    }
    for (const width of [400, 1280]) {
      for (const [theme, colorScheme] of THEMES) {
        for (const locale of LOCALES) {
          const p = await newContext({ width, height: 900, locale, colorScheme });
          await p.goto(teamsTab(laura, { view: 'account', accountId: known.accountId, theme }));
          await p.waitForSelector('article[data-account-id]');
          await p.waitForTimeout(500);
          expect(await overflowing(p)).toEqual([]);
          await p.screenshot({ path: `${shots}/teams-account-${width}-${theme}-${locale.slice(0, 2)}.png` });
          if (width === 400) {
            await p.getByRole('group', { name: locale === 'fi-FI' ? 'Asiakkaan toiminnot' : 'Account actions' }).getByRole('button').last().click();
            await p.getByRole('menu').waitFor();
            await p.waitForTimeout(300);
            await p.screenshot({ path: `${shots}/teams-account-400-more-${theme}-${locale.slice(0, 2)}.png` });
          }
          await p.context().close();
        }
      }
    }
    expect(pageErrors).toEqual([]);
  }, 900_000);
});
