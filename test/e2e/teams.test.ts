// The Teams app end to end, in Chromium, against the running product (the README's product command on a fresh
// demo tenant): the account list and its tier filter, the timeline's pages, a stage move and the pipeline
// total, the dashboard's figures against our own SQL over the product's SQLite file, a rep kept out of the
// dashboard, the channel tab's configuration in a simulated Teams host speaking teams-js's postMessage
// protocol, deep links to an account and to a timeline item (built as the add-in builds them, opened with their
// subEntityId in the host's context), the meeting side panel in a simulated meeting (chat.id of a synced demo
// meeting), Finnish, the dark theme, and axe-core. Screenshots go to test-artifacts/teams/.
import { beforeAll, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import type { Frame, Page } from 'playwright-core';
import { artifactDir, skipWithoutChromium } from '../support/chromium.ts';
import { chromiumSuite, type DemoUser } from '../support/chromium-suite.ts';
import { seriousViolations } from '../support/axe.ts';
import { teamsAccountDeepLink } from '../../web-shared/src/deep-links.ts';

const noChromium = skipWithoutChromium('Teams app end-to-end suite (test/e2e/teams.test.ts)');
const suite = chromiumSuite(noChromium);
const { newPage, api, tab, pageErrors } = suite;

let laura: DemoUser;
let paivi: DemoUser;
const shots = artifactDir('teams');

beforeAll(async () => {
  laura = suite.users.find((u) => u.displayName === 'Laura Mäkinen')!;
  paivi = suite.users.find((u) => u.displayName === 'Päivi Laaksonen')!;
}, 240_000);

describe.skipIf(noChromium)('Teams app in Chromium', () => {
  it('offers the demo sign-in, then lists my accounts by what needs attention and filters them by tier', async () => {
    const page = await newPage();
    await page.goto(`${suite.server.base}/teams-app/index.html`);
    await page.getByRole('button', { name: /Laura Mäkinen/ }).click();
    await page.waitForSelector('tr[data-account-id]');
    // Mine, overdue first: the same order as the API's "attention" sort.
    const mine = await api<{ total: number; items: { id: string }[] }>(laura, '/api/accounts?ownerId=me&sort=attention&limit=50');
    await expect.poll(() => page.getByText(`${mine.body.total} accounts`).count()).toBe(1);
    expect(await page.locator('tr[data-account-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-account-id')))).toEqual(mine.body.items.map((a) => a.id));
    // The first row is in view at Teams' tab size without scrolling.
    const firstRow = await page.locator('tr[data-account-id]').first().boundingBox();
    expect(firstRow!.y + firstRow!.height).toBeLessThan(800);
    await page.screenshot({ path: `${shots}/accounts.png`, fullPage: true });

    await page.getByTestId('filters-toggle').click();
    await page.getByRole('combobox', { name: 'Tier' }).click();
    // Fluent's multiselect dropdown lists its choices as menu item checkboxes.
    await page.getByRole('menuitemcheckbox', { name: 'A – contract customer' }).click();
    await page.keyboard.press('Escape');
    const onlyA = await api<{ total: number; items: { id: string }[] }>(laura, '/api/accounts?ownerId=me&tier=A&limit=200');
    await expect.poll(() => page.locator('tr[data-account-id]').count()).toBe(onlyA.body.total);
    const tiers = await page.locator('tr[data-account-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-tier')));
    expect(new Set(tiers)).toEqual(new Set(['A']));
    expect(await page.getByText(`${onlyA.body.total} accounts`).count()).toBe(1);
    expect(await page.getByTestId('filters-toggle').textContent()).toBe('Filters (1)');
    await page.screenshot({ path: `${shots}/accounts-tier-a.png`, fullPage: true });
    expect(await seriousViolations(page, 'accounts')).toEqual([]);
  }, 120_000);

  it('pages through an account’s timeline as it scrolls, newest first, each item once', async () => {
    const db = new SQLite(suite.server.dataPath, { readonly: true });
    const busiest = db.prepare('select account_id as id, count(*) as n from interaction_accounts group by account_id order by n desc limit 1').get() as { id: string; n: number };
    db.close();
    // The API's own pages, for comparison.
    const ids: string[] = [];
    for (let cursor: string | null = null, k = 0; k < 3; k++) {
      const p: { body: { items: { id: string }[]; next: string | null } } = await api(laura, `/api/accounts/${busiest.id}/timeline?limit=25${cursor ? `&cursor=${cursor}` : ''}`);
      ids.push(...p.body.items.map((i) => i.id));
      cursor = p.body.next;
      if (!cursor) break;
    }
    expect(ids.length).toBeGreaterThan(50);
    const page = await newPage();
    await page.goto(tab(laura, { view: 'account', accountId: busiest.id }));
    await page.waitForSelector('[data-testid=timeline] li');
    // Items the viewer may not open are grouped into one row each run: count the items the rows stand for.
    const shownIds = () => page.locator('[data-testid=timeline] > li').evaluateAll((rows) =>
      rows.flatMap((r) => (r.getAttribute('data-interaction-ids') ?? r.getAttribute('data-interaction-id') ?? '').split(' ').filter(Boolean)));
    expect((await shownIds()).length).toBe(25);
    await page.locator('[data-testid=timeline] > li').last().scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 5000);
    await expect.poll(async () => (await shownIds()).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(50);
    const shown = await shownIds();
    expect(shown.slice(0, 50)).toEqual(ids.slice(0, 50));
    expect(new Set(shown).size).toBe(shown.length);
    await page.screenshot({ path: `${shots}/timeline.png` });
    expect(await seriousViolations(page, 'account')).toEqual([]);
  }, 120_000);

  it('moves an opportunity to another stage and the pipeline total follows', async () => {
    const opps = (await api<{ items: { id: string; name: string; accountId: string; stage: string; value: number; currency: string; ownerId: string }[] }>(laura, `/api/opportunities?ownerId=me`)).body.items;
    const o = opps.find((x) => x.stage === 'offer' && x.currency === 'EUR' && x.value > 0)!;
    expect(o).toBeTruthy();
    const before = (await api<{ openValueCents: number }>(laura, '/api/pipeline?ownerId=me')).body.openValueCents;
    const page = await newPage();
    await page.goto(tab(laura, { view: 'account', accountId: o.accountId }));
    await page.getByRole('tab', { name: 'Opportunities' }).click();
    const openTotal = page.getByTestId('open-total');
    await openTotal.waitFor();
    const money = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(cents / 100);
    const accountOpen = (await api<{ items: { stage: string; value: number; currency: string }[] }>(laura, `/api/accounts/${o.accountId}/opportunities`)).body.items
      .filter((x) => ['identified', 'contacted', 'offer', 'negotiation'].includes(x.stage) && x.currency === 'EUR').reduce((n, x) => n + x.value, 0);
    expect(await openTotal.textContent()).toBe(money(accountOpen));
    // Drag the card onto the Won column.
    await page.locator(`[data-opportunity-id="${o.id}"]`).dragTo(page.locator('[data-stage="won"]'));
    await expect.poll(() => openTotal.textContent()).toBe(money(accountOpen - o.value));
    expect(await page.locator(`[data-stage="won"] [data-opportunity-id="${o.id}"]`).count()).toBe(1);
    expect((await api<{ stage: string }>(laura, `/api/opportunities/${o.id}`)).body.stage).toBe('won');
    expect((await api<{ openValueCents: number }>(laura, '/api/pipeline?ownerId=me')).body.openValueCents).toBe(before - o.value);
    // And back by the menu, for keyboards.
    await page.getByRole('button', { name: `Move ${o.name} to another stage` }).click();
    await page.getByRole('menuitem', { name: 'Negotiation' }).click();
    await expect.poll(() => openTotal.textContent()).toBe(money(accountOpen));
    await page.screenshot({ path: `${shots}/opportunities.png`, fullPage: true });
  }, 120_000);

  it('shows a manager dashboard figures that equal our own SQL over the product’s database', async () => {
    const page = await newPage();
    const answer = page.waitForResponse((r) => r.url().includes('/api/analytics/dashboard') && r.status() === 200);
    await page.goto(tab(paivi, { view: 'dashboard' }));
    const d = (await (await answer).json()) as { period: { start: number; end: number; asOf: number }; team: string };
    await page.waitForSelector('[data-section=reps] table');
    await page.waitForTimeout(1500); // the charts load after the tables
    await page.screenshot({ path: `${shots}/dashboard.png`, fullPage: true });
    expect(d.team).toBe(paivi.team);

    const db = new SQLite(suite.server.dataPath, { readonly: true });
    try {
      const tenant = (db.prepare('select tenant_id from users where id = ?').get(paivi.id) as { tenant_id: string }).tenant_id;
      const perRep = db.prepare(`
        select u.display_name as name,
          count(distinct case when i.kind = 'email' and i.direction = 'outbound' then i.id end) as sent,
          count(distinct case when i.kind = 'email' and i.direction = 'inbound' then i.id end) as received,
          count(distinct case when i.kind = 'meeting' then i.id end) as meetings,
          count(distinct case when i.kind = 'call' then i.id end) as calls
        from users u
        left join interaction_holders h on h.tenant_id = u.tenant_id and h.user_id = u.id
        left join interactions i on i.tenant_id = h.tenant_id and i.id = h.interaction_id and i.deleted_at is null
          and i.occurred_at >= ? and i.occurred_at < ?
          and exists (select 1 from interaction_accounts ia where ia.tenant_id = i.tenant_id and ia.interaction_id = i.id)
        where u.tenant_id = ? and u.team = ? and u.deactivated_at is null
        group by u.id order by u.display_name`).all(d.period.start, d.period.end, tenant, d.team) as { name: string; sent: number; received: number; meetings: number; calls: number }[];
      expect(perRep.length).toBeGreaterThan(1);
      expect(perRep.reduce((n, r) => n + r.sent + r.received, 0)).toBeGreaterThan(50);
      for (const r of perRep.filter((x) => x.sent + x.received + x.meetings + x.calls > 0)) {
        const cells = await page.locator('[data-section=reps] tbody tr').filter({ has: page.getByRole('cell', { name: r.name, exact: true }) }).getByRole('cell').allTextContents();
        expect({ name: r.name, cells: cells.slice(1, 4).concat(cells[5]!) }).toEqual({ name: r.name, cells: [String(r.sent), String(r.received), String(r.meetings), String(r.calls)] });
      }

      const team = db.prepare('select id from users where tenant_id = ? and team = ?').all(tenant, d.team).map((x) => (x as { id: string }).id);
      const marks = team.map(() => '?').join(',');
      const stages = db.prepare(`select stage, count(*) as n, sum(value_cents) as v from opportunities
        where tenant_id = ? and owner_id in (${marks}) and deleted_at is null and currency = 'EUR' group by stage`).all(tenant, ...team) as { stage: string; n: number; v: number }[];
      const money = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(cents / 100);
      const label: Record<string, string> = { identified: 'Identified', contacted: 'Contacted', offer: 'Offer', negotiation: 'Negotiation', won: 'Won', lost: 'Lost' };
      // Open stages in the funnel's table; won and lost only as closed in the period, in a table of their own.
      for (const s of stages.filter((x) => x.stage !== 'won' && x.stage !== 'lost')) {
        const cells = await page.getByRole('table', { name: 'Pipeline by stage' }).locator('tbody tr').filter({ has: page.getByRole('cell', { name: label[s.stage], exact: true }) }).getByRole('cell').allTextContents();
        expect([s.stage, cells[1], cells[2]]).toEqual([s.stage, String(s.n), money(s.v)]);
      }
      const closed = db.prepare(`select stage, count(*) as n, coalesce(sum(value_cents), 0) as v from opportunities
        where tenant_id = ? and owner_id in (${marks}) and deleted_at is null and currency = 'EUR' and stage in ('won', 'lost') and closed_at >= ? and closed_at < ?
        group by stage`).all(tenant, ...team, d.period.start, d.period.end) as { stage: string; n: number; v: number }[];
      for (const stage of ['won', 'lost']) {
        const c = closed.find((x) => x.stage === stage) ?? { n: 0, v: 0 };
        const cells = await page.getByRole('table', { name: 'Closed in the period' }).locator('tbody tr').filter({ has: page.getByRole('cell', { name: label[stage], exact: true }) }).getByRole('cell').allTextContents();
        expect([stage, cells[1], cells[2]]).toEqual([stage, String(c.n), money(c.v)]);
      }
      // The headline's won figure is the same sum.
      const won = closed.find((x) => x.stage === 'won') ?? { n: 0, v: 0 };
      expect(await page.locator('[data-figure=won]').textContent()).toContain(money(won.v));

      // Care compliance at the period's end: a portfolio account is within its tier's cadence when its latest
      // contact (not a note) before then is younger than the cadence.
      const cadence: Record<string, number | null> = { A: 14, B: 30, C: 90, D: null };
      const care = db.prepare(`select a.tier, (select max(ia.occurred_at) from interaction_accounts ia where ia.tenant_id = a.tenant_id and ia.account_id = a.id and ia.kind <> 'note' and ia.occurred_at < ?) as last
        from accounts a where a.tenant_id = ? and a.deleted_at is null and a.created_at < ? and a.owner_id in (${marks})`).all(d.period.asOf, tenant, d.period.asOf, ...team) as { tier: string; last: number | null }[];
      for (const tier of ['A', 'B', 'C']) {
        const mine = care.filter((c) => c.tier === tier);
        const within = mine.filter((c) => c.last !== null && c.last >= d.period.asOf - cadence[tier]! * 86_400_000).length;
        const cells = await page.locator('[data-section=care] tbody tr').nth(['A', 'B', 'C'].indexOf(tier)).getByRole('cell').allTextContents();
        expect([tier, cells[2], cells[3]]).toEqual([tier, String(mine.length), String(within)]);
      }
    } finally {
      db.close();
    }
    expect(await seriousViolations(page, 'dashboard')).toEqual([]);
  }, 120_000);

  it('opens the accounts behind a headline figure and lands on one of them', async () => {
    const page = await newPage();
    const answer = page.waitForResponse((r) => r.url().includes('/api/analytics/headlines') && r.status() === 200);
    await page.goto(tab(paivi, { view: 'dashboard' }));
    const h = (await (await answer).json()) as { overdue: { count: number }; behind: { overdue: { accountId: string; name: string }[] } };
    expect(h.overdue.count).toBeGreaterThan(0);
    const overdue = page.locator('[data-figure=overdue]');
    expect(await overdue.textContent()).toContain(String(h.overdue.count));
    await overdue.click();
    expect(await overdue.getAttribute('aria-expanded')).toBe('true');
    const behind = page.getByRole('table', { name: 'Accounts overdue on their care cadence' });
    await behind.waitFor();
    expect(await behind.locator('tbody tr').count()).toBe(Math.min(h.overdue.count, 50));
    expect(page.url()).toContain('figure=overdue');
    await page.waitForTimeout(500); // the charts draw after the tables
    await page.screenshot({ path: `${shots}/dashboard-overdue.png`, fullPage: true });
    expect(await seriousViolations(page, 'dashboard behind a figure')).toEqual([]);
    const first = h.behind.overdue[0]!;
    await behind.getByRole('button', { name: first.name, exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('accountId')).toBe(first.accountId);
    await page.locator('h1').filter({ hasText: first.name }).waitFor();
  }, 120_000);

  it('reads the dashboard in Finnish and high contrast: Finnish months and legends, distinct series', async () => {
    const page = await newPage({ locale: 'fi-FI' });
    await page.goto(tab(paivi, { view: 'dashboard', theme: 'contrast', locale: 'fi-FI' }));
    const weekly = page.getByRole('img', { name: 'Viikoittainen kehitys' });
    await weekly.waitFor();
    const texts = await weekly.locator('text').allTextContents();
    expect(texts.filter((t) => /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/.test(t))).toEqual([]);
    expect(texts.some((t) => /^vk \d+$/.test(t))).toBe(true);
    expect(await page.getByText('Lähetetyt sähköpostit', { exact: true }).count()).toBeGreaterThan(0);
    // Week labels never overlap: each starts after the previous one ends.
    const boxes = await weekly.locator('text').evaluateAll((els) => els.filter((e) => /^vk /.test(e.textContent ?? '')).map((e) => (e as SVGGraphicsElement).getBBox()).map((b) => [b.x, b.x + b.width]));
    for (let k = 1; k < boxes.length; k++) expect(boxes[k]![0]!).toBeGreaterThan(boxes[k - 1]![1]!);
    const reps = page.getByRole('img', { name: 'Aktiivisuus myyjittäin' });
    const fills = await reps.locator('g[data-row] rect').evaluateAll((els) => els.map((e) => e.getAttribute('fill')));
    expect(new Set(fills).size).toBeGreaterThanOrEqual(5);
    await page.screenshot({ path: `${shots}/dashboard-contrast-fi.png`, fullPage: true });
    expect(await seriousViolations(page, 'dashboard fi contrast')).toEqual([]);
  }, 120_000);

  it('keeps a salesperson out of the manager dashboard', async () => {
    const page = await newPage();
    await page.goto(tab(laura, { view: 'dashboard' }));
    await page.getByRole('navigation').waitFor();
    expect(await page.getByRole('tab', { name: 'Dashboard' }).count()).toBe(0);
    expect(await page.getByRole('alert').textContent()).toContain('for sales managers');
    const refused = await api(laura, '/api/analytics/dashboard');
    expect(refused.status).toBe(403);
    // Today is theirs instead.
    await page.getByRole('tab', { name: 'Today' }).click();
    await page.waitForSelector('[data-action-type]');
    await page.screenshot({ path: `${shots}/today.png`, fullPage: true });
    expect(await seriousViolations(page, 'today')).toEqual([]);
  }, 120_000);

  it('shows the administrator every synced mailbox’s health, and nobody else the page', async () => {
    const admin = suite.users.find((u) => u.role === 'admin')!;
    const health = (await api<{ items: { mailbox: { id: string; address: string }; state: string; itemsStored: number }[] }>(admin, '/api/sync/health')).body.items;
    expect(health.length).toBeGreaterThan(0);
    const page = await newPage();
    await page.goto(tab(admin, { view: 'sync' }));
    await page.getByRole('table', { name: 'Mailbox sync' }).waitFor();
    const rows = page.locator('tr[data-mailbox-id]');
    expect(await rows.count()).toBe(health.length);
    for (const m of health) {
      const row = page.locator(`tr[data-mailbox-id="${m.mailbox.id}"]`);
      expect(await row.getAttribute('data-state')).toBe(m.state);
      expect(await row.textContent()).toContain(m.mailbox.address);
    }
    await page.screenshot({ path: `${shots}/mailbox-sync.png`, fullPage: true });
    expect(await seriousViolations(page, 'mailbox sync')).toEqual([]);
    const rep = await newPage();
    await rep.goto(tab(laura, { view: 'sync' }));
    await rep.getByRole('navigation').waitFor();
    expect(await rep.getByRole('tab', { name: 'Mailbox sync' }).count()).toBe(0);
    expect(await rep.getByRole('alert').textContent()).toContain('for administrators');
  }, 120_000);

  it('configures a channel tab in a simulated Teams host, then shows that account in Teams’ dark theme', async () => {
    const page = await newPage();
    const hostUrl = `${suite.server.base}/e2e/teams-host.html`;
    await page.context().route((url) => url.href.startsWith(hostUrl), (r) => r.fulfill({ contentType: 'text/html', body: SIMULATED_TEAMS_HOST }));
    const target = (await api<{ items: { id: string; name: string }[] }>(laura, '/api/accounts?tier=A&limit=1')).body.items[0]!;

    // The configuration page, as Teams shows it when a tab is added to a channel.
    await page.goto(`${hostUrl}?${new URLSearchParams({ frameContext: 'settings', theme: 'default', src: `/teams-app/config.html?demoUser=${laura.id}` })}`);
    const config = await frameOf(page, '/teams-app/config.html');
    await config.getByRole('searchbox').fill(target.name);
    await config.getByRole('radio', { name: new RegExp(target.name) }).click();
    await expect.poll(() => page.evaluate(() => (window as any).host.valid)).toBe(true);
    await page.screenshot({ path: `${shots}/channel-config.png` });
    await page.evaluate(() => (window as any).host.save());
    await expect.poll(() => page.evaluate(() => (window as any).host.saveResult), { timeout: 10_000 }).toBe('success');
    const saved = await page.evaluate(() => (window as any).host.settings);
    expect(saved).toEqual({
      entityId: target.id, suggestedDisplayName: target.name,
      contentUrl: `${suite.server.base}/teams-app/index.html?view=account&accountId=${target.id}`,
      websiteUrl: `${suite.server.base}/teams-app/index.html?view=account&accountId=${target.id}`,
    });

    // The tab itself: Teams loads the saved contentUrl with the entityId in its context, in the dark theme.
    await page.goto(`${hostUrl}?${new URLSearchParams({ frameContext: 'content', theme: 'dark', entityId: saved.entityId, src: `${saved.contentUrl}&demoUser=${laura.id}` })}`);
    const content = await frameOf(page, '/teams-app/index.html');
    await content.getByRole('heading', { level: 1, name: new RegExp(target.name) }).waitFor();
    expect(await content.locator('[data-hosted]').getAttribute('data-hosted')).toBe('teams');
    expect(await content.locator('[data-theme]').first().getAttribute('data-theme')).toBe('dark');
    const background = await content.locator('[data-theme] > div').first().evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(background).toMatch(/^rgb\(/);
    expect(luminance(background)).toBeLessThan(0.2); // Teams' light theme is about 0.96
    await page.screenshot({ path: `${shots}/channel-tab-dark.png` });
    expect(await seriousViolations(content, 'channel tab (dark)')).toEqual([]);
    // Teams switches theme: the tab follows without a reload.
    await page.evaluate(() => (window as any).host.setTheme('contrast'));
    await expect.poll(() => content.locator('[data-theme]').first().getAttribute('data-theme')).toBe('contrast');
    await page.screenshot({ path: `${shots}/channel-tab-contrast.png` });
  }, 120_000);

  it('opens the add-in’s deep link to an account in Teams: the accounts tab with the account’s subEntityId', async () => {
    const target = (await api<{ items: { id: string; name: string }[] }>(laura, '/api/accounts?tier=B&limit=1')).body.items[0]!;
    const link = openEntityDeepLink(teamsAccountDeepLink({ appId: TEAMS_APP_ID, accountId: target.id, label: target.name, webOrigin: suite.server.base }));
    expect(link).toMatchObject({ entityId: 'accounts', subEntityId: `account:${target.id}` });
    const page = await simulatedTeams();
    // Teams opens the personal tab of that entityId (its manifest contentUrl) with the subEntityId in the context.
    await page.goto(hostPage({ frameContext: 'content', entityId: link.entityId, subEntityId: link.subEntityId, src: `/teams-app/index.html?view=accounts&demoUser=${laura.id}` }));
    const content = await frameOf(page, '/teams-app/index.html');
    await content.getByRole('heading', { level: 1, name: new RegExp(target.name) }).waitFor();
    expect(await content.locator('article[data-account-id]').getAttribute('data-account-id')).toBe(target.id);
    expect(await content.locator('main').getAttribute('data-view')).toBe('account');
    await page.screenshot({ path: `${shots}/deep-link-account.png` });
    // Outside Teams the link's webUrl is the same page.
    const web = await newPage();
    await web.goto(`${link.webUrl}&demoUser=${laura.id}`);
    await web.getByRole('heading', { level: 1, name: new RegExp(target.name) }).waitFor();
  }, 120_000);

  it('opens a deep link to a timeline item three pages down: shown first, scrolled to, and marked where the list reaches it', async () => {
    const db = new SQLite(suite.server.dataPath, { readonly: true });
    const busiest = db.prepare('select account_id as id, count(*) as n from interaction_accounts group by account_id order by n desc limit 1').get() as { id: string; n: number };
    db.close();
    const pages: { id: string; subject: string | null; redacted: boolean }[][] = [];
    for (let cursor: string | null = null, k = 0; k < 3; k++) {
      const p: { body: { items: { id: string; subject: string | null; redacted: boolean }[]; next: string | null } } = await api(laura, `/api/accounts/${busiest.id}/timeline?limit=25${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(p.body.items);
      cursor = p.body.next;
    }
    const item = pages[2]!.find((i) => !i.redacted && i.subject) ?? pages[2]![0]!;
    expect(pages.slice(0, 2).flat().map((i) => i.id)).not.toContain(item.id);
    const account = (await api<{ name: string }>(laura, `/api/accounts/${busiest.id}`)).body;
    const link = openEntityDeepLink(teamsAccountDeepLink({ appId: TEAMS_APP_ID, accountId: busiest.id, interactionId: item.id, label: account.name, webOrigin: suite.server.base }));
    expect(link.subEntityId).toBe(`account:${busiest.id}/interaction:${item.id}`);
    const page = await simulatedTeams();
    await page.goto(hostPage({ frameContext: 'content', entityId: link.entityId, subEntityId: link.subEntityId, src: `/teams-app/index.html?view=accounts&demoUser=${laura.id}` }));
    const content = await frameOf(page, '/teams-app/index.html');
    const region = content.getByRole('region', { name: 'The item you opened' });
    await region.waitFor();
    expect(await region.getAttribute('data-linked-interaction')).toBe(item.id);
    if (item.subject) expect(await region.textContent()).toContain(item.subject);
    await expect.poll(() => content.evaluate(() => document.activeElement?.getAttribute('data-linked-interaction'))).toBe(item.id);
    const box = await region.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(900);
    await content.locator('[data-testid=timeline] li').first().waitFor();
    expect(await content.locator('[data-testid=timeline] li[data-linked]').count()).toBe(0);
    await page.screenshot({ path: `${shots}/deep-link-item.png` });
    // Scrolling on loads the older pages until the item's own place in the history, which is marked.
    const marked = content.locator(`[data-testid=timeline] li[data-interaction-id="${item.id}"]`);
    const rows = content.locator('[data-testid=timeline] li');
    // Each scroll to the end loads one more page: wait for that page (or the item) rather than a fixed time.
    for (let k = 0; k < 5 && (await marked.count()) === 0; k++) {
      const before = await rows.count();
      await rows.last().scrollIntoViewIfNeeded();
      await expect.poll(async () => (await marked.count()) > 0 || (await rows.count()) > before, { timeout: 30_000 }).toBe(true);
    }
    await marked.waitFor();
    expect(await marked.getAttribute('aria-current')).toBe('true');
    expect(await content.locator('[data-testid=timeline] li[data-linked]').count()).toBe(1);
    await marked.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/deep-link-item-in-list.png` });
    expect(await seriousViolations(content, 'deep-linked item')).toEqual([]);
  }, 120_000);

  it('shows a synced Teams meeting’s accounts in its side panel and saves notes onto that meeting', async () => {
    const db = new SQLite(suite.server.dataPath, { readonly: true });
    // A Teams meeting Laura holds, with the most accounts: the calendar sync recorded its chat from the join URL.
    const m = db.prepare(`select t.thread_id as chatId, t.interaction_id as id, count(distinct ia.account_id) as n
      from meeting_threads t
      join interaction_holders h on h.tenant_id = t.tenant_id and h.interaction_id = t.interaction_id and h.user_id = ?
      join interaction_accounts ia on ia.tenant_id = t.tenant_id and ia.interaction_id = t.interaction_id
      join interactions i on i.tenant_id = t.tenant_id and i.id = t.interaction_id and i.deleted_at is null
      group by t.thread_id, t.interaction_id order by n desc, i.occurred_at desc limit 1`).get(laura.id) as { chatId: string; id: string; n: number } | undefined;
    expect(m).toBeTruthy();
    expect(m!.chatId).toMatch(/^19:meeting_[A-Za-z0-9+/]+@thread\.v2$/);
    const names = (db.prepare(`select a.name from interaction_accounts ia join accounts a on a.tenant_id = ia.tenant_id and a.id = ia.account_id
      where ia.interaction_id = ? and a.deleted_at is null`).all(m!.id) as { name: string }[]).map((r) => r.name)
      // The panel lists them as the API does (localeCompare): SQLite's binary order puts "Åberg" after "Z".
      .sort((a, b) => a.localeCompare(b));
    const meetingCount = (db.prepare('select count(*) as n from meeting_threads').get() as { n: number }).n;
    const onlineMeetings = (db.prepare(`select count(*) as n from interactions where kind = 'meeting' and source = 'sync' and deleted_at is null`).get() as { n: number }).n;
    db.close();
    expect(meetingCount).toBeGreaterThan(10);
    expect(meetingCount).toBeLessThan(onlineMeetings); // on-site meetings have no chat
    // The side panel's tab was set up for another account: the meeting's own accounts win.
    const other = (await api<{ items: { id: string; name: string }[] }>(laura, '/api/accounts?tier=D&limit=1')).body.items[0]!;
    expect(names).not.toContain(other.name);
    const page = await simulatedTeams();
    await page.goto(hostPage({ frameContext: 'sidePanel', entityId: other.id, chatId: m!.chatId, meetingId: Buffer.from(`0#${m!.chatId}#0`).toString('base64'), width: '320', src: `/teams-app/index.html?view=account&accountId=${other.id}&demoUser=${laura.id}` }));
    const panel = await frameOf(page, '/teams-app/index.html');
    await panel.locator('[data-meeting-source=chat]').waitFor();
    expect(await panel.locator('[data-meeting-id]').getAttribute('data-meeting-id')).toBe(m!.id);
    const meeting = (await api<{ subject: string | null; occurredAt: number; note: string | null }>(laura, `/api/interactions/${m!.id}`)).body;
    expect(await panel.locator('[data-meeting-id]').textContent()).toContain(meeting.subject!);
    const cards = await panel.getByRole('region', { name: 'Accounts in this meeting' }).getByRole('heading', { level: 2 }).allTextContents();
    // The longest name a heading starts with ("Kallio Oy Ab" is not "Kallio Oy").
    expect(cards.map((c) => names.filter((n) => c.startsWith(n)).sort((a, b) => b.length - a.length)[0])).toEqual(names);
    expect(await panel.getByText('does not know this meeting').count()).toBe(0);
    await page.screenshot({ path: `${shots}/meeting-side-panel.png`, fullPage: true });
    expect(await seriousViolations(panel, 'meeting side panel')).toEqual([]);

    const words = `Sovittiin pilotti ${Date.now()}`;
    await panel.getByRole('textbox', { name: 'Notes' }).fill(words);
    await panel.getByRole('button', { name: 'Save to the meeting' }).click();
    await panel.getByRole('status').filter({ hasText: 'Saved on the meeting' }).waitFor();
    const after = (await api<{ note: string | null }>(laura, `/api/interactions/${m!.id}`)).body;
    expect(after.note).toBe(meeting.note ? `${meeting.note}\n\n${words}` : words);
    const check = new SQLite(suite.server.dataPath, { readonly: true });
    expect((check.prepare('select note from interactions where id = ?').get(m!.id) as { note: string }).note).toBe(after.note);
    // No stray note on the configured account.
    expect((check.prepare(`select count(*) as n from interactions where note = ? and kind = 'note'`).get(words) as { n: number }).n).toBe(0);
    check.close();
    expect(await panel.getByTestId('meeting-note').textContent()).toContain(words);
    await page.screenshot({ path: `${shots}/meeting-side-panel-saved.png`, fullPage: true });
  }, 120_000);

  it('prints the demo’s meeting side panel address, which opens the same panel outside Teams', async () => {
    const m = /Meeting side panel \(the demo's Teams meeting nearest to now\): (\S+)/.exec(suite.server.output());
    expect(m).toBeTruthy();
    const url = new URL(m![1]!);
    const chatId = url.searchParams.get('chatId')!;
    const db = new SQLite(suite.server.dataPath, { readonly: true });
    const row = db.prepare('select interaction_id as id from meeting_threads where thread_id = ?').get(chatId) as { id: string } | undefined;
    db.close();
    expect(row).toBeTruthy();
    const page = await newPage();
    await page.goto(`${url.href}&demoUser=${laura.id}`);
    await page.locator('[data-meeting-source=chat]').waitFor();
    expect(await page.locator('[data-meeting-id]').getAttribute('data-meeting-id')).toBe(row!.id);
  }, 120_000);

  it('says so in the side panel when the meeting is not known, and takes notes against the configured account', async () => {
    // An account with no meeting within a day of now: the panel has no meeting to fall back to either.
    const db = new SQLite(suite.server.dataPath, { readonly: true });
    const now = Date.now();
    const target = db.prepare(`select a.id, a.name from accounts a where a.tier = 'C' and a.deleted_at is null and not exists (
      select 1 from interaction_accounts ia where ia.tenant_id = a.tenant_id and ia.account_id = a.id and ia.kind = 'meeting' and ia.occurred_at between ? and ?)
      order by a.name limit 1`).get(now - 86_400_000, now + 86_400_000) as { id: string; name: string };
    db.close();
    const page = await simulatedTeams();
    await page.goto(hostPage({ frameContext: 'sidePanel', entityId: target.id, chatId: '19:meeting_Tm90U3luY2VkWWV0@thread.v2', width: '320', src: `/teams-app/index.html?view=account&accountId=${target.id}&demoUser=${laura.id}` }));
    const panel = await frameOf(page, '/teams-app/index.html');
    await panel.getByText('Suhde does not know this meeting yet').waitFor();
    await panel.getByRole('heading', { level: 2, name: new RegExp(target.name) }).waitFor();
    expect(await panel.locator('[data-meeting-source]').getAttribute('data-meeting-source')).toBe('account-note');
    await page.screenshot({ path: `${shots}/meeting-side-panel-unknown.png`, fullPage: true });
    const words = `Ei synkronoitu ${Date.now()}`;
    await panel.getByRole('textbox', { name: 'Notes' }).fill(words);
    await panel.getByRole('button', { name: 'Save to the account' }).click();
    await panel.getByRole('status').filter({ hasText: 'Saved as a note on the account' }).waitFor();
    const notes = (await api<{ items: { kind: string; note: string | null }[] }>(laura, `/api/accounts/${target.id}/timeline?kind=note&limit=5`)).body.items;
    expect(notes.map((n) => n.note)).toContain(words);
  }, 120_000);

  it('speaks Finnish under fi-FI and follows a dark browser outside Teams', async () => {
    const page = await newPage({ locale: 'fi-FI', colorScheme: 'dark' });
    await page.goto(tab(laura));
    await page.getByRole('heading', { name: 'Asiakkaani' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Tänään' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('fi-FI');
    await expect.poll(() => page.getByText(/^\d+ asiakasta$/).count()).toBe(1);
    expect(await page.locator('[data-theme]').first().getAttribute('data-theme')).toBe('dark');
    await page.screenshot({ path: `${shots}/accounts-fi-dark.png` });
    await page.getByRole('tab', { name: 'Tänään' }).click();
    await page.waitForSelector('[data-action-type]');
    expect(await page.getByRole('heading', { name: 'Tänään' }).count()).toBe(1);
    await page.screenshot({ path: `${shots}/today-fi-dark.png`, fullPage: true });
    expect(await seriousViolations(page, 'today (fi, dark)')).toEqual([]);
  }, 120_000);

  it('collapses a colleague’s private run into one line; asked to share, the holder shares from Today and the rep reads it', async () => {
    // A key account where Laura sees a colleague's metadata-only items, and one such item with its holder.
    const db = new SQLite(suite.server.dataPath, { readonly: true });
    const held = db.prepare(`
      select ia.account_id as accountId, i.id as id, h.user_id as holderId, i.subject as subject
      from interactions i
      join interaction_accounts ia on ia.tenant_id = i.tenant_id and ia.interaction_id = i.id
      join accounts a on a.tenant_id = ia.tenant_id and a.id = ia.account_id
      join interaction_holders h on h.tenant_id = i.tenant_id and h.interaction_id = i.id
      where i.visibility = 'metadata' and i.deleted_at is null and i.subject is not null and a.tier = 'A'
        and not exists (select 1 from interaction_holders x where x.tenant_id = i.tenant_id and x.interaction_id = i.id and x.user_id = ?)
      order by i.occurred_at desc limit 1`).get(laura.id) as { accountId: string; id: string; holderId: string; subject: string } | undefined;
    db.close();
    expect(held).toBeTruthy();
    const holder = suite.users.find((u) => u.id === held!.holderId)!;
    const page = await newPage();
    await page.goto(tab(laura, { view: 'account', accountId: held!.accountId }));
    // The header's facts and actions.
    await page.getByTestId('open-pipeline').waitFor();
    for (const name of ['Log call', 'Add note', 'New opportunity', 'Follow up']) expect(await page.getByRole('button', { name }).count()).toBe(1);
    const group = page.locator('[data-testid=timeline] > li[data-interaction-ids]').filter({ has: page.locator('[data-private-group]') });
    await group.first().waitFor();
    // Scroll on until the item's group is on the page (it may be pages down).
    const mine = page.locator(`[data-testid=timeline] > li[data-interaction-ids~="${held!.id}"]`);
    for (let k = 0; k < 8 && (await mine.count()) === 0; k++) {
      await page.locator('[data-testid=timeline] > li').last().scrollIntoViewIfNeeded();
      await page.mouse.wheel(0, 5000);
      await page.waitForTimeout(800);
    }
    await mine.waitFor();
    const summary = await mine.getByRole('button').first().textContent();
    expect(summary).toMatch(/^\d+ (emails?|meetings?|calls?|chats?|notes?)|emails? between|meetings? between/);
    expect(await page.getByText('Contact happened; its content is private').count()).toBe(0);
    await mine.getByRole('button').first().click();
    expect(await mine.getByRole('button').first().getAttribute('aria-expanded')).toBe('true');
    await mine.locator(`li[data-interaction-id="${held!.id}"]`).getByRole('button', { name: /Ask .* to share|Ask to share/ }).click();
    await mine.locator(`li[data-interaction-id="${held!.id}"]`).getByRole('status').waitFor();
    await page.screenshot({ path: `${shots}/timeline-ask-to-share.png` });
    expect(await seriousViolations(page, 'account timeline with a private group')).toEqual([]);

    // The holder answers from Today.
    const today = await newPage();
    await today.goto(tab(holder, { view: 'today' }));
    const request = today.locator(`[data-share-request][data-interaction-id="${held!.id}"]`);
    await request.waitFor();
    expect(await request.textContent()).toContain(held!.subject);
    await request.getByRole('button', { name: 'Share with the account team' }).click();
    await request.getByRole('status').waitFor();
    expect(await request.getByRole('status').textContent()).toContain('Shared');
    await today.screenshot({ path: `${shots}/today-share-request.png` });

    // Laura reads it now.
    await page.goto(tab(laura, { view: 'account', accountId: held!.accountId, interactionId: held!.id }));
    const region = page.getByRole('region', { name: 'The item you opened' });
    await region.waitFor();
    expect(await region.textContent()).toContain(held!.subject);
    expect((await api<{ redacted: boolean }>(laura, `/api/interactions/${held!.id}`)).body.redacted).toBe(false);
  }, 180_000);

  it('shows a rep “Move to” disabled, with the reason, on a colleague’s deal', async () => {
    const all = (await api<{ items: { id: string; name: string; accountId: string; stage: string; can: { moveStage: { allowed: boolean } } }[] }>(laura, '/api/opportunities')).body.items;
    const theirs = all.find((o) => !o.can.moveStage.allowed && o.stage !== 'won' && o.stage !== 'lost')!;
    expect(theirs).toBeTruthy();
    const page = await newPage();
    await page.goto(tab(laura, { view: 'account', accountId: theirs.accountId }));
    await page.getByRole('tab', { name: 'Opportunities' }).click();
    const move = page.getByRole('button', { name: `Move ${theirs.name} to another stage` });
    await move.waitFor();
    expect(await move.getAttribute('aria-disabled')).toBe('true');
    expect(await page.locator(`[data-opportunity-id="${theirs.id}"]`).getAttribute('draggable')).toBe('false');
    await move.hover();
    const tip = page.getByRole('tooltip');
    await tip.waitFor();
    expect(await tip.textContent()).toContain('Only the deal’s owner, the account owner, a manager or an admin');
    await page.screenshot({ path: `${shots}/move-disabled.png` });
    // Clicking does nothing: no menu and no refusal after the fact.
    await move.click({ force: true });
    expect(await page.getByRole('menu').count()).toBe(0);
    expect(await page.locator('[role=alert]').count()).toBe(0);
  }, 120_000);

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

/** A made-up Teams app id: the deep link's app id plays no part in which page opens. */
const TEAMS_APP_ID = 'f46ad259-0fe5-4f12-872d-c737b174bcb4';

/** What Teams reads from an entity deep link: the tab (entityId) and the context's subEntityId it hands the tab. */
function openEntityDeepLink(link: string): { entityId: string; subEntityId: string; webUrl: string } {
  const url = new URL(link);
  const m = /^\/l\/entity\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  expect(url.origin).toBe('https://teams.microsoft.com');
  expect(m).toBeTruthy();
  return { entityId: decodeURIComponent(m![2]!), subEntityId: (JSON.parse(url.searchParams.get('context')!) as { subEntityId: string }).subEntityId, webUrl: url.searchParams.get('webUrl')! };
}

const hostPage = (q: Record<string, string>) => `${suite.server.base}/e2e/teams-host.html?${new URLSearchParams({ theme: 'default', ...q })}`;

async function simulatedTeams(): Promise<Page> {
  const page = await newPage();
  await page.context().route((url) => url.href.startsWith(`${suite.server.base}/e2e/teams-host.html`), (r) => r.fulfill({ contentType: 'text/html', body: SIMULATED_TEAMS_HOST }));
  return page;
}

async function frameOf(page: Page, path: string): Promise<Frame> {
  for (let i = 0; i < 150; i++) {
    const f = page.frames().find((x) => new URL(x.url(), 'http://x').pathname === path);
    if (f) {
      await f.waitForLoadState();
      return f;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no frame ${path}`);
}

function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+/g) ?? ['255', '255', '255']).slice(0, 3).map((x) => Number(x) / 255);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/**
 * A stand-in for the Teams client: it frames the page and answers teams-js's postMessage protocol as Teams does
 * (read from @microsoft/teams-js 2.x: requests {id, uuidAsString, func, args}, answers {id, uuidAsString, args},
 * host events {func, args}). Served on the product's own origin, which teams-js accepts as a host origin.
 * getContext answers the host's (legacy) context message, which teams-js maps onto app.Context: subEntityId ->
 * page.subPageId, chatId -> chat.id, meetingId -> meeting.id. ?width= narrows the frame (a side panel is ~320 px).
 */
const SIMULATED_TEAMS_HOST = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Simulated Teams</title>
<style>body{margin:0;font-family:system-ui}header{height:40px;background:#464775;color:#fff;display:flex;align-items:center;padding:0 12px}iframe{border:0;width:100%;height:calc(100vh - 40px)}</style></head>
<body><header>Simulated Microsoft Teams</header><iframe id="app" title="Suhde"></iframe><script>
const q = new URLSearchParams(location.search);
const frame = document.getElementById('app');
if (q.get('width')) frame.style.width = q.get('width') + 'px';
const runtime = { apiVersion: 4, isLegacyTeams: false, hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
  supports: { app: {}, appEntity: {}, calendar: {}, dialog: { card: {}, url: {} }, pages: { appButton: {}, backStack: {}, config: {}, currentApp: {}, tabs: {} }, teamsCore: {} } };
const host = window.host = { log: [], valid: null, settings: null, saveResult: null, theme: q.get('theme') };
const send = (msg) => frame.contentWindow.postMessage(msg, location.origin);
host.save = () => send({ func: 'settings.save', args: [{ webhookUrl: null }] });
host.setTheme = (t) => { host.theme = t; send({ func: 'themeChange', args: [t] }); };
window.addEventListener('message', (e) => {
  if (e.source !== frame.contentWindow || !e.data || typeof e.data.func !== 'string') return;
  const m = e.data;
  host.log.push(m.func);
  const reply = (args) => send({ id: m.id, uuidAsString: m.uuidAsString, args });
  switch (m.func) {
    case 'initialize': return reply([q.get('frameContext'), 'web', JSON.stringify(runtime), '2.58.0']);
    case 'getContext': return reply([{ locale: 'en-us', theme: host.theme, entityId: q.get('entityId') || undefined, subEntityId: q.get('subEntityId') || undefined,
      frameContext: q.get('frameContext'), hostName: 'Teams', hostClientType: 'web', userObjectId: 'eb97701c-94bf-42df-b2f1-1499c5f151b4', tid: '51f3c965-b66f-4974-b8a1-92b83c2744d2',
      ...(q.get('chatId') ? { chatId: q.get('chatId'), meetingId: q.get('meetingId') || undefined } : { channelId: '19:sales@thread.tacv2', teamId: '19:team@thread.tacv2' }),
      appSessionId: 's', sessionId: 's' }]);
    case 'settings.setValidityState': host.valid = m.args[0]; return;
    case 'settings.setSettings': host.settings = m.args[0]; return reply([true, null]);
    case 'settings.save.success': host.saveResult = 'success'; return;
    case 'settings.save.failure': host.saveResult = 'failure: ' + m.args[0]; return;
    default: return; // one-way notifications (registerHandler, appInitialization.*)
  }
});
frame.src = q.get('src');
</script></body></html>`;
