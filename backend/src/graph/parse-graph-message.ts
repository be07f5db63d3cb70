// A Graph message (as selected by MESSAGE_SELECT) mapped to a MailItem.
import { SENSITIVITY_PROPERTY_ID } from './select-fields.ts';
import { GraphPayloadError } from './graph-errors.ts';
import type { MailItem, Sensitivity } from './items.ts';
import { parseAddInProperties } from './parse-add-in-properties.ts';
import {
  asObject, optionalBoolean, optionalInstant, optionalString, parseRecipient, parseRecipients, requiredString,
} from './payload-readers.ts';

const SENSITIVITY_BY_MAPI_VALUE: Record<string, Sensitivity> = { '0': 'normal', '1': 'personal', '2': 'private', '3': 'confidential' };

// Graph echoes the property id normalised ("Integer 0x0036" comes back as "Integer 0x36"): accept both spellings.
const SENSITIVITY_ID = new RegExp(`^${SENSITIVITY_PROPERTY_ID.split(' ')[0]}\\s+0x0*36$`, 'i');

/**
 * The message's sensitivity from its expanded PidTagSensitivity. An absent property is MAPI's default, normal.
 * A value Suhde does not know reads as private: a wrong guess must never capture personal mail.
 */
function messageSensitivity(properties: unknown): Sensitivity {
  if (properties === undefined || properties === null) return 'normal';
  if (!Array.isArray(properties)) throw new GraphPayloadError('message: singleValueExtendedProperties is not an array');
  const entry = properties.find((p) => typeof p?.id === 'string' && SENSITIVITY_ID.test(p.id)) as { value?: unknown } | undefined;
  if (!entry) return 'normal';
  return SENSITIVITY_BY_MAPI_VALUE[String(entry.value).trim()] ?? 'private';
}

/** `addInId`: the Outlook add-in whose custom properties were expanded (see messageExpand). */
export function parseGraphMessage(json: unknown, addInId: string | null = null): MailItem {
  const m = asObject(json, 'message');
  const what = `message ${typeof m.id === 'string' ? m.id : '(no id)'}`;
  const receivedAt = optionalInstant(m, 'receivedDateTime', what);
  if (receivedAt === null) throw new GraphPayloadError(`${what}: "receivedDateTime" is missing`);
  return {
    graphId: requiredString(m, 'id', 'message'),
    internetMessageId: optionalString(m, 'internetMessageId', what),
    conversationId: optionalString(m, 'conversationId', what),
    subject: optionalString(m, 'subject', what),
    bodyPreview: optionalString(m, 'bodyPreview', what),
    from: parseRecipient(m.from, `${what} from`),
    sender: parseRecipient(m.sender, `${what} sender`),
    to: parseRecipients(m.toRecipients, `${what} toRecipients`),
    cc: parseRecipients(m.ccRecipients, `${what} ccRecipients`),
    sentAt: optionalInstant(m, 'sentDateTime', what),
    receivedAt,
    sensitivity: messageSensitivity(m.singleValueExtendedProperties),
    isDraft: optionalBoolean(m, 'isDraft', what),
    parentFolderId: optionalString(m, 'parentFolderId', what),
    addInProperties: addInId ? parseAddInProperties(m.singleValueExtendedProperties, addInId) : null,
  };
}
