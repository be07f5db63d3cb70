// One delta round, page by page: what mail-delta.ts and calendar-delta.ts share. Pages follow @odata.nextLink
// verbatim; the last page carries the @odata.deltaLink to store.
import { createHash } from 'node:crypto';
import { GraphPayloadError } from './graph-errors.ts';
import { isRemoved } from './is-removed.ts';
import type { DeltaPage, UnreadableItem } from './items.ts';
import { asObject } from './payload-readers.ts';
import type { GraphTransport } from './transport.ts';

/** What names an unreadable entry across rounds: its id when it has a usable one, else a hash of its JSON. */
function unreadable(entry: unknown, error: GraphPayloadError): UnreadableItem {
  const id = typeof entry === 'object' && entry !== null && typeof (entry as { id?: unknown }).id === 'string' ? (entry as { id: string }).id : '';
  const graphId = id !== '' && id.length <= 512 ? id : null;
  const fingerprint = graphId ?? `sha256:${createHash('sha256').update(JSON.stringify(entry) ?? 'undefined').digest('hex').slice(0, 32)}`;
  return { graphId, fingerprint, reason: error.message.slice(0, 300) };
}

/**
 * A delta page. An entry the parser refuses is set aside as unreadable and the rest of the page goes on: one
 * poison item must not hold back its page's other items, its removals and the cursor on every pass. Only the
 * page's own envelope (no value array, no link) fails the page.
 */
export function readDeltaPage<T>(body: unknown, parse: (json: unknown) => T): DeltaPage<T> {
  const o = asObject(body, 'delta response');
  if (!Array.isArray(o.value)) throw new GraphPayloadError('delta response: "value" is not an array');
  const items: T[] = [];
  const removedIds: string[] = [];
  const bad: UnreadableItem[] = [];
  for (const entry of o.value) {
    if (isRemoved(entry)) {
      removedIds.push(entry.id);
      continue;
    }
    try {
      items.push(parse(entry));
    } catch (error) {
      if (!(error instanceof GraphPayloadError)) throw error;
      bad.push(unreadable(entry, error));
    }
  }
  const nextLink = typeof o['@odata.nextLink'] === 'string' ? o['@odata.nextLink'] : null;
  const deltaLink = nextLink === null && typeof o['@odata.deltaLink'] === 'string' ? o['@odata.deltaLink'] : null;
  if (nextLink === null && deltaLink === null) {
    throw new GraphPayloadError('delta response has neither @odata.nextLink nor @odata.deltaLink');
  }
  return { items, removedIds, nextLink, deltaLink, unreadable: bad };
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
