// An Office add-in's custom properties on a message, as Graph returns the named property that holds them.
// Wire format, "[MS-OXCEXT] 2.2.5 Mail App Custom Properties": one PtypString named property in PS_PUBLIC_STRINGS
// named cecp-<add-in id>, whose value is a JSON object of name -> value, "limited to a maximum of 2,500 characters".
// Never throws: whatever is wrong with the property is reported, and the message is read without it.
import type { AddInProperties } from './items.ts';
import { PS_PUBLIC_STRINGS, addInPropertyName } from './select-fields.ts';

export const ADD_IN_PROPERTIES_MAX_CHARS = 2500;

// Graph may echo the GUID in another case than asked: the type keyword and GUID compare case-insensitively.
const NAMED_STRING = new RegExp(`^String\\s+${PS_PUBLIC_STRINGS.replace(/[{}]/g, '\\$&')}\\s+Name\\s+(\\S+)$`, 'i');

/** The add-in's properties among a message's expanded singleValueExtendedProperties; null when it has none. */
export function parseAddInProperties(properties: unknown, addInId: string): AddInProperties | null {
  if (!Array.isArray(properties)) return null;
  const name = addInPropertyName(addInId);
  const entry = properties.find((p) => {
    const m = typeof p?.id === 'string' ? NAMED_STRING.exec(p.id.trim()) : null;
    return m !== null && m[1]!.toLowerCase() === name;
  }) as { value?: unknown } | undefined;
  if (!entry) return null;
  const raw = entry.value;
  if (typeof raw !== 'string') return { ok: false, problem: 'the custom properties value is not a string' };
  if (raw.length > ADD_IN_PROPERTIES_MAX_CHARS) return { ok: false, problem: `the custom properties are longer than ${ADD_IN_PROPERTIES_MAX_CHARS} characters` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, problem: 'the custom properties are not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, problem: 'the custom properties are not a JSON object' };
  return { ok: true, values: parsed as Record<string, unknown> };
}
