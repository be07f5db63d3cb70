// The API calls of the capture pane, through the typed client. Each returns plain data or throws ApiProblem /
// BackendUnreachable (web-shared); "not logged yet" is null, not an error.
import { ApiProblem, problemFromResponse, unwrap, type ApiClient, type Interaction } from '../../../../web-shared/src/index.ts';
import type { AppointmentRead, MessageRead } from '../../host/outlook-item.ts';
import type { ItemParticipant } from './item-participants.ts';
import { logRequest, type LogChoices } from './log-request.ts';
import { itemParticipants } from './item-participants.ts';
import { summarizeMatch } from './match-summary.ts';

export async function matchPeople(api: ApiClient, people: ItemParticipant[]) {
  if (people.length === 0) return { results: [], accounts: [], contacts: [] };
  return unwrap(api.match.$post({ json: { addresses: people.map((p) => ({ address: p.address, displayName: p.displayName })) } }));
}

export async function findLogged(api: ApiClient, item: MessageRead | AppointmentRead): Promise<Interaction | null> {
  let query: Record<string, string> | null = null;
  if (item.kind === 'message' && item.internetMessageId) query = { internetMessageId: item.internetMessageId };
  if (item.kind === 'appointment' && item.organizer && item.start !== null) {
    query = { organizer: item.organizer.address, start: String(item.start), subject: item.subject.slice(0, 500) };
  }
  if (!query) return null;
  try {
    return await unwrap(api.interactions.lookup.$get({ query }));
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 404) return null;
    throw e;
  }
}

export async function logItem(api: ApiClient, item: MessageRead | AppointmentRead, choices: LogChoices) {
  return unwrap(api.interactions.$post({ json: logRequest(item, choices) }));
}

export async function unlink(api: ApiClient, id: string): Promise<void> {
  const res = await api.interactions[':id'].$delete({ param: { id }, query: { reason: 'Unlinked in the Outlook add-in' } });
  if (!res.ok) throw await problemFromResponse(res as unknown as Response);
}

/** Below the fold: the account's deals and latest history. Its open pipeline comes with the match answer. */
export async function accountDetails(api: ApiClient, accountId: string) {
  const [opportunities, timeline] = await Promise.all([
    unwrap(api.accounts[':id'].opportunities.$get({ param: { id: accountId } })),
    unwrap(api.accounts[':id'].timeline.$get({ param: { id: accountId }, query: { limit: '5' } })),
  ]);
  return { opportunities: opportunities.items, timeline: timeline.items };
}

/** allowDuplicate: the person saw the likely-duplicate warning and creates it anyway. */
export async function createContact(api: ApiClient, input: { name: string; address: string; accountId: string | null; allowDuplicate?: boolean }) {
  return unwrap(api.contacts.$post({ json: { name: input.name, emails: [input.address], accountId: input.accountId, ...(input.allowDuplicate ? { allowDuplicate: true } : {}) } }));
}

/** allowDuplicate: the person saw the likely-duplicate warning and creates it anyway. */
export async function createAccount(api: ApiClient, input: { name: string; domain: string; tier: 'A' | 'B' | 'C' | 'D'; allowDuplicate?: boolean }) {
  return unwrap(api.accounts.$post({ json: { name: input.name, domains: [input.domain], tier: input.tier, ...(input.allowDuplicate ? { allowDuplicate: true } : {}) } }));
}

/** What the read pane shows first: who is on the item and whether it is logged. */
export async function loadCapture(api: ApiClient, item: MessageRead | AppointmentRead) {
  const [match, logged] = await Promise.all([matchPeople(api, itemParticipants(item)), findLogged(api, item)]);
  return { summary: summarizeMatch(match), logged };
}
export const captureKey = (item: MessageRead | AppointmentRead) => `capture:${item.itemId}`;

/** Who sees the whole email thread this item came in, from the caller's own mailbox (now and mail to come). */
export async function setThreadVisibility(api: ApiClient, id: string, visibility: 'private' | 'shared') {
  return unwrap(api.interactions[':id']['thread-visibility'].$put({ param: { id }, json: { visibility } }));
}
