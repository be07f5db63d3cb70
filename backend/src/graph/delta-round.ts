// One delta round, page by page: what mail-delta.ts and calendar-delta.ts share. Pages follow @odata.nextLink
// verbatim; the last page carries the @odata.deltaLink to store.
import { GraphPayloadError } from './graph-errors.ts';
import { isRemoved } from './is-removed.ts';
import type { DeltaPage } from './items.ts';
import { asObject } from './payload-readers.ts';
import type { GraphTransport } from './transport.ts';

export function readDeltaPage<T>(body: unknown, parse: (json: unknown) => T): DeltaPage<T> {
  const o = asObject(body, 'delta response');
  if (!Array.isArray(o.value)) throw new GraphPayloadError('delta response: "value" is not an array');
  const items: T[] = [];
  const removedIds: string[] = [];
  for (const entry of o.value) {
    if (isRemoved(entry)) removedIds.push(entry.id);
    else items.push(parse(entry));
  }
  const nextLink = typeof o['@odata.nextLink'] === 'string' ? o['@odata.nextLink'] : null;
  const deltaLink = nextLink === null && typeof o['@odata.deltaLink'] === 'string' ? o['@odata.deltaLink'] : null;
  if (nextLink === null && deltaLink === null) {
    throw new GraphPayloadError('delta response has neither @odata.nextLink nor @odata.deltaLink');
  }
  return { items, removedIds, nextLink, deltaLink };
}

/** The path segment of a mailbox, folder or item id. */
export const segment = (value: string) => encodeURIComponent(value);

export async function* deltaRound<T>(
  transport: GraphTransport, mailbox: string, firstUrl: string, pageSize: number | undefined, parse: (json: unknown) => T,
): AsyncGenerator<DeltaPage<T>> {
  // odata.maxpagesize is a header, not part of the links, so it goes on every request of the round.
  const prefer = pageSize ? `odata.maxpagesize=${Math.max(1, Math.floor(pageSize))}` : undefined;
  const mailboxes = new Map([[mailbox.toLowerCase(), 1]]);
  let url: string | null = firstUrl;
  while (url !== null) {
    const { body } = await transport.call({ method: 'GET', url, mailboxes, prefer, delta: true });
    const page: DeltaPage<T> = readDeltaPage(body, parse);
    yield page;
    url = page.nextLink === null ? null : transport.assertOwnLink(page.nextLink);
  }
}
