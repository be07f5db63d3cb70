// The body Graph POSTs to a webhook (a changeNotificationCollection), mapped to plain notifications.
// The webhook route checks clientState and queues the work; this only reads the documented shape:
// "Receive change notifications through webhooks" and "Reduce missing subscriptions and change notifications".
import type { ChangeNotification } from '@microsoft/microsoft-graph-types';
import { GraphPayloadError } from './graph-errors.ts';
import { asObject, optionalInstant, optionalString, requiredString } from './payload-readers.ts';

export const CHANGE_TYPES = ['created', 'updated', 'deleted'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const LIFECYCLE_EVENTS = ['reauthorizationRequired', 'subscriptionRemoved', 'missed'] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

interface NotificationBase {
  subscriptionId: string;
  /** Compare with the subscription's secret before trusting anything else here. */
  clientState: string | null;
  tenantId: string | null;
  subscriptionExpiresAt: number | null;
}

export interface ChangeNotice extends NotificationBase {
  kind: 'change';
  changeType: ChangeType;
  /** e.g. "Users/{user-id}/Messages/{message-id}". */
  resource: string;
  /** resourceData.id: the changed item's id (immutable when the subscription was created with the ImmutableId header). */
  resourceId: string | null;
}

export interface LifecycleNotice extends NotificationBase {
  kind: 'lifecycle';
  lifecycleEvent: LifecycleEvent;
}

export type GraphNotice = ChangeNotice | LifecycleNotice;

export function parseChangeNotifications(json: unknown): GraphNotice[] {
  const collection = asObject(json, 'notification collection');
  if (!Array.isArray(collection.value)) throw new GraphPayloadError('notification collection: "value" is not an array');
  return collection.value.map((raw: unknown, i): GraphNotice => {
    const n = asObject(raw, `notification ${i}`);
    const what = `notification ${i}`;
    const base: NotificationBase = {
      subscriptionId: requiredString(n, 'subscriptionId', what),
      clientState: optionalString(n, 'clientState', what),
      tenantId: optionalString(n, 'tenantId', what),
      subscriptionExpiresAt: optionalInstant(n, 'subscriptionExpirationDateTime', what),
    };
    const typed = n as ChangeNotification;
    if (typed.lifecycleEvent !== undefined && typed.lifecycleEvent !== null) {
      const event = LIFECYCLE_EVENTS.find((e) => e === typed.lifecycleEvent);
      if (!event) throw new GraphPayloadError(`${what}: unknown lifecycleEvent ${String(typed.lifecycleEvent)}`);
      return { kind: 'lifecycle', ...base, lifecycleEvent: event };
    }
    const changeType = CHANGE_TYPES.find((c) => c === typed.changeType);
    if (!changeType) throw new GraphPayloadError(`${what}: unknown changeType ${String(typed.changeType)}`);
    const data = n.resourceData === undefined || n.resourceData === null ? null : asObject(n.resourceData, `${what} resourceData`);
    return {
      kind: 'change',
      ...base,
      changeType,
      resource: requiredString(n, 'resource', what),
      resourceId: data ? optionalString(data, 'id', `${what} resourceData`) : null,
    };
  });
}
