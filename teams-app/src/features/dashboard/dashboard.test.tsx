// @vitest-environment happy-dom
// The dashboard against the real API (app.request on a migrated SQLite database): the headline figures and the
// accounts behind one, the figures per tier and segment, idle people on one line, charts whose series stay
// distinct in high contrast, and Finnish month names and legends.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../../test/support/api-harness.ts';
import type { Db } from '../../../../backend/src/store/connect.ts';
import { createAccount } from '../../../../backend/src/store/accounts.ts';
import { createOpportunity, moveStage } from '../../../../backend/src/store/opportunities.ts';
import { addFeedback } from '../../../../backend/src/store/feedback.ts';
import type { InteractionInput } from '../../../../backend/src/store/interactions.ts';
import { mergeAndLoad as ingestInteractions } from '../../../../backend/src/use-cases/interactions/merge-interaction-copies.ts';
import { DEFAULT_TENANT_SETTINGS, type User as DomainUser } from '../../../../backend/src/domain/types.ts';
import { I18nProvider, createApiClient, createI18n } from '../../../../web-shared/src/index.ts';
import messages from '../../i18n/messages.ts';
import { ServicesProvider, type AppServices } from '../../app/services.tsx';
import type { Route } from '../../app/route.ts';
import type { TeamsHost } from '../../host/teams-host.ts';
import { DashboardView } from './dashboard-view.tsx';

const DAY = 86_400_000;
configure({ asyncUtilTimeout: 8000 });
let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
const ids: Record<string, string> = {};

beforeAll(async () => {
  Element.prototype.animate = () => {
    throw new Error('no animations under happy-dom');
  };
  ({ handle, dispose } = await testDatabases()[0]!.open());
  h = await apiHarness(handle);
  const s = h.a.scope;
  const rep = h.a.users.rep;
  const now = h.clock.now;
  const account = async (name: string, tier: 'A' | 'B', industry: string, region: string) =>
    (await createAccount(s, { name, domains: [], tier, lifecycle: 'customer', ownerId: rep.id, industry, size: null, region }, rep.id, now - 200 * DAY)).id;
  ids.kivi = await account('Kivi Oy', 'A', 'Construction', 'Uusimaa'); // never contacted: overdue
  ids.puu = await account('Puu Oy', 'B', 'Retail', 'Pirkanmaa'); // last contact 25 days ago: going cold
  const settings = DEFAULT_TENANT_SETTINGS;
  const opp = (accountId: string, name: string) =>
    createOpportunity(s, { accountId, name, stage: 'offer', value: name === 'Runko' ? 1_000_000 : 500_000, currency: 'EUR', lines: [], expectedCloseDate: null, ownerId: rep.id }, settings, rep.id, now - 60 * DAY);
  await opp(ids.kivi, 'Runko');
  await moveStage(s, (await opp(ids.puu, 'Hyllyt')).id, 'won', settings, rep.id, now - 5 * DAY);
  const item = (kind: InteractionInput['kind'], daysAgo: number): InteractionInput => ({
    kind, direction: kind === 'email' ? 'outbound' : null, occurredAt: now - daysAgo * DAY, subject: kind, snippet: null, note: null, durationMinutes: kind === 'call' ? 10 : null,
    opportunityId: null, source: 'sync', visibility: 'metadata', externalKey: `k:${kind}`, accountIds: [ids.puu!],
    participants: [{ role: 'from', address: rep.email, displayName: rep.displayName, userId: rep.id, contactId: null }, { role: 'to', address: 'ostot@puu.test', displayName: 'Puu', userId: null, contactId: null }],
    holders: [{ userId: rep.id, relation: 'holds', at: now }],
  });
  await ingestInteractions(s, [item('email', 25), item('chat', 26), item('call', 27), item('note', 28)], now - 24 * DAY);
  await addFeedback(s, { accountId: ids.puu, contactId: null, kind: 'nps', score: 8, comment: null, givenAt: now - 3 * DAY }, h.a.users.manager.id, now);
});
afterAll(async () => dispose());
afterEach(() => cleanup());

const asUser = (u: DomainUser) => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team });

function show(opts: { locale?: 'en-US' | 'fi-FI'; theme?: 'light' | 'contrast'; routes?: Route[] } = {}) {
  const u = h.a.users.manager;
  const api = createApiClient({
    baseUrl: 'http://127.0.0.1:8080',
    getToken: () => h.token(h.a, u),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch,
  });
  const services: AppServices = {
    api, me: asUser(u), colleagues: Object.values(h.a.users).map(asUser), host: {} as TeamsHost, now: () => h.clock.now,
    navigate: (r) => opts.routes?.push(r),
  };
  return render(
    <FluentProvider theme={webLightTheme} data-theme={opts.theme ?? 'light'}>
      <I18nProvider i18n={createI18n(opts.locale ?? 'en-US', [messages], 'Europe/Helsinki')}>
        <ServicesProvider value={services}><DashboardView /></ServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

const figure = (name: string) => document.querySelector(`[data-figure="${name}"]`) as HTMLButtonElement;

describe('Manager dashboard: headlines, tiers and segments, charts', () => {
  it('shows the headline figures and opens the accounts behind one', async () => {
    const routes: Route[] = [];
    show({ routes });
    await screen.findByRole('group', { name: 'Headline figures' });
    expect(figure('open').textContent).toBe('Open pipeline€10,0001 deal');
    expect(figure('won').textContent).toBe('Won in the period€5,0001 deal');
    expect(figure('lost').textContent).toContain('€0');
    expect(figure('overdue').textContent).toContain('1');
    expect(figure('goingCold').textContent).toContain('1');
    fireEvent.click(figure('overdue'));
    expect(figure('overdue').getAttribute('aria-expanded')).toBe('true');
    const behind = await screen.findByRole('table', { name: 'Accounts overdue on their care cadence' });
    fireEvent.click(within(behind).getByRole('button', { name: 'Kivi Oy' }));
    expect(routes).toEqual([{ view: 'account', accountId: ids.kivi }]);
    fireEvent.click(figure('goingCold'));
    expect(within(await screen.findByRole('table', { name: 'Accounts going cold' })).getByText('Puu Oy')).toBeTruthy();
    expect(location.search).toContain('figure=goingCold');
  });

  it('gives the figures per tier and per segment, and switches the segment', async () => {
    show();
    const tiers = await screen.findByRole('table', { name: 'Figures per tier' });
    const cells = (row: number) => within(within(tiers).getAllByRole('row')[row]!).getAllByRole('cell').map((c) => c.textContent);
    // Tier A: Kivi, the open offer, never contacted. Tier B: Puu, won in the period, email + chat + call (not the note), NPS 8.
    expect(cells(1).slice(1)).toEqual(['1', '€10,000 (1)', '€0 (0)', '0', '0 % (0 of 1)', '–', '–']);
    expect(cells(2).slice(1)).toEqual(['1', '€0 (0)', '€5,000 (1)', '3', '100 % (1 of 1)', '8 (1 answer)', '–']);
    expect(screen.getByRole('table', { name: 'Figures per segment (industry)' }).textContent).toContain('Construction');
    fireEvent.click(document.querySelector('[data-control="segment"]')!);
    fireEvent.click(await screen.findByRole('option', { name: 'Region' }));
    const regions = await screen.findByRole('table', { name: 'Figures per segment (region)' });
    expect(within(regions).getByText('Pirkanmaa')).toBeTruthy();
  });

  it('puts people with no activity on one line and leaves out an idle manager', async () => {
    show();
    const reps = await screen.findByRole('table', { name: 'Activity per salesperson' });
    expect(within(reps).getByText('Riikka Rep')).toBeTruthy();
    expect(within(reps).queryByText('Matti Manager')).toBeNull();
    expect(within(reps).queryByText('Ronja Rep')).toBeNull();
    expect(screen.getByTestId('idle-reps').textContent).toBe('1 person with no activity in the period: Ronja Rep');
  });

  it('draws each channel in its own colour and pattern in high contrast', async () => {
    show({ theme: 'contrast' });
    const chart = await screen.findByRole('img', { name: 'Activity per salesperson' });
    await waitFor(() => expect(chart.querySelectorAll('rect[stroke]').length).toBe(4)); // email, call, chat, note
    const fills = [...chart.querySelectorAll('rect[stroke]')].map((r) => `${r.getAttribute('fill')} ${r.getAttribute('stroke')}`);
    expect(new Set(fills).size).toBe(4);
    expect(fills[0]).toBe('#1AEBFF #1AEBFF');
  });

  it('speaks Finnish in the charts: months, week labels and legends', async () => {
    show({ locale: 'fi-FI' });
    const weekly = await screen.findByRole('img', { name: 'Viikoittainen kehitys' });
    const texts = [...weekly.querySelectorAll('text')].map((t) => t.textContent ?? '');
    expect(texts.some((t) => /^vk \d+$/.test(t))).toBe(true);
    expect(texts.filter((t) => /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/.test(t))).toEqual([]);
    expect(texts.some((t) => /^(syys|loka|marras|heinä|elo)/.test(t))).toBe(true);
    expect(screen.getAllByText('Lähetetyt sähköpostit').length).toBeGreaterThan(0);
  });
});
