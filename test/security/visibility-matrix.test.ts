// The visibility matrix: for each role (the salesperson who holds an email or meeting, a salesperson who does
// not, a manager, an admin) and each visibility (private, metadata, shared), every route that returns or
// changes interactions, logging by key included: what comes back (full, redacted, not found) and what may be
// changed, one assertion set per cell. Then the ways around it that knowing a message's key used to open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness, type Harness } from '../support/api-harness.ts';
import { testDatabases } from '../support/test-databases.ts';
import { NO_RATE_LIMITS } from '../../backend/src/http/rate-limit.ts';
import { insertMailbox } from '../../backend/src/store/mailboxes.ts';
import { upsertItemRefs } from '../../backend/src/store/sync-items.ts';
import { recordMeetingThreads } from '../../backend/src/store/meeting-threads.ts';
import type { User, Visibility } from '../../backend/src/domain/types.ts';

const ROLES = ['holder', 'nonHolder', 'manager', 'admin'] as const;
type RoleName = (typeof ROLES)[number];
const VISIBILITIES: Visibility[] = ['private', 'metadata', 'shared'];
type Seen = 'full' | 'redacted' | 'none';

/** What a role sees of an item of this visibility: seeing follows holding, whatever the role. */
function expectedSight(role: RoleName, v: Visibility): Seen {
  if (role === 'holder' || v === 'shared') return 'full';
  return v === 'metadata' ? 'redacted' : 'none';
}

/** The status each change gets, by who asks and what they see. */
function expectedChange(role: RoleName, seen: Seen, op: 'note' | 'visibility' | 'remove'): number {
  if (role === 'holder') return op === 'remove' ? 204 : 200;
  if (seen === 'none') return 404;
  const steward = role === 'manager' || role === 'admin';
  if (op === 'note') return steward && seen === 'full' ? 200 : 403;
  if (op === 'visibility') return 403;
  return steward ? 204 : 403;
}

let serial = 0;
const unique = (what: string) => `${what}-${++serial}-${Math.random().toString(36).slice(2, 8)}`;

for (const database of testDatabases()) {
  describe(`visibility matrix (${database.name})`, () => {
    let h: Harness;
    let dispose: () => Promise<void>;
    let scratch: string;
    const userOf = (role: RoleName): User =>
      ({ holder: h.a.users.rep, nonHolder: h.a.users.rep2, manager: h.a.users.manager, admin: h.a.users.admin })[role];
    const as = (role: RoleName) => ({ as: [h.a, userOf(role)] as [typeof h.a, User] });

    beforeAll(async () => {
      let handle;
      ({ handle, dispose } = await database.open());
      h = await apiHarness(handle, 64 * 1024, { rateLimits: NO_RATE_LIMITS });
      scratch = (await h.call('POST', '/api/accounts', { ...as('holder'), body: { name: 'Matriisi Oy', domains: ['matriisi.fi'], tier: 'A' } })).body.id;
    });
    afterAll(async () => dispose());

    /** An email (or meeting) the holder logs with this visibility; its secrets are what no one else may get. */
    async function seed(v: Visibility, accountId = scratch, kind: 'email' | 'meeting' = 'email') {
      const tag = unique(`${kind}-${v}`);
      const key = kind === 'email' ? `<${tag}@matriisi.fi>` : `${tag}-ical-040000008200E00074C5B7101A82E008`;
      const body = {
        kind, source: 'addin', visibility: v, accountIds: [accountId], occurredAt: h.clock.now - 3_600_000,
        subject: `Subject ${tag}`, snippet: `Snippet ${tag}`, note: `Note ${tag}`,
        ...(kind === 'email' ? { internetMessageId: key } : { iCalUId: key, durationMinutes: 30 }),
        participants: [
          { role: kind === 'email' ? 'from' : 'organizer', address: 'pekka@matriisi.fi', displayName: 'Pekka' },
          { role: kind === 'email' ? 'to' : 'attendee', address: 'rep@seller-a.fi', displayName: null },
        ],
      };
      const r = await h.call('POST', '/api/interactions', { ...as('holder'), body });
      expect(r.status).toBe(201);
      return { id: r.body.interaction.id as string, key, body, secrets: [`Subject ${tag}`, `Snippet ${tag}`, `Note ${tag}`, tag] };
    }

    const stored = async (id: string) => (await h.call('GET', `/api/interactions/${id}`, as('holder'))).body;

    /** Asserts one answer against what the cell allows; counts the cells. */
    let cells = 0;
    function expectSight(seen: Seen, status: number, body: any, item: { id: string; secrets: string[] }, where: string) {
      cells++;
      const text = JSON.stringify(body ?? null);
      if (seen === 'none') {
        expect(status, where).toBe(404);
        for (const s of item.secrets) expect(text, where).not.toContain(s);
        expect(text, where).not.toContain(item.id);
        return;
      }
      expect(status, where).toBe(200);
      expect(body.id, where).toBe(item.id);
      if (seen === 'full') {
        expect(body, where).toMatchObject({ redacted: false, subject: item.secrets[0], snippet: item.secrets[1] });
        expect(body.externalKey, where).not.toBeNull();
      } else {
        expect(body, where).toMatchObject({ redacted: true, subject: null, snippet: null, note: null, externalKey: null });
        for (const s of item.secrets) expect(text, where).not.toContain(s);
      }
    }

    for (const v of VISIBILITIES) {
      for (const role of ROLES) {
        const seen = expectedSight(role, v);
        it(`${role} x ${v}: sees ${seen} on read, lookup, timeline, meeting by chat; Today and match leak nothing`, async () => {
          const account = (await h.call('POST', '/api/accounts', { ...as('holder'), body: { name: unique('Cell Oy'), tier: 'B' } })).body.id;
          const email = await seed(v, account);
          const meeting = await seed(v, account, 'meeting');
          const r = await h.call('GET', `/api/interactions/${email.id}`, as(role));
          expectSight(seen, r.status, r.body, email, `${role} ${v} read`);
          const byId = await h.call('GET', `/api/interactions/lookup?internetMessageId=${encodeURIComponent(email.key)}`, as(role));
          expectSight(seen, byId.status, byId.body, email, `${role} ${v} lookup by Message-ID`);
          const byUid = await h.call('GET', `/api/interactions/lookup?iCalUId=${encodeURIComponent(meeting.key)}`, as(role));
          expectSight(seen, byUid.status, byUid.body, meeting, `${role} ${v} lookup by iCalUId`);

          const timeline = await h.call('GET', `/api/accounts/${account}/timeline?limit=50`, as(role));
          expect(timeline.status).toBe(200);
          for (const item of [email, meeting]) {
            const row = timeline.body.items.find((x: { id: string }) => x.id === item.id);
            expectSight(seen, row ? 200 : 404, row ?? null, item, `${role} ${v} timeline`);
          }

          const chatId = `19:meeting_${unique('chat').replace(/-/g, '')}@thread.v2`;
          await recordMeetingThreads(h.a.scope, [{ threadId: chatId, interactionId: meeting.id }], h.clock.now);
          const byChat = await h.call('GET', `/api/meetings/by-chat/${encodeURIComponent(chatId)}`, as(role));
          expectSight(seen, byChat.status, byChat.status === 200 ? byChat.body.meeting : byChat.body, meeting, `${role} ${v} meeting by chat`);

          if (seen !== 'full') {
            for (const [what, res] of [
              ['today', await h.call('GET', '/api/today', as(role))],
              ['match', await h.call('POST', '/api/match', { ...as(role), body: { addresses: [{ address: 'pekka@matriisi.fi' }] } })],
            ] as const) {
              cells++;
              expect(res.status, what).toBe(200);
              for (const s of [...email.secrets, ...meeting.secrets]) expect(JSON.stringify(res.body), `${role} ${v} ${what}`).not.toContain(s);
            }
          }
        });

        it(`${role} x ${v}: may change the note, the visibility and remove it only as the rules say`, async () => {
          for (const op of ['note', 'visibility', 'remove'] as const) {
            const item = await seed(v);
            const want = expectedChange(role, seen, op);
            const r = op === 'remove'
              ? await h.call('DELETE', `/api/interactions/${item.id}`, as(role))
              : await h.call('PATCH', `/api/interactions/${item.id}`, { ...as(role), body: op === 'note' ? { note: 'Changed' } : { visibility: v === 'shared' ? 'private' : 'shared' } });
            cells++;
            expect(r.status, `${role} ${v} ${op}`).toBe(want);
            for (const s of seen === 'full' ? [] : item.secrets) expect(JSON.stringify(r.body), `${role} ${v} ${op}`).not.toContain(s);
            const after = await h.call('GET', `/api/interactions/${item.id}`, as('holder'));
            if (op === 'remove') expect(after.status).toBe(want === 204 ? 404 : 200);
            else if (want !== 200) expect(after.body).toMatchObject({ visibility: v, note: item.secrets[2] });
          }
        });

        it(`${role} x ${v}: logging the email and the meeting by key reveals, widens and joins only as the rules say`, async () => {
          for (const kind of ['email', 'meeting'] as const) {
            const item = await seed(v, scratch, kind);
            // What the caller's add-in would send: the subject and participants it sees, and "shared".
            const r = await h.call('POST', '/api/interactions', { ...as(role), body: { ...item.body, snippet: null, note: 'My own words', visibility: 'shared' } });
            cells++;
            const after = await stored(item.id);
            const joins = role === 'holder' || v === 'shared';
            if (joins) {
              expect(r.status, `${role} ${v} ${kind}`).toBe(200);
              expect(r.body).toMatchObject({ created: false, loggedAs: 'interaction', interaction: { id: item.id } });
              expect(after.holders.map((x: { userId: string }) => x.userId)).toContain(userOf(role).id);
              // Only a holder's log widens; shared is as wide as it gets.
              expect(after.visibility).toBe('shared');
            } else {
              expect(r.status, `${role} ${v} ${kind}`).toBe(201);
              expect(r.body).toMatchObject({ created: true, loggedAs: 'note', interaction: { kind: 'note', externalKey: null, subject: null, snippet: null } });
              expect(r.body.interaction.id).not.toBe(item.id);
              expect(r.body.interaction.note).toContain('My own words');
              for (const s of [item.secrets[1], item.secrets[2]]) expect(JSON.stringify(r.body), `${role} ${v} ${kind}`).not.toContain(s);
              expect(after.visibility).toBe(v);
              expect(after.note).toBe(item.secrets[2]);
              expect(after.holders.map((x: { userId: string }) => x.userId)).toEqual([h.a.users.rep.id]);
              expectSight(expectedSight(role, v), ...(await readAs(role, item.id)), item, `${role} ${v} ${kind} after the log`);
            }
          }
        });
      }
    }

    const readAs = async (role: RoleName, id: string): Promise<[number, unknown]> => {
      const r = await h.call('GET', `/api/interactions/${id}`, as(role));
      return [r.status, r.body];
    };

    it('prints the matrix size', () => {
      // 4 roles x 3 visibilities; per cell: read, 2 lookups, 2 timeline rows, meeting by chat, (Today, match),
      // 3 changes, 2 logs by key.
      console.log(`visibility matrix on ${database.name}: ${ROLES.length} roles x ${VISIBILITIES.length} visibilities, ${cells} cell assertions`);
      expect(cells).toBeGreaterThanOrEqual(ROLES.length * VISIBILITIES.length * 11);
    });

    describe('the ways around it that knowing a key opened', () => {
      it('rep2 reads rep1’s metadata email redacted, and cannot log it shared from what that view gives', async () => {
        const item = await seed('metadata');
        const view = (await h.call('GET', `/api/interactions/${item.id}`, as('nonHolder'))).body;
        expect(view.externalKey).toBeNull();
        // Even with the Message-ID (it used to be in the view): no subject, no snippet, not a holder, not widened.
        const r = await h.call('POST', '/api/interactions', { ...as('nonHolder'), body: { kind: 'email', source: 'addin', internetMessageId: item.key, visibility: 'shared', accountIds: [scratch] } });
        expect(r.body).toMatchObject({ loggedAs: 'note', interaction: { subject: null, snippet: null } });
        expect(JSON.stringify(r.body)).not.toContain(item.secrets[0]);
        const after = await stored(item.id);
        expect(after.visibility).toBe('metadata');
        expect(after.holders.map((x: { userId: string }) => x.userId)).toEqual([h.a.users.rep.id]);
      });

      it('a private email’s Message-ID known from a later message’s References header opens nothing', async () => {
        const item = await seed('private');
        const r = await h.call('POST', '/api/interactions', { ...as('nonHolder'), body: { kind: 'email', internetMessageId: item.key, visibility: 'shared', accountIds: [scratch], note: 'Saw it quoted' } });
        expect(r.status).toBe(201);
        expect(r.body.loggedAs).toBe('note');
        for (const s of item.secrets) expect(JSON.stringify(r.body)).not.toContain(s);
        expect((await stored(item.id)).visibility).toBe('private');
        expect((await h.call('GET', `/api/interactions/${item.id}`, as('nonHolder'))).status).toBe(404);
      });

      it('a meeting’s iCalUId opens nothing either', async () => {
        const item = await seed('metadata', scratch, 'meeting');
        const r = await h.call('POST', '/api/interactions', { ...as('nonHolder'), body: { kind: 'meeting', iCalUId: item.key, visibility: 'shared', accountIds: [scratch] } });
        expect(r.body).toMatchObject({ loggedAs: 'note', interaction: { kind: 'note', subject: null } });
        expect((await stored(item.id)).visibility).toBe('metadata');
      });

      it('a colleague cannot restore what its holder removed; the holder can', async () => {
        const item = await seed('shared');
        expect((await h.call('DELETE', `/api/interactions/${item.id}`, as('holder'))).status).toBe(204);
        const r = await h.call('POST', '/api/interactions', { ...as('nonHolder'), body: { ...item.body, snippet: null, note: 'Mine', visibility: 'shared' } });
        expect(r.body).toMatchObject({ loggedAs: 'note' });
        for (const s of [item.secrets[1], item.secrets[2]]) expect(JSON.stringify(r.body)).not.toContain(s);
        expect((await h.call('GET', `/api/interactions/${item.id}`, as('holder'))).status).toBe(404);
        const again = await h.call('POST', '/api/interactions', { ...as('holder'), body: item.body });
        expect(again.body).toMatchObject({ loggedAs: 'interaction', interaction: { id: item.id } });
      });

      it('a colleague whose synced mailbox has the email holds it: their log joins it and may widen it', async () => {
        const item = await seed('metadata');
        const box = await insertMailbox(h.a.scope, { id: unique('mbx'), userId: h.a.users.rep2.id, address: h.a.users.rep2.email }, h.clock.now);
        await upsertItemRefs(h.a.scope, box.id, 'mail:inbox', 1, [{ graphId: unique('g'), interactionId: item.id }]);
        const r = await h.call('POST', '/api/interactions', { ...as('nonHolder'), body: { ...item.body, visibility: 'shared' } });
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject({ loggedAs: 'interaction', interaction: { id: item.id, subject: item.secrets[0], visibility: 'shared' } });
      });
    });
  });
}
