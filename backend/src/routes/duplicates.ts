// Duplicates: the likely duplicate accounts and contacts with their evidence, merging them (preview, then confirm),
// and the merged ids' aliases, which send an old link on to the record the merge kept.
import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { newRouter, bearer } from '../http/router.ts';
import type { Deps } from '../http/deps.ts';
import type { AppEnv } from '../http/context.ts';
import { AccountSchema, ContactSchema, Id, IdParam, Problem, problems } from './schemas.ts';
import { listDuplicateSuggestions } from '../use-cases/accounts/find-duplicates.ts';
import { ACCOUNT_MERGE_FIELDS, mergeAccounts } from '../use-cases/accounts/merge-accounts.ts';
import { CONTACT_MERGE_FIELDS, mergeContacts } from '../use-cases/contacts/merge-contacts.ts';
import { resolveAccountAlias, resolveContactAlias } from '../store/aliases.ts';
import { accountView, actorOf, contactView } from './views.ts';

const Evidence = z.object({
  code: z.enum(['same-domain', 'same-name', 'similar-name', 'same-address']),
  reason: z.string().openapi({ description: 'For a person to read, e.g. "same domain aalto-infra.fi"', example: 'same domain aalto-infra.fi' }),
});

const Suggestion = z
  .object({
    kind: z.enum(['account', 'contact']),
    accounts: z.array(AccountSchema).optional().openapi({ description: 'kind=account: the pair, the older (proposed survivor) first' }),
    contacts: z.array(ContactSchema).optional().openapi({ description: 'kind=contact: the pair, the older (proposed survivor) first' }),
    evidence: z.array(Evidence),
  })
  .openapi('DuplicateSuggestion');

const Source = z.enum(['survivor', 'merged']);
const MergeBody = <K extends readonly [string, ...string[]]>(fields: K, name: string) =>
  z
    .object({
      mergeIds: z.array(Id).min(1).max(20).openapi({ description: 'The records merged into this one (they become its aliases)' }),
      preview: z.boolean().openapi({ description: 'true: only say what would happen; false: do it' }),
      fields: z.partialRecord(z.enum(fields), Source).optional().openapi({ description: 'Per differing field, whose value to keep. Default: the survivor’s, or the merged record’s where the survivor has none.' }),
    })
    .strict()
    .openapi(name);

const FieldConflict = z.object({ field: z.string(), survivor: z.unknown(), merged: z.unknown(), keep: Source });

/** Where a merged record's id is sent: "Duplicate likely" answers carry the candidates, 409 + `duplicates`. */
export const DuplicateProblem = Problem.extend({
  duplicates: z.array(z.object({ id: z.string(), name: z.string(), reasons: z.array(z.string()) })).optional()
    .openapi({ description: 'type `urn:suhde:problem/likely-duplicate` or `urn:suhde:problem/domain-taken`: the existing records this one looks like' }),
}).openapi('DuplicateProblem');

export function duplicateRoutes(deps: Deps) {
  return newRouter()
    .openapi(
      createRoute({
        method: 'get', path: '/duplicates', operationId: 'listDuplicateSuggestions', tags: ['Duplicates'], security: bearer,
        summary: 'Likely duplicate accounts or contacts, with the evidence',
        description: 'Accounts: the same registrable domain, the same or a similar name (legal forms such as Oy, Ab, Ltd, GmbH, case, accents and punctuation set aside; ä/ö folded only for "similar"). Contacts: the same address, or the same or a similar name at the same account. Strongest evidence first. Accounts and contacts are visible tenant-wide, so every caller sees the same list.',
        request: {
          query: z.object({
            kind: z.enum(['account', 'contact']),
            recordId: Id.optional().openapi({ description: 'Only the pairs with this record (the banner on an account page)' }),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
        responses: { 200: { description: 'Suggestions', content: { 'application/json': { schema: z.object({ items: z.array(Suggestion), total: z.number().int() }) } } }, ...problems(400, 401, 503) },
      }),
      async (c) => {
        const auth = c.get('auth');
        const q = c.req.valid('query');
        const now = deps.clock();
        const r = await listDuplicateSuggestions(auth.scope, q);
        const items = q.kind === 'account'
          ? r.accounts.map((s) => ({ kind: 'account' as const, accounts: s.records.map((a) => accountView(a, auth.tenant.settings, now)), evidence: s.evidence }))
          : r.contacts.map((s) => ({ kind: 'contact' as const, contacts: s.records.map(contactView), evidence: s.evidence }));
        return c.json({ items, total: r.total }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/accounts/{id}/merge', operationId: 'mergeAccounts', tags: ['Duplicates'], security: bearer,
        summary: 'Merge accounts into this one (preview first)',
        description: 'Moves the merged accounts’ timeline, contacts, opportunities, feedback, follow-ups and domains to this account in one transaction; each merged id becomes an alias (GET on it is redirected here), last contact and care are recomputed, and the merge is audited. Managers and admins, or the owner of every account involved. With `preview: true` nothing changes.',
        request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: MergeBody(ACCOUNT_MERGE_FIELDS, 'AccountMerge') } } } },
        responses: {
          200: {
            description: 'What moves (preview) or moved',
            content: {
              'application/json': {
                schema: z.object({
                  done: z.boolean(),
                  survivor: AccountSchema, merged: z.array(AccountSchema), result: AccountSchema,
                  moves: z.object({ interactions: z.number().int(), contacts: z.number().int(), opportunities: z.number().int(), feedback: z.number().int(), followUps: z.number().int(), domains: z.number().int() }),
                  fields: z.array(FieldConflict),
                }).openapi('AccountMergeResult'),
              },
            },
          },
          ...problems(400, 401, 403, 404, 409, 413, 415, 503),
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const now = deps.clock();
        const r = await mergeAccounts(auth.scope, actorOf(auth), c.req.valid('param').id, c.req.valid('json'), now);
        const view = (a: Parameters<typeof accountView>[0]) => accountView(a, auth.tenant.settings, now);
        return c.json({ done: r.done, survivor: view(r.survivor), merged: r.merged.map(view), result: view(r.result), moves: r.moves, fields: r.fields }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post', path: '/contacts/{id}/merge', operationId: 'mergeContacts', tags: ['Duplicates'], security: bearer,
        summary: 'Merge contacts into this one (preview first)',
        description: 'Moves the merged contacts’ addresses, their places in interactions, their feedback and their buying-committee roles (the kept contact’s own role wins where both had one) to this contact in one transaction, keeps phone numbers from all, makes each merged id an alias, and audits it. Managers and admins, or the owner of every contact involved.',
        request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: MergeBody(CONTACT_MERGE_FIELDS, 'ContactMerge') } } } },
        responses: {
          200: {
            description: 'What moves (preview) or moved',
            content: {
              'application/json': {
                schema: z.object({
                  done: z.boolean(),
                  survivor: ContactSchema, merged: z.array(ContactSchema), result: ContactSchema,
                  moves: z.object({
                    interactions: z.number().int(), addresses: z.number().int(), feedback: z.number().int(),
                    roles: z.number().int().openapi({ description: 'Buying-committee roles that move to the kept contact' }),
                    rolesDropped: z.number().int().openapi({ description: 'Roles not kept: the kept contact already has one on that deal, or the deal is another account’s' }),
                  }),
                  fields: z.array(FieldConflict),
                }).openapi('ContactMergeResult'),
              },
            },
          },
          ...problems(400, 401, 403, 404, 409, 413, 415, 503),
        },
      }),
      async (c) => {
        const auth = c.get('auth');
        const r = await mergeContacts(auth.scope, actorOf(auth), c.req.valid('param').id, c.req.valid('json'), deps.clock());
        return c.json({ done: r.done, survivor: contactView(r.survivor), merged: r.merged.map(contactView), result: contactView(r.result), moves: r.moves, fields: r.fields }, 200);
      },
    );
}

/** The 308 a merged id's GET answers, for the OpenAPI of each read by id. */
export function mergedAliasRedirect(what: 'account' | 'contact') {
  return {
    308: {
      description: `The id is a ${what} that was merged into another: \`Location\` is the same path under the surviving ${what}'s id (also for the ${what}'s sub-resources).`,
      headers: { Location: { description: 'The same path under the survivor’s id', schema: { type: 'string' as const } } },
    },
  };
}

const ALIASED = /^\/api\/(accounts|contacts)\/([^/]+)(\/.*)?$/;

/**
 * A read of a merged account or contact (the record, its timeline, contacts, ...) is answered 308 to the same path
 * under the survivor's id. Checked only when the answer was a 404, so reads of live records pay nothing.
 */
export function followMergedAliases(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.res.status !== 404 || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return;
    const auth = c.get('auth');
    const m = ALIASED.exec(c.req.path);
    if (!auth || !m) return;
    const id = decodeURIComponent(m[2]!);
    const survivor = m[1] === 'accounts' ? await resolveAccountAlias(auth.scope, id) : await resolveContactAlias(auth.scope, id);
    if (!survivor) return;
    const url = new URL(c.req.url);
    c.res = new Response(null, { status: 308, headers: { location: `/api/${m[1]}/${encodeURIComponent(survivor)}${m[3] ?? ''}${url.search}` } });
  };
}
