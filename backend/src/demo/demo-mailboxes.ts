// The demo's email and meeting history arrives the way a customer's would: the generated mail and meetings are
// put into each demo colleague's mailbox and calendar in the Graph emulator (a real HTTP server speaking Graph's
// wire format), and the real sync engine reads them through the Graph client. Calls, notes, chats, what the
// add-in logged and private threads are seeded directly, as people entered them.
import type { Interaction, User } from '../domain/types.ts';
import type { Db } from '../store/connect.ts';
import { tenantScope } from '../store/scope.ts';
import { insertMailbox } from '../store/mailboxes.ts';
import { createGraphClient, type GraphClient } from '../graph/index.ts';
import { staticTokenProvider } from '../graph/token-providers.ts';
import { DEMO_ADDIN_ID } from '../config.ts';
// Types only: the emulator itself is loaded by import() below, so only a demo start ever loads it.
import type { GraphEmulator } from '../graph/emulator/index.ts';
import type { JobQueue } from '../sync/job-queue.ts';
import { createSyncService, type SyncService } from '../sync/sync-service.ts';
import { mailboxStreams } from '../sync/streams.ts';

/** Email and meetings the sync engine finds in colleagues' mailboxes (threads their owner made private aside). */
export function inMailboxes(i: Interaction): boolean {
  return (i.kind === 'email' || i.kind === 'meeting') && i.externalKey !== null && i.visibility !== 'private';
}

/** What people entered: calls, notes, chats, private threads, and what the add-in logged (also in mailboxes, so the sync merges into it). */
export function enteredByHand(i: Interaction): boolean {
  return !inMailboxes(i) || i.source === 'addin';
}

/** Puts one generated email or meeting into the mailbox or calendar of every colleague who holds it. */
function loadIntoMailboxes(emulator: GraphEmulator, i: Interaction, users: Map<string, User>): void {
  const holders = [...new Set(i.holders.filter((h) => h.relation === 'holds').map((h) => h.userId))].map((id) => users.get(id)).filter((u): u is User => !!u);
  const addr = (p: { address: string; displayName: string | null }) => ({ address: p.address, name: p.displayName });
  if (i.kind === 'email') {
    const from = i.participants.find((p) => p.role === 'from') ?? null;
    const message = {
      subject: i.subject,
      from: from ? addr(from) : null,
      to: i.participants.filter((p) => p.role === 'to').map(addr),
      cc: i.participants.filter((p) => p.role === 'cc').map(addr),
      sentAt: i.occurredAt,
      receivedAt: i.occurredAt + 2000,
      bodyPreview: i.snippet ?? '',
      internetMessageId: `<${i.externalKey!.replace(/^msgid:/, '')}>`,
    };
    for (const u of holders) emulator.store.addMessage(u.email, { ...message, folder: from?.userId === u.id ? 'sentitems' : 'inbox' });
  } else {
    const organizer = i.participants.find((p) => p.role === 'organizer') ?? null;
    const event = {
      subject: i.subject,
      start: i.occurredAt,
      end: i.occurredAt + (i.durationMinutes ?? 30) * 60_000,
      organizer: organizer ? addr(organizer) : null,
      attendees: i.participants.filter((p) => p.role === 'attendee').map((p) => ({ address: p.address, name: p.displayName, type: 'required' as const })),
      // A Teams meeting: the emulator gives it a meeting chat and writes onlineMeeting.joinUrl with that thread,
      // the same in every holder's calendar, so the sync links the chat to the meeting (the side panel's lookup).
      isOnlineMeeting: (i.snippet ?? '').toLowerCase().includes('teams'),
      iCalUId: i.externalKey!.replace(/^ical:/, ''),
    };
    for (const u of holders) emulator.store.addEvent(u.email, event);
  }
}

export interface DemoGraph {
  emulator: GraphEmulator;
  graph: GraphClient;
  sync: SyncService;
  stop(): Promise<void>;
}

/** Enables sync of each colleague's mailbox, a year back as the generated history goes. */
export async function enableDemoMailboxes(handle: Db, tenantId: string, users: User[], now: number) {
  const scope = tenantScope(handle, tenantId);
  const mailboxes = [];
  for (const u of users) {
    mailboxes.push(await insertMailbox(scope, { id: `demo-${u.id}`, userId: u.id, address: u.email, windowBackDays: 400, windowAheadDays: 90 }, now));
  }
  return mailboxes;
}

/**
 * Starts the emulator with the demo's mailboxes, enables their sync and runs the first passes to the end through
 * `queue` (the store's: pg-boss on PostgreSQL, as in production), so the demo opens with its history in place.
 */
export async function syncDemoMailboxes(
  handle: Db, tenantId: string, users: User[], interactions: Iterable<Interaction>, now: number, queue: JobQueue,
): Promise<DemoGraph & { counts: { messages: number; events: number; stored: number } }> {
  const { startGraphEmulator } = await import('../graph/emulator/index.ts');
  const emulator = await startGraphEmulator({ defaultPageSize: 100 });
  const byId = new Map(users.map((u) => [u.id, u]));
  for (const u of users) {
    // Its id is the user's object id, as in Graph, so the directory's addresses find their user.
    const mailbox = emulator.store.addMailbox({ userPrincipalName: u.email, displayName: u.displayName, id: u.entraObjectId });
    // Each colleague's second address at the tenant's initial domain, as in a real Microsoft 365 tenant: the
    // directory read below makes it internal too.
    const [local, domain] = u.email.split('@') as [string, string];
    emulator.store.addAlias(mailbox.id, `${local}@${domain.split('.')[0]}.onmicrosoft.com`);
  }
  let messages = 0;
  let events = 0;
  for (const i of interactions) {
    if (!inMailboxes(i)) continue;
    loadIntoMailboxes(emulator, i, byId);
    if (i.kind === 'email') messages++;
    else events++;
  }
  const mailboxes = await enableDemoMailboxes(handle, tenantId, users, now);
  const graph = createGraphClient({ baseUrl: `${emulator.url}/v1.0`, authProvider: staticTokenProvider('demo-graph-token', emulator.url), addInId: DEMO_ADDIN_ID });
  let stored = 0;
  const sync = createSyncService({
    handle, graphFor: () => graph, queue, notificationBaseUrl: null, pageSize: 100, pollIntervalMs: 0, log: () => {},
    onPass: (r) => (stored += r.stored),
  });
  await queue.start(sync.runJob);
  // The directory before the first passes, as the running sync does (refresh-directories.ts).
  await sync.refreshDirectories();
  for (const m of mailboxes) for (const stream of mailboxStreams(m.folders)) await queue.enqueue({ tenantId, mailboxId: m.id, stream });
  await queue.idle();
  return {
    emulator, graph, sync, counts: { messages, events, stored },
    stop: async () => {
      await sync.stop();
      await emulator.stop();
    },
  };
}
