// Extended property ids as Graph reads them ("Outlook extended properties overview", id formats): a named
// property "{type} {guid} Name {name}" or "{type} {guid} Id {id}", or a proptag "{type} {tag}". The type keyword
// and the GUID compare case-insensitively, a string Name exactly ("Filtering the string name (Name) in the id of
// an extended property is case-sensitive"), and a proptag by its number (0x0036 is 0x36).
import { graphError, type EmulatorResponse } from './odata.ts';

/** The key an id is stored and matched under; null when it is no valid id. */
export function canonicalPropertyId(id: string): string | null {
  const tag = /^(\w+)\s+0x([0-9a-f]{1,8})$/i.exec(id.trim());
  if (tag) return `${tag[1]!.toLowerCase()} 0x${parseInt(tag[2]!, 16).toString(16)}`;
  const named = /^(\w+)\s+\{([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}\s+(name|id)\s+(\S.*)$/i.exec(id.trim());
  if (!named) return null;
  const kind = named[3]!.toLowerCase();
  const name = kind === 'id' ? `0x${parseInt(named[4]!.replace(/^0x/i, ''), 16).toString(16)}` : named[4]!.trim();
  return `${named[1]!.toLowerCase()} {${named[2]!.toLowerCase()}} ${kind} ${name}`;
}

/**
 * The id as Graph echoes it in singleValueExtendedProperties: the type capitalised, a proptag without leading
 * zeros ("Integer 0x36"), the GUID in lower case (as the examples of "Get singleValueLegacyExtendedProperty").
 */
export function echoedPropertyId(canonical: string): string {
  const [type, ...rest] = canonical.split(' ');
  const head = type!.charAt(0).toUpperCase() + type!.slice(1);
  if (rest.length === 1) return `${head} ${rest[0]}`;
  const [guid, kind, ...name] = rest;
  return `${head} ${guid} ${kind === 'name' ? 'Name' : 'Id'} ${name.join(' ')}`;
}

export function extendedPropertyMap(input: Record<string, string> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, value] of Object.entries(input ?? {})) {
    const key = canonicalPropertyId(id);
    if (!key) throw new Error(`not an extended property id: ${id}`);
    out.set(key, value);
  }
  return out;
}

/**
 * The ids of `singleValueExtendedProperties($filter=id eq '…')`, several joined by `or`; the 400 Graph answers
 * for anything else (Graph has no "expand every extended property").
 */
export function parseExtendedPropertyExpand(expand: string): string[] | EmulatorResponse {
  const m = /^singleValueExtendedProperties\(\s*\$filter\s*=\s*(.+)\)$/i.exec(expand.trim());
  const refused = graphError(400, 'RequestBroker--ParseUri', `Parsing OData Select and Expand failed: unsupported $expand '${expand}'.`);
  if (!m) return refused;
  const ids: string[] = [];
  for (const term of m[1]!.split(/\s+or\s+(?=(?:[^']*'[^']*')*[^']*$)/i)) {
    const t = /^\(?\s*id\s+eq\s+'([^']+)'\s*\)?$/i.exec(term.trim());
    if (!t) return refused;
    const key = canonicalPropertyId(t[1]!);
    if (!key) return graphError(400, 'ErrorInvalidExtendedProperty', 'The extended property attribute combination is invalid.');
    ids.push(key);
  }
  return ids;
}
