import { describe, expect, it } from 'vitest';
import { GraphPayloadError } from './graph-errors.ts';
import { parseChangeNotifications } from './parse-change-notifications.ts';

describe('parseChangeNotifications', () => {
  it('reads a change notification as documented for webhooks', () => {
    const body = {
      value: [
        {
          id: 'lsgTZMr9KwAAA',
          subscriptionId: '7f105c7d-2dc5-4530-97cd-4e7ae6534c07',
          subscriptionExpirationDateTime: '2016-03-19T22:11:09.952Z',
          clientState: 'secretClientValue',
          changeType: 'created',
          resource: 'users/{user_guid}@{tenant_guid}/messages/{long_id_string}',
          tenantId: '84bd8158-6d4d-4958-8b9f-9d6445542f95',
          resourceData: {
            '@odata.type': '#Microsoft.Graph.Message',
            '@odata.id': 'Users/{user_guid}@{tenant_guid}/Messages/{long_id_string}',
            '@odata.etag': 'W/"CQAAABYAAADkrWGo7bouTKlsgTZMr9KwAAAUWRHf"',
            id: '{long_id_string}',
          },
        },
      ],
    };
    expect(parseChangeNotifications(body)).toEqual([
      {
        kind: 'change', subscriptionId: '7f105c7d-2dc5-4530-97cd-4e7ae6534c07', clientState: 'secretClientValue',
        tenantId: '84bd8158-6d4d-4958-8b9f-9d6445542f95', subscriptionExpiresAt: Date.parse('2016-03-19T22:11:09.952Z'),
        changeType: 'created', resource: 'users/{user_guid}@{tenant_guid}/messages/{long_id_string}', resourceId: '{long_id_string}',
      },
    ]);
  });

  it('reads lifecycle notifications', () => {
    const body = {
      value: ['reauthorizationRequired', 'subscriptionRemoved', 'missed'].map((lifecycleEvent) => ({
        subscriptionId: 's1', subscriptionExpirationDateTime: '2019-03-20T11:00:00.0000000Z', tenantId: 't', clientState: 'c', lifecycleEvent,
      })),
    };
    expect(parseChangeNotifications(body).map((n) => (n.kind === 'lifecycle' ? n.lifecycleEvent : n.kind))).toEqual([
      'reauthorizationRequired', 'subscriptionRemoved', 'missed',
    ]);
  });

  it('refuses bodies that are not a notification collection', () => {
    expect(() => parseChangeNotifications({})).toThrow(GraphPayloadError);
    expect(() => parseChangeNotifications({ value: [{ subscriptionId: 's', changeType: 'moved', resource: 'r' }] })).toThrow(GraphPayloadError);
    expect(() => parseChangeNotifications({ value: [{ changeType: 'created', resource: 'r' }] })).toThrow(GraphPayloadError);
  });
});
