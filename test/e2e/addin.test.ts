// The Outlook add-in end to end: the preview's simulated Outlook with the real task pane, in Chromium, against
// the running product (the README's product command on a fresh demo tenant). Screenshots go to
// test-artifacts/addin/.
import { afterEach, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { demoToken } from '../support/product-server.ts';
import { artifactDir, skipWithoutChromium } from '../support/chromium.ts';
import { chromiumSuite } from '../support/chromium-suite.ts';

const noChromium = skipWithoutChromium('Outlook add-in end-to-end suite (test/e2e/addin.test.ts)');
const suite = chromiumSuite(noChromium);
const { pageErrors, contexts } = suite;

const LAURA = 'laura.makinen@suhde-demo.fi';
const MIKKO = 'mikko.korhonen@suhde-demo.fi';
const SOFIA = 'sofia.lindqvist@suhde-demo.fi';

const shots = artifactDir('addin');

async function api<T = any>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${suite.server.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (res.status === 204 ? null : await res.json()) as T };
}

const tokenOf = (email: string) => demoToken(suite.server.base, (u) => (u as { email?: string }).email === email || u.displayName === email);

const pages: Page[] = [];

/** The preview with the task pane `pane` px big (Outlook's pane is about 360 wide; a phone's 320). */
async function openPreview(q: Record<string, string>, pane?: { width: number; height: number }): Promise<{ page: Page; pane: Frame }> {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: pane ? pane.height + 120 : 1000 } });
  contexts.push(context);
  // office.js from the CDN is not reachable here, and the preview's simulated Outlook stands in for it anyway.
  await context.route('https://appsforoffice.microsoft.com/**', (r) => r.abort());
  const page = await context.newPage();
  pages.push(page);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${suite.server.base}/addin/preview.html?${new URLSearchParams(q)}`);
  if (pane) {
    await page.addStyleTag({ content: `.layout { grid-template-columns: 260px 1fr ${pane.width}px !important } aside h2 { display: none } #pane { flex: none !important; height: ${pane.height}px !important }` });
  }
  await page.waitForFunction(() => !!document.querySelector<HTMLIFrameElement>('#pane')?.src, null, { timeout: 30_000 });
  let frame: Frame | null = null;
  for (let i = 0; i < 100 && !frame; i++) {
    frame = page.frames().find((f) => f.url().includes('/addin/taskpane.html')) ?? null;
    if (!frame) await page.waitForTimeout(100);
  }
  if (!frame) throw new Error('the task pane did not load');
  await frame.waitForSelector('main', { timeout: 30_000 });
  if (pane) expect(Math.round((await page.locator('#pane').boundingBox())!.height)).toBe(pane.height);
  return { page, pane: frame };
}

/** Whether the element is wholly inside the task pane's window, as it is shown (no scrolling). */
async function onScreen(page: Page, pane: Frame, selector: string): Promise<boolean> {
  const frame = (await page.locator('#pane').boundingBox())!;
  const box = await pane.locator(selector).first().boundingBox();
  return !!box && box.y >= frame.y && box.y + box.height <= frame.y + frame.height && box.x + box.width <= frame.x + frame.width + 1;
}

async function entry(page: Page, id: string) {
  return page.evaluate((id) => {
    const e = window.suhdePreview!.entries.find((x) => x.id === id)!;
    const i = e.item as any;
    return { sentAt: i.dateTimeCreated ? new Date(i.dateTimeCreated).getTime() : undefined, subject: i.subject as string, from: i.from?.emailAddress as string | undefined, internetMessageId: i.internetMessageId as string | undefined, organizer: i.organizer?.emailAddress as string | undefined, start: i.start ? new Date(i.start).getTime() : undefined };
  }, id);
}

async function seriousViolations(frame: Frame) {
  await frame.addScriptTag({ path: new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname });
  const result = await frame.evaluate(async () => (window as any).axe.run(document, { resultTypes: ['violations'] }));
  return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// A failed step leaves its pages on screen for the artifacts; the contexts are closed so the next test starts clean.
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') {
    for (const [i, p] of pages.entries()) await p.screenshot({ path: `${shots}/failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}-${i}.png` }).catch(() => undefined);
  }
  pages.length = 0;
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
});

describe.skipIf(noChromium)('Outlook add-in in the preview', { timeout: 120_000 }, () => {
  it('shows the account of an email from a known customer, logs it once, and a colleague logging it adds a second logger', async () => {
    const laura = await tokenOf(LAURA);
    const { page, pane } = await openPreview({ user: LAURA, item: 'known-customer' }, { width: 360, height: 640 });
    const mail = await entry(page, 'known-customer');
    const match = await api(laura.token, 'POST', '/api/match', { addresses: [{ address: mail.from, displayName: null }] });
    const account = match.body.accounts[0];
    expect(account).toBeTruthy();

    const card = pane.locator(`[data-account-id="${account.id}"]`);
    await card.waitFor({ timeout: 30_000 });
    expect(await card.innerText()).toContain(account.name);
    await pane.getByTestId('recent-history').waitFor();
    // At 360x640 the two-line header and the log action are on screen without scrolling.
    expect(await onScreen(page, pane, `[data-account-id="${account.id}"]`)).toBe(true);
    expect(await onScreen(page, pane, '[data-testid="action-bar"] button[type="submit"]')).toBe(true);
    expect((await card.boundingBox())!.height).toBeLessThan(70);
    await page.screenshot({ path: `${shots}/1-known-customer.png` });

    expect((await api(laura.token, 'GET', `/api/interactions/lookup?internetMessageId=${encodeURIComponent(mail.internetMessageId!)}`)).status).toBe(404);
    await pane.getByLabel('Note').fill('Asks for a quote for Q1 deliveries.');
    await pane.getByRole('button', { name: 'Log email' }).click();
    await pane.getByTestId('logged-banner').getByText('Logged by you').waitFor();
    // Confirmed once, in place, with who sees it; the header is matched again: its last contact is this email.
    expect(await pane.getByTestId('logged-banner').count()).toBe(1);
    expect(await pane.getByTestId('logged-banner').innerText()).toContain('Visible to: Everyone in the account team');
    const rematched = (await api(laura.token, 'POST', '/api/match', { addresses: [{ address: mail.from, displayName: null }] })).body.accounts[0];
    expect(rematched.lastContactAt).toBeGreaterThanOrEqual(mail.sentAt!);
    await pane.waitForFunction(
      ([id, at]) => document.querySelector(`[data-account-id="${id}"] [data-testid="last-contact"]`)?.getAttribute('datetime') === at,
      [account.id, new Date(rematched.lastContactAt).toISOString()] as const, { timeout: 15_000 },
    );
    expect(await onScreen(page, pane, '[data-testid="logged-banner"]')).toBe(true);
    await page.screenshot({ path: `${shots}/2-logged.png` });

    const logged = await api(laura.token, 'GET', `/api/interactions/lookup?internetMessageId=${encodeURIComponent(mail.internetMessageId!)}`);
    expect(logged.status).toBe(200);
    expect(logged.body).toMatchObject({ kind: 'email', source: 'addin', accountIds: [account.id], note: 'Asks for a quote for Q1 deliveries.', occurredAt: mail.sentAt, direction: 'inbound' });
    expect(logged.body.holders.filter((h: any) => h.relation === 'logged').map((h: any) => h.userId)).toEqual([laura.userId]);

    // Mikko holds the same email in his mailbox: the pane says who logged it, and logging it again keeps one interaction.
    const mikko = await tokenOf(MIKKO);
    const second = await openPreview({ user: MIKKO, item: 'known-customer' });
    expect((await entry(second.page, 'known-customer')).internetMessageId).toBe(mail.internetMessageId);
    await second.pane.getByTestId('logged-banner').getByText('Logged by Laura Mäkinen').waitFor({ timeout: 30_000 });
    // Already logged: the state (who, when, who sees it) and what joining allows, not the full form.
    expect(await second.pane.getByTestId('logged-banner').innerText()).toContain('Visible to: Everyone in the account team');
    expect(await second.pane.getByLabel('Who sees it').count()).toBe(0);
    expect(await second.pane.getByRole('button', { name: 'Log email' }).count()).toBe(0);
    await second.pane.getByRole('button', { name: 'Log it too' }).click();
    await second.pane.getByTestId('logged-banner').getByText('Logged by Laura Mäkinen, you').waitFor();
    await second.page.screenshot({ path: `${shots}/3-second-logger.png` });

    const after = await api(mikko.token, 'GET', `/api/interactions/lookup?internetMessageId=${encodeURIComponent(mail.internetMessageId!)}`);
    expect(after.body.id).toBe(logged.body.id);
    expect(after.body.holders.filter((h: any) => h.relation === 'logged').map((h: any) => h.userId)).toEqual([laura.userId, mikko.userId]);
    const timeline = await api(laura.token, 'GET', `/api/accounts/${account.id}/timeline?kind=email&limit=50`);
    expect(timeline.body.items.filter((i: any) => i.externalKey === logged.body.externalKey)).toHaveLength(1);
  });

  it('adds an unknown sender at a known account as a contact, and creates an account for an unknown organisation', async () => {
    const laura = await tokenOf(LAURA);
    const { page, pane } = await openPreview({ user: LAURA, item: 'new-person' });
    const mail = await entry(page, 'new-person');
    const row = pane.locator(`li[data-address="${mail.from}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('data-kind')).toBe('account');
    await row.getByRole('button', { name: 'Add contact' }).click();
    const form = pane.getByRole('form', { name: `Add ${mail.from} as a contact` });
    expect(await form.getByLabel('Name').inputValue()).toBe('Helena Uusitalo');
    await page.screenshot({ path: `${shots}/4-add-contact.png` });
    await form.getByRole('button', { name: 'Add contact' }).click();
    await pane.getByText('Helena Uusitalo added as a contact.').waitFor();
    await pane.locator(`li[data-address="${mail.from}"][data-kind="contact"]`).waitFor();
    const contacts = await api(laura.token, 'GET', `/api/contacts?q=${encodeURIComponent(mail.from!)}`);
    expect(contacts.body.items).toHaveLength(1);
    const domainAccount = await api(laura.token, 'POST', '/api/match', { addresses: [{ address: mail.from, displayName: null }] });
    expect(contacts.body.items[0]).toMatchObject({ name: 'Helena Uusitalo', emails: [mail.from], accountId: domainAccount.body.results[0].accountIds[0] });

    await page.locator('nav button[data-id="new-organisation"]').click();
    const org = await entry(page, 'new-organisation');
    const orgRow = pane.locator(`li[data-address="${org.from}"]`);
    await orgRow.waitFor({ timeout: 30_000 });
    expect(await orgRow.getAttribute('data-kind')).toBe('unknown');
    await pane.getByText('No account matches these people yet.').waitFor();
    await orgRow.getByRole('button', { name: 'New account revontuli-analytiikka.fi' }).click();
    const accountForm = pane.getByRole('form', { name: 'New account from revontuli-analytiikka.fi' });
    await accountForm.getByRole('button', { name: 'Create account' }).click();
    await pane.getByRole('button', { name: 'Log email' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${shots}/5-new-account.png` });
    const created = await api(laura.token, 'POST', '/api/match', { addresses: [{ address: org.from, displayName: null }] });
    expect(created.body.results[0].kind).toBe('account');
    expect(created.body.accounts[0].domains).toEqual(['revontuli-analytiikka.fi']);
  });

  it('shows a meeting as one (time with length, attendees) and logs it, keyed so the calendar sync’s copy is the same interaction', async () => {
    const laura = await tokenOf(LAURA);
    const { page, pane } = await openPreview({ user: LAURA, item: 'meeting' });
    const meeting = await entry(page, 'meeting');
    await pane.getByRole('button', { name: 'Log meeting' }).waitFor({ timeout: 30_000 });
    const when = new Intl.DateTimeFormat('en-US', { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' });
    const spaces = (x: string) => x.replace(/\s/g, ' ');
    expect(spaces(await pane.getByTestId('meeting-when').innerText())).toBe(spaces(when.formatRange(meeting.start!, meeting.start! + 45 * 60_000)));
    expect(await pane.getByTestId('meeting-summary').innerText()).toContain('(45 min)');
    expect(await pane.getByTestId('meeting-attendees').innerText()).toMatch(/^2 internal, 2 external · \S/);
    await pane.getByRole('button', { name: 'Log meeting' }).click();
    await pane.getByTestId('logged-banner').getByText('Logged by you').waitFor();
    await page.screenshot({ path: `${shots}/6-meeting.png` });
    const q = new URLSearchParams({ organizer: meeting.organizer!, start: String(meeting.start), subject: meeting.subject });
    const found = await api(laura.token, 'GET', `/api/interactions/lookup?${q}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ kind: 'meeting', durationMinutes: 45, occurredAt: meeting.start, source: 'addin' });
    expect(found.body.externalKey).toMatch(/^mtgfp:/);
    expect(found.body.participants.find((p: any) => p.role === 'organizer').address).toBe(meeting.organizer);
  });

  it('lets the organizer log their own meeting from the organizer window, once it is sent', async () => {
    const laura = await tokenOf(LAURA);
    const { page, pane } = await openPreview({ user: LAURA, item: 'my-meeting' });
    const meeting = await entry(page, 'my-meeting');
    await pane.getByRole('button', { name: 'Log meeting' }).click({ timeout: 30_000 });
    await pane.getByTestId('logged-banner').getByText('Logged by you').waitFor();
    await page.screenshot({ path: `${shots}/6b-organizer.png` });
    const q = new URLSearchParams({ organizer: LAURA, start: String(meeting.start), subject: meeting.subject });
    const found = await api(laura.token, 'GET', `/api/interactions/lookup?${q}`);
    expect(found.body).toMatchObject({ kind: 'meeting', durationMinutes: 30, occurredAt: meeting.start, source: 'addin' });
    expect(found.body.participants.find((p: any) => p.role === 'organizer').userId).toBe(laura.userId);

    await page.locator('nav button[data-id="new-meeting"]').click();
    await pane.getByText('Send or save the meeting first').waitFor({ timeout: 30_000 });
    await page.locator('#save-meeting').click();
    await pane.getByRole('button', { name: 'Check again' }).click();
    await pane.getByRole('button', { name: 'Log meeting' }).waitFor({ timeout: 30_000 });
  });

  it('logs a new email when it is sent: the intent saved on the draft is logged from Sent Items', async () => {
    const laura = await tokenOf(LAURA);
    const { page, pane } = await openPreview({ user: LAURA, item: 'new-email' });
    await pane.getByRole('switch', { name: 'Log this email when sent' }).click({ timeout: 30_000 });
    await pane.getByText('Suhde will log this email when it is sent.').waitFor();
    await pane.getByLabel('Note').fill('Quote sent for Q1.');
    await pane.getByLabel('Note').blur();
    // The read pane's choices, carried by the intent.
    await pane.getByLabel('Who sees it').selectOption('metadata');
    await page.waitForFunction(() => {
      const draft = window.suhdePreview!.entries.find((e) => e.id === 'new-email')!.item as { customProperties?: Record<string, string> };
      return draft.customProperties?.suhdeLogIntent?.includes('Quote sent for Q1.') && draft.customProperties.suhdeLogIntent.includes('"metadata"');
    });
    await page.screenshot({ path: `${shots}/8-compose.png` });
    await page.getByRole('button', { name: 'Send' }).click();
    await pane.getByTestId('logged-banner').getByText('Logged by you').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${shots}/9-sent-logged.png` });
    const sent = await entry(page, 'sent-1');
    const logged = await api(laura.token, 'GET', `/api/interactions/lookup?internetMessageId=${encodeURIComponent(sent.internetMessageId!)}`);
    expect(logged.status).toBe(200);
    expect(logged.body).toMatchObject({ kind: 'email', direction: 'outbound', note: 'Quote sent for Q1.', source: 'addin', visibility: 'metadata' });
  });

  it('puts "log when sent" back off when Outlook fails to save it', async () => {
    const { pane } = await openPreview({ user: LAURA, item: 'new-email', fail: 'saveAsync' });
    const toggle = pane.getByRole('switch', { name: 'Log this email when sent' });
    await toggle.click({ timeout: 30_000 });
    await pane.getByText('Not saved on the email, so it will not be logged when sent.', { exact: false }).waitFor();
    expect(await toggle.isChecked()).toBe(false);
    expect(await pane.getByText('Suhde will log this email when it is sent.').count()).toBe(0);
  });

  it('shows an Office failure with a retry that recovers', async () => {
    const { page, pane } = await openPreview({ user: LAURA, item: 'new-email', fail: 'subject' });
    await pane.getByText('Reading the subject failed: The simulated Outlook was told to fail this call.').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${shots}/10-office-error.png` });
    await pane.getByRole('button', { name: 'Try again' }).click();
    await pane.getByRole('switch', { name: 'Log this email when sent' }).waitFor({ timeout: 30_000 });
  });

  it('edits the open email’s cards in place: the owner changes the tier, the contact’s title and phone (the API’s error on the field); a colleague sees them locked with the rule', async () => {
    const sofia = await tokenOf(SOFIA);
    const { page, pane } = await openPreview({ user: SOFIA, item: 'known-customer' }, { width: 320, height: 640 });
    const mail = await entry(page, 'known-customer');
    const match = await api(sofia.token, 'POST', '/api/match', { addresses: [{ address: mail.from, displayName: null }] });
    const account = match.body.accounts[0];
    const contactId: string = match.body.results[0].contactId;
    expect(account.ownerId).toBe(sofia.userId);
    const card = pane.locator(`[data-account-id="${account.id}"]`);
    await card.getByRole('button', { name: `Edit account ${account.name}` }).click({ timeout: 30_000 });
    const form = pane.getByRole('form', { name: `Edit account ${account.name}` });
    const other = account.tier === 'A' ? 'B' : 'A';
    await form.getByLabel('Tier').selectOption(other);
    await page.screenshot({ path: `${shots}/12-edit-tier.png` });
    await form.getByRole('button', { name: 'Save' }).click();
    // Confirmed on the card, which is matched again and shows the stored tier.
    await card.getByText(`Saved: tier ${other}.`).waitFor();
    await card.getByLabel(`Tier ${other}`).waitFor();
    expect((await api(sofia.token, 'GET', `/api/accounts/${account.id}`)).body.tier).toBe(other);

    const person = pane.locator(`li[data-address="${mail.from}"]`);
    await person.getByTestId('contact-card').getByRole('button').click();
    const contactForm = person.getByRole('form');
    await contactForm.getByLabel('Title or role').fill('Hankintajohtaja');
    await contactForm.getByLabel('Phone').fill('ei numeroa');
    await contactForm.getByRole('button', { name: 'Save' }).click();
    await contactForm.locator('[data-field="phones"]').getByText('Write a phone number, e.g. +358 40 123 4567.').waitFor();
    expect(await pane.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.screenshot({ path: `${shots}/13-edit-contact-error.png` });
    expect((await api(sofia.token, 'GET', `/api/contacts/${contactId}`)).body.title).not.toBe('Hankintajohtaja');
    await contactForm.getByLabel('Phone').fill('+358 40 555 0101');
    await contactForm.getByRole('button', { name: 'Save' }).click();
    await person.getByText('Saved.').waitFor();
    await person.getByText('Hankintajohtaja · +358 40 555 0101').waitFor();
    expect((await api(sofia.token, 'GET', `/api/contacts/${contactId}`)).body).toMatchObject({ title: 'Hankintajohtaja', phones: ['+358 40 555 0101'] });

    // Laura is neither the account's owner nor the contact's: the same cards, locked, with the rule beside them.
    const laura = await openPreview({ user: LAURA, item: 'known-customer' }, { width: 320, height: 640 });
    const lauraCard = laura.pane.locator(`[data-account-id="${account.id}"]`);
    await lauraCard.getByRole('button', { name: `Edit account ${account.name}` }).click({ timeout: 30_000 });
    const locked = laura.pane.getByRole('form', { name: `Edit account ${account.name}` });
    await locked.getByText('Only the account owner or a manager can change the tier.').waitFor();
    expect(await locked.getByLabel('Tier').isDisabled()).toBe(true);
    const lauraPerson = laura.pane.locator(`li[data-address="${mail.from}"]`);
    await lauraPerson.getByText('Hankintajohtaja · +358 40 555 0101').waitFor();
    expect(await lauraPerson.getByTestId('contact-card').getByRole('button').isDisabled()).toBe(true);
    await lauraPerson.getByText('Only the contact’s owner, the account owner or a manager can change this contact.').waitFor();
    await laura.page.screenshot({ path: `${shots}/14-edit-locked.png` });
  });

  it('speaks Finnish under a fi-FI display language, in the dark theme', async () => {
    const { page, pane } = await openPreview({ user: 'sofia.lindqvist@suhde-demo.fi', item: 'known-customer', lang: 'fi-FI', theme: 'dark' }, { width: 320, height: 640 });
    await pane.getByRole('heading', { name: 'Asiakas' }).waitFor({ timeout: 30_000 });
    await pane.getByRole('heading', { name: 'Henkilöt' }).waitFor();
    // Laura and Mikko logged this email earlier in the suite: Sofia is offered to join it.
    await pane.getByRole('button', { name: 'Kirjaa myös minulle' }).waitFor();
    expect(await pane.evaluate(() => document.documentElement.lang)).toBe('fi-FI');
    const text = await pane.locator('main').innerText();
    expect(text).toContain('Viimeksi yhteydessä');
    expect(text).not.toContain('Last contact');
    // 320 px (a phone): the action is on screen and nothing runs off the side.
    expect(await onScreen(page, pane, '[data-testid="action-bar"] button[type="submit"]')).toBe(true);
    expect(await pane.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    // Dates as Finnish writes them.
    const date = pane.getByLabel('Seuraa asiaa');
    expect(await date.getAttribute('placeholder')).toBe('d.M.yyyy');
    await date.fill('8.12.2026');
    await date.blur();
    expect(await date.inputValue()).toBe('8.12.2026');
    expect(await pane.getByText('Kirjoita päivä muodossa').count()).toBe(0);
    expect(await pane.locator('main').innerText()).toMatch(/seuraava \d{1,2}\.\d{1,2}\.20\d\d/);
    // The dark Office theme gives the dark Fluent theme.
    const bg = await pane.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
    expect(bg).toBe('rgb(41, 41, 41)');
    await page.screenshot({ path: `${shots}/7-fi-dark.png` });
  });

  it('follows high contrast and Office theme changes while the pane is open', async () => {
    const { page, pane } = await openPreview({ user: LAURA, item: 'my-meeting', theme: 'contrast' });
    await pane.getByTestId('action-bar').waitFor({ timeout: 30_000 });
    const bg = () => pane.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
    expect(await bg()).toBe('rgb(0, 0, 0)');
    expect(await pane.evaluate(() => document.documentElement.dataset.theme)).toBe('contrast');
    await page.screenshot({ path: `${shots}/11-contrast.png` });
    await page.selectOption('#theme', 'dark');
    await pane.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await bg()).toBe('rgb(41, 41, 41)');
    await page.selectOption('#theme', 'light');
    await pane.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    // The pane stays as it was: the theme repaints, it does not reload.
    await pane.getByTestId('action-bar').waitFor();
  });

  it('has no serious accessibility violations (axe-core) in the pane’s states', async () => {
    const problems: string[] = [];
    for (const [item, lang, theme] of [['known-customer', 'en-US', 'light'], ['new-organisation', 'fi-FI', 'dark'], ['meeting', 'en-US', 'dark'], ['new-email', 'en-US', 'light'], ['my-meeting', 'en-US', 'contrast']] as const) {
      const { page, pane } = await openPreview({ user: 'james.whitfield@suhde-demo.fi', item, lang, theme });
      await pane.waitForSelector('main [data-account-id], main form, main [role="alert"]', { timeout: 30_000 });
      await pane.waitForTimeout(300);
      problems.push(...(await seriousViolations(pane)).map((p) => `${item}/${lang}/${theme}: ${p}`));
      await page.screenshot({ path: `${shots}/axe-${item}-${lang}-${theme}.png` });
      await page.context().close();
      pages.pop();
    }
    expect(problems).toEqual([]);
  });

  it('raised no script errors in the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
