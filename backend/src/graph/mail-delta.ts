// Mail delta: one round over a mail folder's messages, with the add-in's custom properties when Graph allows them.
import { DeltaExpiredError, GraphRequestError } from './graph-errors.ts';
import type { DeltaPage, MailItem } from './items.ts';
import { deltaRound, segment } from './delta-round.ts';
import { parseGraphMessage } from './parse-graph-message.ts';
import { MESSAGE_SELECT, messageExpand } from './select-fields.ts';
import type { GraphTransport } from './transport.ts';

export interface DeltaMessagesOptions {
  /** Default MESSAGE_SELECT; use messageSelect(settings.storeSnippets). */
  select?: readonly string[];
  /** Sent as Prefer: odata.maxpagesize on every request of the round. */
  pageSize?: number;
}

export interface MailDeltaSettings {
  /**
   * Suhde's Outlook add-in id (the manifest's id): messages are read with its custom properties (MS-OXCEXT
   * cecp-<id>), which carry "log this email when sent". Unset, they are not asked for.
   */
  addInId?: string | null;
  /** Told when Graph refused the add-in's properties in a round's $expand (the round went on without them). */
  onAddInPropertiesRefused?: (event: { mailbox: string; error: GraphRequestError }) => void;
}

/**
 * One delta round over a mail folder, page by page. Pass null for a full sync, or a stored @odata.deltaLink
 * (or, to resume a round, an @odata.nextLink).
 */
export async function* deltaMessages(
  transport: GraphTransport, settings: MailDeltaSettings,
  mailbox: string, folderId: string, deltaLinkOrNull: string | null, opts: DeltaMessagesOptions = {},
): AsyncGenerator<DeltaPage<MailItem>> {
  const addInId = settings.addInId ?? null;
  const select = (opts.select ?? MESSAGE_SELECT).map(encodeURIComponent).join(',');
  const parse = (json: unknown) => parseGraphMessage(json, addInId);
  if (deltaLinkOrNull !== null) {
    yield* deltaRound(transport, mailbox, transport.assertOwnLink(deltaLinkOrNull), opts.pageSize, parse);
    return;
  }
  const firstUrl = (expand: string) =>
    `${transport.root}/users/${segment(mailbox)}/mailFolders/${segment(folderId)}/messages/delta?$select=${select}&$expand=${encodeURIComponent(expand)}`;
  const round = deltaRound(transport, mailbox, firstUrl(messageExpand(addInId)), opts.pageSize, parse);
  if (!addInId) {
    yield* round;
    return;
  }
  // Graph documents one `id eq` per expansion; joining two with `or` is what Suhde relies on to read the add-in's
  // properties. Should Graph refuse the first request of a round (400), the round goes on with the sensitivity
  // alone: mail keeps flowing, only "log this email when sent" waits for the sent copy to be opened.
  let first: IteratorResult<DeltaPage<MailItem>>;
  try {
    first = await round.next();
  } catch (error) {
    if (!(error instanceof GraphRequestError) || error instanceof DeltaExpiredError || error.status !== 400) throw error;
    settings.onAddInPropertiesRefused?.({ mailbox, error });
    yield* deltaRound(transport, mailbox, firstUrl(messageExpand(null)), opts.pageSize, parse);
    return;
  }
  if (first.done) return;
  yield first.value;
  yield* round;
}
