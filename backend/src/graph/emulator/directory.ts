// The emulator's directory: GET /organization (the tenant's verified domains, derived from the mailboxes it holds)
// and GET /users (mail, userPrincipalName, proxyAddresses), paged by @odata.nextLink as Graph pages users.
import { graphError, json, type EmulatorResponse } from './odata.ts';
import type { GraphStore, MailboxRecord } from './store.ts';

/** "List users": 100 a page unless $top asks for 1 to 999. */
const USERS_PAGE_SIZE = 100;
const USERS_MAX_TOP = 999;
/** What GET /users returns without $select (Graph's default set, less the properties the emulator has no value for). */
const USER_DEFAULT_SELECT = ['id', 'displayName', 'mail', 'userPrincipalName'];
const USER_PROPERTIES = [...USER_DEFAULT_SELECT, 'proxyAddresses'];

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

export function directoryUserJson(mailbox: MailboxRecord): Record<string, unknown> {
  return {
    id: mailbox.id,
    displayName: mailbox.displayName,
    mail: mailbox.userPrincipalName,
    userPrincipalName: mailbox.userPrincipalName,
    // Exchange's convention: upper-case SMTP: is the primary address, lower-case smtp: the aliases.
    proxyAddresses: [`SMTP:${mailbox.userPrincipalName}`, ...mailbox.aliases.map((a) => `smtp:${a}`)],
  };
}

/**
 * "verifiedDomain resource type", one per domain of the addresses the mailboxes hold, in the order first seen: the
 * first *.onmicrosoft.com one is the initial domain, the first other one the default (the initial one when alone).
 */
export function verifiedDomainsJson(store: GraphStore): Record<string, unknown>[] {
  const names: string[] = [];
  for (const m of store.listMailboxes()) {
    for (const address of [m.userPrincipalName, ...m.aliases]) if (!names.includes(domainOf(address))) names.push(domainOf(address));
  }
  const initial = names.find((n) => n.endsWith('.onmicrosoft.com')) ?? null;
  const byDefault = names.find((n) => n !== initial) ?? initial;
  return names.map((name) => ({
    capabilities: 'Email, OfficeCommunicationsOnline',
    isDefault: name === byDefault,
    isInitial: name === initial,
    name,
    type: 'Managed',
  }));
}

function pick(entity: Record<string, unknown>, select: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { id: entity.id };
  for (const key of select) out[key] = entity[key] ?? null;
  return out;
}

/** Resolves $select against an entity's properties, case-insensitively as Graph does; an unknown one is a 400. */
function selected(raw: string | undefined, known: string[], type: string): string[] | EmulatorResponse {
  if (raw === undefined) return known;
  const out: string[] = [];
  for (const name of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = known.find((k) => k.toLowerCase() === name.toLowerCase());
    if (!match) return graphError(400, 'Request_BadRequest', `Could not find a property named '${name}' on type 'microsoft.graph.${type}'.`);
    out.push(match);
  }
  return out;
}

export function getOrganization(store: GraphStore, root: string, tenantId: string, q: Map<string, string>): EmulatorResponse {
  const org: Record<string, unknown> = { id: tenantId, displayName: 'Emulated organization', verifiedDomains: verifiedDomainsJson(store) };
  const select = selected(q.get('$select'), ['id', 'displayName', 'verifiedDomains'], 'organization');
  if (!Array.isArray(select)) return select;
  return json(200, { '@odata.context': `${root}/$metadata#organization`, value: [pick(org, select)] });
}

export function listUsers(store: GraphStore, root: string, q: Map<string, string>): EmulatorResponse {
  const top = q.get('$top');
  if (top !== undefined && !(/^[1-9]\d*$/.test(top) && Number(top) <= USERS_MAX_TOP)) {
    return graphError(400, 'Request_BadRequest', `Invalid page size specified: '${top}'. Must be between 1 and ${USERS_MAX_TOP} inclusive.`);
  }
  const select = selected(q.get('$select'), USER_PROPERTIES, 'user');
  if (!Array.isArray(select)) return select;
  const fields = q.has('$select') ? select : USER_DEFAULT_SELECT;
  // The skip token carries the offset and the page size, so the next link needs nothing else (Graph's are opaque too).
  const skip = q.get('$skiptoken');
  let offset = 0;
  let size = top === undefined ? USERS_PAGE_SIZE : Number(top);
  if (skip !== undefined) {
    const m = /^(\d+)\.(\d+)$/.exec(Buffer.from(skip, 'base64url').toString('utf8'));
    if (!m) return graphError(400, 'Request_BadRequest', 'The specified page token value has expired and can no longer be included in your request.');
    offset = Number(m[1]);
    size = Number(m[2]);
  }
  const users = store.listMailboxes();
  const page = users.slice(offset, offset + size);
  const body: Record<string, unknown> = { '@odata.context': `${root}/$metadata#users(${fields.join(',')})`, value: page.map((m) => pick(directoryUserJson(m), fields)) };
  if (offset + size < users.length) {
    const token = Buffer.from(`${offset + size}.${size}`).toString('base64url');
    const params = new URLSearchParams();
    if (q.has('$select')) params.set('$select', q.get('$select')!);
    params.set('$top', String(size));
    params.set('$skiptoken', token);
    body['@odata.nextLink'] = `${root}/users?${params.toString().replace(/%24/g, '$').replace(/%2C/gi, ',')}`;
  }
  return json(200, body);
}
