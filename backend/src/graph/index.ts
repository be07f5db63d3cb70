// Suhde's Graph access: the only module that knows Microsoft Graph. Everything else imports from here.
export { createGraphClient, type GraphClient, type GraphClientOptions } from './graph-client.ts';
export {
  createTransport, systemClock, withImmutableIds, mailboxOfPath,
  GRAPH_BATCH_LIMIT, GRAPH_MAILBOX_CONCURRENCY, IMMUTABLE_ID_PREFERENCE,
  type BatchRequest, type BatchResponse, type GraphClock, type GraphTransport, type ThrottleEvent, type TransportOptions,
} from './transport.ts';
export type { DeltaMessagesOptions, MailDeltaSettings } from './mail-delta.ts';
export type { DeltaEventsOptions } from './calendar-delta.ts';
export {
  subscriptionResource, type GraphSubscription, type RenewalOutcome, type SubscriptionRequest, type WatchedCollection,
} from './subscriptions.ts';
export {
  parseDirectoryUser, parseProxyAddresses, parseVerifiedDomain, type DirectoryUser, type DirectoryUsersOptions, type VerifiedDomain,
} from './directory.ts';
export {
  DeltaExpiredError, GraphPayloadError, GraphRequestError, RETRYABLE_STATUSES, classifyFailure, errorCodes, failureBackoffMs, graphErrorFrom, type FailureClass,
} from './graph-errors.ts';
export { isRemoved, type RemovedEntry } from './is-removed.ts';
export {
  ATTENDEE_RESPONSES, ATTENDEE_TYPES, EVENT_TYPES, SENSITIVITIES,
  type AttendeeResponse, type AttendeeType, type CalendarAttendee, type CalendarItem, type CalendarItemType, type DeltaPage,
  type AddInProperties, type MailAddress, type MailItem, type Sensitivity, type UnreadableItem,
} from './items.ts';
export { GRAPH_ROOTS, type GraphCloud } from './national-clouds.ts';
export {
  CHANGE_TYPES, LIFECYCLE_EVENTS, parseChangeNotifications,
  type ChangeNotice, type ChangeType, type GraphNotice, type LifecycleEvent, type LifecycleNotice,
} from './parse-change-notifications.ts';
export { parseDateTimeTimeZone } from './parse-date-time-time-zone.ts';
export { parseGraphEvent } from './parse-graph-event.ts';
export { parseGraphMessage } from './parse-graph-message.ts';
export { ADD_IN_PROPERTIES_MAX_CHARS, parseAddInProperties } from './parse-add-in-properties.ts';
export { eventPath, messagePath } from './request-paths.ts';
export { backoffDelay, parseRetryAfter, type BackoffPolicy } from './retry-after.ts';
export {
  EVENT_SELECT, MESSAGE_EXPAND_SENSITIVITY, MESSAGE_SELECT, MESSAGE_SELECT_WITH_PREVIEW, PS_PUBLIC_STRINGS, SENSITIVITY_PROPERTY_ID,
  addInPropertyId, addInPropertyName, messageExpand, messageSelect,
} from './select-fields.ts';
export { KeyedSemaphore, Semaphore } from './semaphore.ts';
export { ACTIVITY_TYPES, previewOf, templatePlaceholders, type ActivityNotification, type ActivityType, type ActivityTypeDeclaration } from './activity-feed.ts';
export { teamsThreadIdOfJoinUrl } from './teams-join-url.ts';
