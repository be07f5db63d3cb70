// @vitest-environment happy-dom
// The meeting panel's business-review mark against the real API (app.request on a migrated SQLite database): a
// holder marks the meeting and the account's care plan counts it, "by subject" hands the decision back, Finnish
// labels, and a colleague who may not change the meeting does not get the control.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { testDatabases } from '../../../../test/support/test-databases.ts';
import { apiHarness, type Harness } from '../../../../test/support/api-harness.ts';
import type { Db } from '../../../../backend/src/store/connect.ts';
import { mergeAndLoad as ingestInteractions } from '../../../../backend/src/use-cases/interactions/merge-interaction-copies.ts';
import { recordMeetingThreads } from '../../../../backend/src/store/meeting-threads.ts';
import { I18nProvider, createApiClient, createI18n, type User } from '../../../../web-shared/src/index.ts';
import messages from '../../i18n/messages.ts';
import { ServicesProvider, type AppServices } from '../../app/services.tsx';
import type { TeamsHost } from '../../host/teams-host.ts';
import { MeetingPanel } from './meeting-panel.tsx';

configure({ asyncUtilTimeout: 8000 });
let handle: Db;
let dispose: () => Promise<void>;
let h: Harness;
let accountId: string;
let meetingId: string;
const chatId = '19:meeting_YnVzaW5lc3MtcmV2aWV3@thread.v2';

beforeAll(async () => {
  Element.prototype.animate = () => {
    throw new Error('no animations under happy-dom');
  };
  ({ handle, dispose } = await testDatabases()[0]!.open());
  h = await apiHarness(handle);
  const rp = h.a.users.rep;
  accountId = (await h.call('POST', '/api/accounts', { as: [h.a, rp], body: { name: 'Katsaus Rakennus Oy', domains: ['katsaus-rakennus.fi'], tier: 'B' } })).body.id;
  const [m] = await ingestInteractions(h.a.scope, [{
    kind: 'meeting', direction: 'outbound', occurredAt: h.clock.now - 10 * 60_000, subject: 'Vuosipalaveri', snippet: null, note: null, durationMinutes: 60,
    opportunityId: null, source: 'sync', visibility: 'metadata', externalKey: 'ical:business-review-mark', accountIds: [accountId],
    participants: [
      { role: 'organizer', address: rp.email, displayName: rp.displayName, userId: rp.id, contactId: null },
      { role: 'attendee', address: 'tiina@katsaus-rakennus.fi', displayName: 'Tiina', userId: null, contactId: null },
    ],
    holders: [{ userId: rp.id, relation: 'holds', at: h.clock.now }],
  }], h.clock.now);
  meetingId = m!.interaction.id;
  await recordMeetingThreads(h.a.scope, [{ threadId: chatId, interactionId: meetingId }], h.clock.now);
});
afterAll(async () => dispose());
afterEach(() => cleanup());

const asUser = (u: Harness['a']['users']['rep']): User => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, team: u.team });
const host = {
  context: { hosted: true, locale: 'en-us', theme: 'default' as const, entityId: null, subEntityId: null, frameContext: 'content', userObjectId: null, tenantId: null, loginHint: null, meetingId: null, chatId, channelId: null, hostName: 'Teams' },
  onThemeChange: () => {}, notifyLoaded: () => {}, supportsNestedAppAuth: () => false, getAuthToken: async () => 'x', openLink: async () => {}, composeMeeting: async () => false,
  config: { setValid: () => {}, onSave: () => {} },
} as unknown as TeamsHost;

function show(node: ReactNode, opts: { user?: Harness['a']['users']['rep']; locale?: 'en-US' | 'fi-FI' } = {}) {
  const u = opts.user ?? h.a.users.rep;
  const api = createApiClient({
    baseUrl: 'http://127.0.0.1:8080', getToken: () => h.token(h.a, u),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => h.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch,
  });
  const services: AppServices = { api, me: asUser(u), colleagues: Object.values(h.a.users).map(asUser), host, now: () => h.clock.now, navigate: () => {} };
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider i18n={createI18n(opts.locale ?? 'en-US', [messages], 'Europe/Helsinki')}>
        <ServicesProvider value={services}>{node}</ServicesProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

const reviewItem = async () => (await h.call('GET', `/api/accounts/${accountId}`, { as: [h.a, h.a.users.rep] })).body.carePlan.items.find((i: { item: string }) => i.item === 'businessReview');

describe('business review mark in the meeting panel', () => {
  it('marks the meeting a business review, the care plan counts it, and "by subject" hands the decision back', async () => {
    show(<MeetingPanel chatId={chatId} />);
    const select = (await screen.findByLabelText('Business review')) as HTMLSelectElement;
    expect(select.value).toBe('subject');
    expect((await reviewItem()).done).toBe(0);
    fireEvent.change(select, { target: { value: 'yes' } });
    expect(await screen.findByText('Saved: the care plan counts it so.')).toBeTruthy();
    await waitFor(() => expect((screen.getByLabelText('Business review') as HTMLSelectElement).value).toBe('yes'));
    expect((await reviewItem()).done).toBe(1);
    fireEvent.change(screen.getByLabelText('Business review'), { target: { value: 'subject' } });
    await waitFor(async () => expect((await reviewItem()).done).toBe(0));
    const row = await handle.db.selectFrom('interactions').select('business_review').where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(row.business_review).toBeNull();
  });

  it('speaks Finnish', async () => {
    show(<MeetingPanel chatId={chatId} />, { locale: 'fi-FI' });
    const select = await screen.findByLabelText('Liiketoimintakatsaus');
    expect([...(select as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([
      'Päätellään aiheesta (QBR, liiketoimintakatsaus)', 'Kyllä, liiketoimintakatsaus', 'Ei liiketoimintakatsaus',
    ]);
  });

  it('is not offered to a colleague who sees only that the meeting happened', async () => {
    show(<MeetingPanel chatId={chatId} />, { user: h.a.users.rep2 });
    await screen.findByText(/^Meeting: /);
    expect(screen.queryByLabelText('Business review')).toBeNull();
  });
});
