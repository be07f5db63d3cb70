import { describe, expect, it } from 'vitest';
import { GraphPayloadError } from './graph-errors.ts';
import { parseGraphMessage } from './parse-graph-message.ts';

// Shaped like a page item of "Get incremental changes to messages in a folder" with Suhde's $select and $expand.
const recorded = {
  '@odata.type': '#microsoft.graph.message',
  '@odata.etag': 'W/"CQAAABYAAAARn2vdzPFjSbaPPxzjlzOTAAASsKZz"',
  id: 'AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AnMdP0zg8UUO9Yf',
  internetMessageId: '<AM6PR0502MB3800B2B1C6E3D9D8E5C8F1A0D2A99@AM6PR0502MB3800.eurprd05.prod.outlook.com>',
  conversationId: 'AAQkAGI2TG93AAA=',
  subject: 'Tarjous: huoltosopimus 2025',
  bodyPreview: 'Hei, liitteenä tarjous…',
  from: { emailAddress: { name: 'Aino Virtanen', address: 'Aino.Virtanen@Asiakas.fi' } },
  sender: { emailAddress: { name: 'Aino Virtanen', address: 'aino.virtanen@asiakas.fi' } },
  toRecipients: [
    { emailAddress: { name: 'Matti Myyjä', address: 'matti@suhde.example' } },
    { emailAddress: { name: 'No address' } },
  ],
  ccRecipients: [{ emailAddress: { name: '', address: 'tiimi@suhde.example' } }],
  sentDateTime: '2024-05-02T08:15:00Z',
  receivedDateTime: '2024-05-02T08:15:03Z',
  isDraft: false,
  parentFolderId: 'AQMkADNkNAAAgEMAAAA',
  singleValueExtendedProperties: [{ id: 'Integer 0x36', value: '0' }],
};

describe('parseGraphMessage', () => {
  it('maps a recorded delta item', () => {
    expect(parseGraphMessage(recorded)).toEqual({
      graphId: recorded.id,
      internetMessageId: recorded.internetMessageId,
      conversationId: 'AAQkAGI2TG93AAA=',
      subject: 'Tarjous: huoltosopimus 2025',
      bodyPreview: 'Hei, liitteenä tarjous…',
      from: { address: 'aino.virtanen@asiakas.fi', name: 'Aino Virtanen' },
      sender: { address: 'aino.virtanen@asiakas.fi', name: 'Aino Virtanen' },
      to: [{ address: 'matti@suhde.example', name: 'Matti Myyjä' }],
      cc: [{ address: 'tiimi@suhde.example', name: null }],
      sentAt: Date.parse('2024-05-02T08:15:00Z'),
      receivedAt: Date.parse('2024-05-02T08:15:03Z'),
      sensitivity: 'normal',
      isDraft: false,
      parentFolderId: 'AQMkADNkNAAAgEMAAAA',
      addInProperties: null,
    });
  });

  it('reads the add-in\'s custom properties (cecp-<id>) beside the sensitivity, whatever case Graph echoes the GUID in', () => {
    const addInId = '{5EED0000-0000-4000-8000-00000000ADE0}';
    const value = JSON.stringify({ suhdeLogIntent: '{"note":"n"}' });
    const props = [{ id: 'Integer 0x36', value: '0' }, { id: 'String {00020329-0000-0000-c000-000000000046} Name cecp-5eed0000-0000-4000-8000-00000000ade0', value }];
    const m = parseGraphMessage({ ...recorded, singleValueExtendedProperties: props }, addInId);
    expect(m.addInProperties).toEqual({ ok: true, values: { suhdeLogIntent: '{"note":"n"}' } });
    expect(m.sensitivity).toBe('normal');
    // Without the add-in id nothing is read; another add-in's properties are not Suhde's.
    expect(parseGraphMessage({ ...recorded, singleValueExtendedProperties: props }).addInProperties).toBeNull();
    expect(parseGraphMessage({ ...recorded, singleValueExtendedProperties: props }, '11111111-2222-3333-4444-555555555555').addInProperties).toBeNull();
  });

  it('reports a malformed or oversized custom properties value instead of failing the message', () => {
    const id = 'String {00020329-0000-0000-C000-000000000046} Name cecp-5eed0000-0000-4000-8000-00000000ade0';
    const read = (value: unknown) =>
      parseGraphMessage({ ...recorded, singleValueExtendedProperties: [{ id, value }] }, '5eed0000-0000-4000-8000-00000000ade0').addInProperties;
    expect(read('{not json')).toEqual({ ok: false, problem: 'the custom properties are not JSON' });
    expect(read('[1,2]')).toEqual({ ok: false, problem: 'the custom properties are not a JSON object' });
    expect(read(42)).toEqual({ ok: false, problem: 'the custom properties value is not a string' });
    expect(read(JSON.stringify({ suhdeLogIntent: 'x'.repeat(2500) }))).toMatchObject({ ok: false, problem: expect.stringContaining('2500') });
  });

  it('reads sensitivity from PidTagSensitivity in either id spelling', () => {
    const withValue = (id: string, value: string) => parseGraphMessage({ ...recorded, singleValueExtendedProperties: [{ id, value }] }).sensitivity;
    expect(withValue('Integer 0x36', '1')).toBe('personal');
    expect(withValue('Integer 0x0036', '2')).toBe('private');
    expect(withValue('integer 0x36', '3')).toBe('confidential');
  });

  it('treats an absent sensitivity property as normal and an unknown value as private', () => {
    const { singleValueExtendedProperties: _, ...noProperty } = recorded;
    expect(parseGraphMessage(noProperty).sensitivity).toBe('normal');
    expect(parseGraphMessage({ ...recorded, singleValueExtendedProperties: [] }).sensitivity).toBe('normal');
    expect(parseGraphMessage({ ...recorded, singleValueExtendedProperties: [{ id: 'Integer 0x36', value: '7' }] }).sensitivity).toBe('private');
  });

  it('maps a draft without sent time, preview or recipients', () => {
    const draft = parseGraphMessage({
      id: 'AAkALgAAdraft', receivedDateTime: '2024-05-03T10:00:00Z', sentDateTime: null, isDraft: true,
      subject: null, toRecipients: [], from: null, sender: null, internetMessageId: null,
    });
    expect(draft).toMatchObject({ sentAt: null, isDraft: true, bodyPreview: null, to: [], cc: [], from: null, subject: null, internetMessageId: null });
  });

  it('refuses payloads without id or receivedDateTime, or with a bad timestamp', () => {
    expect(() => parseGraphMessage({ ...recorded, id: undefined })).toThrow(GraphPayloadError);
    expect(() => parseGraphMessage({ ...recorded, receivedDateTime: undefined })).toThrow(GraphPayloadError);
    expect(() => parseGraphMessage({ ...recorded, sentDateTime: 'yesterday' })).toThrow(GraphPayloadError);
    expect(() => parseGraphMessage('message')).toThrow(GraphPayloadError);
  });
});
