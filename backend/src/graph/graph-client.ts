// The Graph client callers use: the transport (transport.ts) with every Graph surface Suhde reads bound to it.
import { deltaEvents, type DeltaEventsOptions } from './calendar-delta.ts';
import { directoryUsers, verifiedDomains, type DirectoryUser, type DirectoryUsersOptions, type VerifiedDomain } from './directory.ts';
import type { CalendarItem, DeltaPage, MailItem } from './items.ts';
import { deltaMessages, type DeltaMessagesOptions, type MailDeltaSettings } from './mail-delta.ts';
import {
  createSubscription, deleteSubscription, renewSubscription, renewSubscriptions,
  type GraphSubscription, type RenewalOutcome, type SubscriptionRequest,
} from './subscriptions.ts';
import { sendActivityNotification, type ActivityNotification } from './activity-feed.ts';
import { createTransport, type BatchRequest, type BatchResponse, type TransportOptions } from './transport.ts';

export type GraphClientOptions = TransportOptions & MailDeltaSettings;

export interface GraphClient {
  /** The version root requests go to, e.g. https://graph.microsoft.com/v1.0. */
  readonly root: string;
  /**
   * One delta round over a mail folder, page by page. Pass null for a full sync, or a stored @odata.deltaLink
   * (or, to resume a round, an @odata.nextLink). Pages follow @odata.nextLink only; the last page has the deltaLink.
   */
  deltaMessages(mailbox: string, folderId: string, deltaLinkOrNull: string | null, options?: DeltaMessagesOptions): AsyncGenerator<DeltaPage<MailItem>>;
  /** One delta round over the calendar view [start, end) (epoch ms), as deltaMessages. */
  deltaEvents(mailbox: string, window: { start: number; end: number }, deltaLinkOrNull: string | null, options?: DeltaEventsOptions): AsyncGenerator<DeltaPage<CalendarItem>>;
  /** Sends requests through $batch in groups of 20; answers in request order, throttled parts retried. */
  batch(requests: BatchRequest[]): Promise<BatchResponse[]>;
  createSubscription(request: SubscriptionRequest): Promise<GraphSubscription>;
  renewSubscription(id: string, expiresAt: number): Promise<GraphSubscription>;
  /** Renews many at once ($batch): one outcome per id, in order. */
  renewSubscriptions(ids: readonly string[], until: number): Promise<RenewalOutcome[]>;
  deleteSubscription(id: string): Promise<void>;
  /** The organization's verified domains. */
  verifiedDomains(): Promise<VerifiedDomain[]>;
  /** The directory's users with their SMTP addresses, a page at a time. */
  directoryUsers(options?: DirectoryUsersOptions): AsyncGenerator<DirectoryUser[]>;
  /** A Teams activity feed notification to one user (Entra object id or UPN). */
  sendActivityNotification(userId: string, notification: ActivityNotification): Promise<void>;
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const transport = createTransport(options);
  return {
    root: transport.root,
    deltaMessages: (mailbox, folderId, deltaLinkOrNull, opts) => deltaMessages(transport, options, mailbox, folderId, deltaLinkOrNull, opts),
    deltaEvents: (mailbox, window, deltaLinkOrNull, opts) => deltaEvents(transport, mailbox, window, deltaLinkOrNull, opts),
    batch: (requests) => transport.batch(requests),
    createSubscription: (request) => createSubscription(transport, request),
    renewSubscription: (id, expiresAt) => renewSubscription(transport, id, expiresAt),
    renewSubscriptions: (ids, until) => renewSubscriptions(transport, ids, until),
    deleteSubscription: (id) => deleteSubscription(transport, id),
    verifiedDomains: () => verifiedDomains(transport),
    directoryUsers: (opts) => directoryUsers(transport, opts),
    sendActivityNotification: (userId, notification) => sendActivityNotification(transport, userId, notification),
  };
}
