// Mail delta rounds against the Graph emulator over real HTTP.
import { describe, expect, it } from 'vitest';
import { collect, graphHarness } from '../../../test/support/graph-harness.ts';
import { DeltaExpiredError, GraphPayloadError, GraphRequestError } from './graph-errors.ts';
import type { MailItem } from './items.ts';
import { messageSelect } from './select-fields.ts';

const h = graphHarness();

describe('deltaMessages', () => {
  it('reads the add-in\'s custom properties when given its id, and goes on without them if Graph refuses the $expand', async () => {
    const addInId = '5eed0000-0000-4000-8000-00000000ade0';
    const cecp = `String {00020329-0000-0000-C000-000000000046} Name cecp-${addInId}`;
    h.emulator.store.addMessage(h.mailbox.id, { subject: 'tagged', extendedProperties: { [cecp]: '{"suhdeLogIntent":"{}"}' }, sensitivity: 'personal' });
    const { items } = await collect(h.client({ addInId }).deltaMessages(h.mailbox.userPrincipalName, 'inbox', null));
    expect(items[0]).toMatchObject({ sensitivity: 'personal', addInProperties: { ok: true, values: { suhdeLogIntent: '{}' } } });
    expect(decodeURIComponent(h.emulator.requests[0]!.query)).toContain(`or id eq '${cecp}'`);

    // An id Graph cannot parse stands in for a Graph that refuses the joined filter: a 400 on the round's first request.
    h.emulator.clearLog();
    const refused: string[] = [];
    const fallback = await collect(h.client({ addInId: "it's", onAddInPropertiesRefused: (e) => refused.push(`${e.mailbox} ${e.error.status}`) })
      .deltaMessages(h.mailbox.userPrincipalName, 'inbox', null));
    expect(fallback.items).toHaveLength(1);
    expect(fallback.items[0]).toMatchObject({ sensitivity: 'personal', addInProperties: null });
    expect(refused).toEqual([`${h.mailbox.userPrincipalName} 400`]);
    expect(h.emulator.requests.map((r) => r.status)).toEqual([400, 200]);
    expect(decodeURIComponent(h.emulator.requests[1]!.query)).toContain("$expand=singleValueExtendedProperties($filter=id eq 'Integer 0x0036')");
  });

  it('pages by @odata.nextLink to a deltaLink, with immutable ids, the page size and only the selected fields', async () => {
    const sent = Array.from({ length: 5 }, (_, i) =>
      h.emulator.store.addMessage(h.mailbox.id, {
        subject: `Tarjous ${i}`, from: { address: 'Aino@Asiakas.fi', name: 'Aino' }, to: [h.mailbox.userPrincipalName], body: 'never fetched',
        receivedAt: '2024-05-02T08:15:00Z', sensitivity: i === 0 ? 'private' : undefined,
      }),
    );
    const { pages, items, deltaLink } = await collect(h.client().deltaMessages(h.mailbox.userPrincipalName, 'inbox', null, { select: messageSelect(false), pageSize: 2 }));
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(pages.slice(0, 2).every((p) => p.nextLink !== null && p.deltaLink === null)).toBe(true);
    expect(deltaLink).toMatch(/\$deltatoken=/);
    expect(items.map((m) => m.graphId).sort()).toEqual(sent.map((m) => m.id).sort()); // immutable ids
    const first = items.find((m) => m.graphId === sent[0]?.id) as MailItem;
    expect(first).toMatchObject({ from: { address: 'aino@asiakas.fi', name: 'Aino' }, bodyPreview: null, sensitivity: 'private', receivedAt: Date.parse('2024-05-02T08:15:00Z') });
    expect(items.filter((m) => m.sensitivity === 'normal')).toHaveLength(4);

    const log = h.emulator.requests;
    expect(log).toHaveLength(3);
    expect(log.every((r) => r.immutableIds && r.status === 200)).toBe(true);
    expect(log[0]?.query).toContain('$select=id,internetMessageId,conversationId,subject,from,sender,toRecipients,ccRecipients,sentDateTime,receivedDateTime,isDraft,parentFolderId');
    expect(log[0]?.query).not.toContain('bodyPreview');
    // The later pages went to the nextLinks verbatim: Graph's key syntax and nothing but the skip token.
    expect(log.slice(1).map((r) => [r.path, r.query.split('=')[0]])).toEqual([
      [expect.stringMatching(/^\/users\/[^/]+\/mailFolders\('[^']+'\)\/messages\/delta$/), '$skiptoken'],
      [expect.stringMatching(/^\/users\/[^/]+\/mailFolders\('[^']+'\)\/messages\/delta$/), '$skiptoken'],
    ]);
  });

  it('asks for bodyPreview only when snippets are allowed', async () => {
    h.emulator.store.addMessage(h.mailbox.id, { subject: 's', body: 'Hei, tässä tarjous' });
    const { items } = await collect(h.client().deltaMessages(h.mailbox.id, 'inbox', null, { select: messageSelect(true) }));
    expect(items[0]?.bodyPreview).toBe('Hei, tässä tarjous');
  });

  it('returns only the change in an incremental round, and removals as removedIds', async () => {
    const a = h.emulator.store.addMessage(h.mailbox.id, { subject: 'a' });
    const b = h.emulator.store.addMessage(h.mailbox.id, { subject: 'b' });
    h.emulator.store.addMessage(h.mailbox.id, { subject: 'c' });
    const graph = h.client();
    const full = await collect(graph.deltaMessages(h.mailbox.id, 'inbox', null, { pageSize: 2 }));
    expect(full.items).toHaveLength(3);

    h.emulator.store.updateMessage(h.mailbox.id, a.id, { subject: 'a, edited' });
    const next = await collect(graph.deltaMessages(h.mailbox.id, 'inbox', full.deltaLink, { pageSize: 2 }));
    expect(next.items.map((m) => [m.graphId, m.subject])).toEqual([[a.id, 'a, edited']]);
    expect(next.removedIds).toEqual([]);

    h.emulator.store.deleteMessage(h.mailbox.id, b.id);
    h.emulator.store.moveMessage(h.mailbox.id, a.id, 'archive');
    const after = await collect(graph.deltaMessages(h.mailbox.id, 'inbox', next.deltaLink));
    expect(after.items).toEqual([]);
    expect(after.removedIds.sort()).toEqual([a.id, b.id].sort());
    // The moved message keeps its immutable id in the folder it moved to.
    const archive = await collect(graph.deltaMessages(h.mailbox.id, 'archive', null));
    expect(archive.items.map((m) => m.graphId)).toEqual([a.id]);
  });

  it('throws DeltaExpiredError when Graph answers 410 syncStateNotFound', async () => {
    h.emulator.store.addMessage(h.mailbox.id, {});
    const graph = h.client();
    const { deltaLink } = await collect(graph.deltaMessages(h.mailbox.id, 'inbox', null));
    h.emulator.expireDeltaTokens(h.mailbox.id);
    const error = await collect(graph.deltaMessages(h.mailbox.id, 'inbox', deltaLink)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeltaExpiredError);
    expect(error).toMatchObject({ status: 410, code: 'syncStateNotFound' });
  });

  it('refuses a stored link that points to another host', async () => {
    const pages = h.client().deltaMessages(h.mailbox.id, 'inbox', 'https://attacker.example/v1.0/users/x/mailFolders/inbox/messages/delta?$deltatoken=1');
    await expect(collect(pages)).rejects.toBeInstanceOf(GraphPayloadError);
    expect(h.emulator.requests).toHaveLength(0);
  });

  it('accepts a baseUrl that already ends in the version', async () => {
    h.emulator.store.addMessage(h.mailbox.id, {});
    const graph = h.client({ baseUrl: `${h.emulator.url}/v1.0` });
    expect(graph.root).toBe(`${h.emulator.url}/v1.0`);
    expect((await collect(graph.deltaMessages(h.mailbox.id, 'inbox', null))).items).toHaveLength(1);
  });

  it('surfaces a rejected token as a 401 GraphRequestError', async () => {
    const error = await collect(h.client({ authProvider: async () => 'expired' }).deltaMessages(h.mailbox.id, 'inbox', null)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ status: 401, code: 'InvalidAuthenticationToken' });
  });
});
