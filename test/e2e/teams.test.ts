// The Teams app end to end, in Chromium, against the running product (the README's product command on a fresh
// demo tenant): the account list and its tier filter, the timeline's pages, a stage move and the pipeline
// total, the dashboard's figures against our own SQL over the product's SQLite file, a rep kept out of the
// dashboard, the channel tab's configuration in a simulated Teams host speaking teams-js's postMessage
// protocol, Finnish, the dark theme, and axe-core. Screenshots go to test-artifacts/teams/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { startProductServer, demoToken, type ProductServer } from '../support/product-server.ts';
import { artifactDir, launchChromium } from '../support/chromium.ts';

interface DemoUser { id: string; displayName: string; role: string; team: string | null; email: string }

let server: ProductServer;
let browser: Browser;
let users: DemoUser[];
let laura: DemoUser;
let paivi: DemoUser;
const shots = artifactDir('teams');
const pageErrors: string[] = [];
const contexts: BrowserContext[] = [];

async function api<T = any>(who: DemoUser, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const { token } = await demoToken(server.base, (u) => u.id === who.id);
  const res = await fetch(`${server.base}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function newPage(opts: { locale?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: opts.locale ?? 'en-US', colorScheme: opts.colorScheme ?? 'light', timezoneId: 'Europe/Helsinki' });
  contexts.push(context);
  // teams-js fetches its list of valid host origins from Microsoft's CDN; there is no network here.
  await context.route('https://res.cdn.office.net/**', (r) => r.abort());
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  return page;
}

const tab = (who: DemoUser, q: Record<string, string> = {}) => `${server.base}/teams-app/index.html?${new URLSearchParams({ demoUser: who.id, ...q })}`;

async function seriousViolations(frame: Page | Frame, name: string) {
  await frame.addScriptTag({ path: new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname });
  // Fluent's focus manager (tabster) places aria-hidden <i tabindex=0> sentinels that hand focus on at once;
  // axe cannot know that and flags them as focusable-yet-hidden. Everything else is checked.
  const result = await frame.evaluate(async () => (window as any).axe.run({ include: [document], exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] }));
  const serious = (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return serious.map((v) => `${name}: ${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

beforeAll(async () => {
  server = await startProductServer();
  browser = await launchChromium();
  users = ((await (await fetch(`${server.base}/demo/users`)).json()) as { items: DemoUser[] }).items;
  laura = users.find((u) => u.displayName === 'Laura Mäkinen')!;
  paivi = users.find((u) => u.displayName === 'Päivi Laaksonen')!;
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe('Teams app in Chromium', () => {
  it('offers the demo sign-in, then lists the accounts and filters them by tier', async () => {
    const page = await newPage();
    await page.goto(`${server.base}/teams-app/index.html`);
    await page.getByRole('button', { name: /Laura Mäkinen/ }).click();
    await page.waitForSelector('tr[data-account-id]');
    const all = await api<{ total: number }>(laura, '/api/accounts?limit=1');
    await expect.poll(() => page.getByText(`${all.body.total} accounts`).count()).toBe(1);
    await page.screenshot({ path: `${shots}/accounts.png`, fullPage: true });

    await page.getByRole('combobox', { name: 'Tier' }).click();
    // Fluent's multiselect dropdown lists its choices as menu item checkboxes.
    await page.getByRole('menuitemcheckbox', { name: 'A – contract customer' }).click();
    await page.keyboard.press('Escape');
    const onlyA = await api<{ total: number; items: { id: string }[] }>(laura, '/api/accounts?tier=A&limit=200');
    await expect.poll(() => page.locator('tr[data-account-id]').count()).toBe(onlyA.body.total);
    const tiers = await page.locator('tr[data-account-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-tier')));
    expect(new Set(tiers)).toEqual(new Set(['A']));
    expect(await page.getByText(`${onlyA.body.total} accounts`).count()).toBe(1);
    await page.screenshot({ path: `${shots}/accounts-tier-a.png`, fullPage: true });
    expect(await seriousViolations(page, 'accounts')).toEqual([]);
  }, 120_000);

  it('pages through an account’s timeline as it scrolls, newest first, each item once', async () => {
    const db = new SQLite(server.dataPath, { readonly: true });
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
    expect(await page.locator('[data-testid=timeline] li').count()).toBe(25);
    await page.locator('[data-testid=timeline] li').last().scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 5000);
    await expect.poll(() => page.locator('[data-testid=timeline] li').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(50);
    const shown = await page.locator('[data-testid=timeline] li').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-interaction-id')));
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

    const db = new SQLite(server.dataPath, { readonly: true });
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
      for (const r of perRep) {
        const cells = await page.locator('[data-section=reps] tbody tr').filter({ has: page.getByRole('cell', { name: r.name, exact: true }) }).getByRole('cell').allTextContents();
        expect({ name: r.name, cells: cells.slice(1, 4).concat(cells[5]!) }).toEqual({ name: r.name, cells: [String(r.sent), String(r.received), String(r.meetings), String(r.calls)] });
      }

      const team = db.prepare('select id from users where tenant_id = ? and team = ?').all(tenant, d.team).map((x) => (x as { id: string }).id);
      const marks = team.map(() => '?').join(',');
      const stages = db.prepare(`select stage, count(*) as n, sum(value_cents) as v from opportunities
        where tenant_id = ? and owner_id in (${marks}) and deleted_at is null and currency = 'EUR' group by stage`).all(tenant, ...team) as { stage: string; n: number; v: number }[];
      const money = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(cents / 100);
      const label: Record<string, string> = { identified: 'Identified', contacted: 'Contacted', offer: 'Offer', negotiation: 'Negotiation', won: 'Won', lost: 'Lost' };
      for (const s of stages) {
        const cells = await page.locator('[data-section=pipeline] tbody tr').filter({ has: page.getByRole('cell', { name: label[s.stage], exact: true }) }).getByRole('cell').allTextContents();
        expect([s.stage, cells[1], cells[2]]).toEqual([s.stage, String(s.n), money(s.v)]);
      }

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

  it('configures a channel tab in a simulated Teams host, then shows that account in Teams’ dark theme', async () => {
    const page = await newPage();
    const hostUrl = `${server.base}/e2e/teams-host.html`;
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
      contentUrl: `${server.base}/teams-app/index.html?view=account&accountId=${target.id}`,
      websiteUrl: `${server.base}/teams-app/index.html?view=account&accountId=${target.id}`,
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

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

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
 */
const SIMULATED_TEAMS_HOST = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Simulated Teams</title>
<style>body{margin:0;font-family:system-ui}header{height:40px;background:#464775;color:#fff;display:flex;align-items:center;padding:0 12px}iframe{border:0;width:100%;height:calc(100vh - 40px)}</style></head>
<body><header>Simulated Microsoft Teams</header><iframe id="app" title="Suhde"></iframe><script>
const q = new URLSearchParams(location.search);
const frame = document.getElementById('app');
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
    case 'getContext': return reply([{ locale: 'en-us', theme: host.theme, entityId: q.get('entityId') || undefined, frameContext: q.get('frameContext'),
      hostName: 'Teams', hostClientType: 'web', userObjectId: 'eb97701c-94bf-42df-b2f1-1499c5f151b4', tid: '51f3c965-b66f-4974-b8a1-92b83c2744d2',
      channelId: '19:sales@thread.tacv2', teamId: '19:team@thread.tacv2', appSessionId: 's', sessionId: 's' }]);
    case 'settings.setValidityState': host.valid = m.args[0]; return;
    case 'settings.setSettings': host.settings = m.args[0]; return reply([true, null]);
    case 'settings.save.success': host.saveResult = 'success'; return;
    case 'settings.save.failure': host.saveResult = 'failure: ' + m.args[0]; return;
    default: return; // one-way notifications (registerHandler, appInitialization.*)
  }
});
frame.src = q.get('src');
</script></body></html>`;
