// The directory: the organization's verified domains (which addresses are the customer's own) and its users'
// SMTP addresses (mail, userPrincipalName and the proxyAddresses aliases), read with paging.
import { GraphPayloadError } from './graph-errors.ts';
import { asObject } from './payload-readers.ts';
import type { GraphTransport } from './transport.ts';

/** "verifiedDomain resource type": one of the tenant's domains. */
export interface VerifiedDomain {
  /** e.g. contoso.com, lower-cased. */
  name: string;
  isDefault: boolean;
  /** The tenant's initial *.onmicrosoft.com domain. */
  isInitial: boolean;
  /** e.g. Managed, Federated. */
  type: string | null;
  /** e.g. "Email, OfficeCommunicationsOnline". */
  capabilities: string | null;
}

export interface DirectoryUser {
  id: string;
  userPrincipalName: string | null;
  /** The primary SMTP address as the directory has it, or null (a user without a mailbox). */
  mail: string | null;
  /** From proxyAddresses: "SMTP:" marks the primary address, "smtp:" the secondary ones (aliases). */
  primarySmtp: string | null;
  secondarySmtp: string[];
}

export interface DirectoryUsersOptions {
  /** Sent as $top (Graph allows 1 to 999 for users). Default: Graph's own (100). */
  pageSize?: number;
}

const USER_SELECT = ['id', 'mail', 'userPrincipalName', 'proxyAddresses'];

const text = (o: Record<string, unknown>, key: string): string | null => (typeof o[key] === 'string' && o[key] !== '' ? (o[key] as string) : null);

export function parseVerifiedDomain(json: unknown): VerifiedDomain {
  const d = asObject(json, 'verifiedDomain');
  const name = text(d, 'name');
  if (!name) throw new GraphPayloadError('verifiedDomain: name missing');
  return { name: name.toLowerCase(), isDefault: d.isDefault === true, isInitial: d.isInitial === true, type: text(d, 'type'), capabilities: text(d, 'capabilities') };
}

/** The SMTP entries of proxyAddresses; other address types (X500:, SIP:, ...) are not email addresses and are left out. */
export function parseProxyAddresses(values: unknown): { primary: string | null; secondary: string[] } {
  let primary: string | null = null;
  const secondary: string[] = [];
  for (const value of Array.isArray(values) ? values : []) {
    if (typeof value !== 'string') continue;
    const m = /^(smtp):\s*(\S+@\S+)\s*$/i.exec(value);
    if (!m) continue;
    // The prefix's case is the meaning: upper case is the primary address (Exchange's convention).
    if (m[1] === 'SMTP' && primary === null) primary = m[2]!;
    else secondary.push(m[2]!);
  }
  return { primary, secondary };
}

export function parseDirectoryUser(json: unknown): DirectoryUser {
  const u = asObject(json, 'user');
  const id = text(u, 'id');
  if (!id) throw new GraphPayloadError('user: id missing');
  const { primary, secondary } = parseProxyAddresses(u.proxyAddresses);
  return { id, userPrincipalName: text(u, 'userPrincipalName'), mail: text(u, 'mail'), primarySmtp: primary, secondarySmtp: secondary };
}

function readCollection(body: unknown, what: string): { value: unknown[]; nextLink: string | null } {
  const o = asObject(body, what);
  if (!Array.isArray(o.value)) throw new GraphPayloadError(`${what}: "value" is not an array`);
  return { value: o.value, nextLink: typeof o['@odata.nextLink'] === 'string' ? o['@odata.nextLink'] : null };
}

/** GET /organization?$select=verifiedDomains: the tenant's domains (one organization, read as the collection it is). */
export async function verifiedDomains(transport: GraphTransport): Promise<VerifiedDomain[]> {
  const { body } = await transport.call({ method: 'GET', url: `${transport.root}/organization?$select=verifiedDomains`, mailboxes: new Map(), delta: false });
  const { value } = readCollection(body, 'organization');
  return value.flatMap((org) => {
    const domains = asObject(org, 'organization').verifiedDomains;
    if (!Array.isArray(domains)) throw new GraphPayloadError('organization: "verifiedDomains" is not an array');
    return domains.map(parseVerifiedDomain);
  });
}

/** The directory's users with their addresses, a page at a time, following @odata.nextLink to the end. */
export async function* directoryUsers(transport: GraphTransport, opts: DirectoryUsersOptions = {}): AsyncGenerator<DirectoryUser[]> {
  const top = opts.pageSize ? `&$top=${Math.min(999, Math.max(1, Math.floor(opts.pageSize)))}` : '';
  let url: string | null = `${transport.root}/users?$select=${USER_SELECT.join(',')}${top}`;
  while (url !== null) {
    const { body } = await transport.call({ method: 'GET', url, mailboxes: new Map(), delta: false });
    const page = readCollection(body, 'users');
    yield page.value.map(parseDirectoryUser);
    url = page.nextLink === null ? null : transport.assertOwnLink(page.nextLink);
  }
}
