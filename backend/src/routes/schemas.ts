// The API's schemas: the same zod objects validate requests and generate /api/openapi.json.
import { z } from '@hono/zod-openapi';
import {
  DIRECTIONS, FEEDBACK_KINDS, INTERACTION_KINDS, LIFECYCLES, PARTICIPANT_ROLES, RETENTION_ACTIONS, ROLES, SIZES, SOURCES, STAGES, TIERS, VISIBILITIES,
} from '../domain/types.ts';
import { isSupportedDate, SUPPORTED_DATE_MESSAGE } from '../domain/period.ts';
import { domainOf, normalizeAddress, normalizeDomain } from '../domain/addresses.ts';
import { domainToASCII } from 'node:url';
import { AccountCanSchema, ContactCanSchema, OpportunityCanSchema } from './permission-schemas.ts';
import { OpportunityLineInput, OpportunityLineSchema } from './line-schemas.ts';

// Control characters are refused here, by name: PostgreSQL fails on a NUL in a text parameter.
export const Id = z.string().min(1).max(64).regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters').openapi({ example: '0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b' });
export const IdParam = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });
const trimmed = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Epoch ms within the supported dates (1900-2999): a timestamp past what Date holds would crash, not refuse. */
export const MIN_TIMESTAMP = Date.UTC(1900, 0, 1);
export const MAX_TIMESTAMP = Date.UTC(3000, 0, 1) - 1;
const Timestamp = z.number().int().min(MIN_TIMESTAMP).max(MAX_TIMESTAMP).openapi({ description: 'Epoch milliseconds (UTC)', example: 1767261600000 });
// A malformed date gets one error, not the range's as well.
export const IsoDate = z.iso.date({ message: 'must be a date like 2027-03-31', abort: true }).refine(isSupportedDate, SUPPORTED_DATE_MESSAGE);
// Domains and addresses are accepted as punycode or Unicode and come out in the one canonical form that is
// stored and answered (Unicode, lower case: domain/addresses.ts), so järvi.fi and xn--jrvi-loa.fi are one domain.
const DOMAIN_ASCII = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
export const Domain = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const domain = normalizeDomain(raw);
    if (domain && DOMAIN_ASCII.test(domainToASCII(domain))) return domain;
    ctx.addIssue({ code: 'custom', message: 'must be a domain name like example.fi' });
    return z.NEVER;
  })
  .openapi({ type: 'string', example: 'järvi.fi', description: 'Unicode or punycode; answered in Unicode, lower case' });
export const Email = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const address = normalizeAddress(raw);
    // The local part is held to what z.email accepts; the domain is checked in its ASCII (punycode) form.
    if (address && z.email().safeParse(`${address.slice(0, address.lastIndexOf('@'))}@${domainToASCII(domainOf(address))}`).success) return address;
    ctx.addIssue({ code: 'custom', message: 'must be an email address' });
    return z.NEVER;
  })
  .openapi({ type: 'string', example: 'liisa@järvi.fi' });
const Money = z.number().int().min(0).max(1e13).openapi({ description: 'Integer cents' });
const Csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const Problem = z
  .object({
    type: z.string().openapi({ description: 'A URI reference naming the problem type; `about:blank` when the status says it all', example: 'about:blank' }),
    title: z.string().openapi({ description: 'Short and the same for every occurrence of the problem', example: 'Invalid request' }),
    status: z.number().int().min(400).max(599).openapi({ description: 'The HTTP status code', example: 400 }),
    detail: z.string().openapi({ description: 'What went wrong this time, for a person to read' }),
    errors: z
      .array(z.object({ field: z.string().openapi({ description: 'Dotted path of the field, e.g. `participants.0.address`; `(body)` for the whole body' }), message: z.string() }))
      .optional()
      .openapi({ description: 'One entry per invalid field' }),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details (served as application/problem+json)' });

/** What each error status means across the API; an operation lists the ones it can answer. */
const PROBLEM_STATUSES = {
  400: 'Invalid input: `errors` lists each path, query or body field; also a body that is not JSON',
  401: 'No valid access token',
  403: 'Your role, or your relation to the item, does not allow this',
  404: 'Not found (also for another tenant’s ids)',
  409: 'Conflicts with existing data or the item’s state',
  413: 'The request body is larger than the server accepts',
  415: 'The request body is not sent as application/json',
  422: 'Understood, but it cannot be done as asked',
  429: 'Too many requests; wait and try again',
  503: 'Sign-in, or a service this needs, is unavailable just now; try again',
} as const;
type ProblemStatus = keyof typeof PROBLEM_STATUSES;

export const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } });

/** Error responses, each a problem+json document: `...problems(400, 401, 404, 503)`. */
export function problems<const S extends readonly ProblemStatus[]>(...statuses: S) {
  return Object.fromEntries(statuses.map((s) => [s, problemResponse(PROBLEM_STATUSES[s])])) as { [K in S[number]]: ReturnType<typeof problemResponse> };
}

/**
 * An optional request field the server fills in when it is left out. Not zod's .default(): that documents
 * `default`, which openapi-typescript reads as "always present" and so makes the field required in clients' types.
 */
const orDefault = <S extends z.ZodTypeAny, const V extends z.output<S>>(schema: S, value: V, description?: string) =>
  schema
    .optional()
    .transform((v): z.output<S> => (v === undefined ? value : v))
    .openapi({ description: `${description ? `${description}. ` : ''}Default: ${JSON.stringify(value)}` });

/**
 * A registered (named) schema, or null. Not .nullable(): for a $ref the generator drops the null, or emits an
 * allOf that null cannot satisfy, so validating clients would refuse the null answers.
 */
export const orNull = <S extends z.ZodTypeAny>(schema: S) => z.union([schema, z.null()]);

export const UserSchema = z
  .object({ id: Id, displayName: z.string(), email: z.string(), role: z.enum(ROLES), team: z.string().nullable() })
  .openapi('User');

export const CareSchema = z
  .object({
    cadenceDays: z.number().int().nullable(),
    lastContactAt: Timestamp.nullable(),
    nextDueAt: Timestamp.nullable(),
    overdue: z.boolean(),
    daysOverdue: z.number().int(),
  })
  .openapi('CareStatus');

const ArchivedAt = Timestamp.nullable().openapi({ description: 'When it was archived (it then leaves lists, Today and counts but still opens by its id), or null' });

export const AccountSchema = z
  .object({
    id: Id,
    name: z.string(),
    domains: z.array(z.string()),
    tier: z.enum(TIERS),
    lifecycle: z.enum(LIFECYCLES),
    ownerId: Id.nullable(),
    industry: z.string().nullable(),
    size: z.enum(SIZES).nullable(),
    region: z.string().nullable(),
    lastContactAt: Timestamp.nullable(),
    care: CareSchema,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    archivedAt: ArchivedAt,
    can: AccountCanSchema.optional().openapi({ description: 'Present on answers about one account' }),
  })
  .openapi('Account');

export const AccountListItemSchema = AccountSchema.extend({ openPipelineCents: Money }).openapi('AccountListItem');

export const AccountCreate = z
  .object({
    name: trimmed(200),
    domains: orDefault(z.array(Domain).max(20), []),
    tier: orDefault(z.enum(TIERS), 'C'),
    lifecycle: orDefault(z.enum(LIFECYCLES), 'prospect'),
    ownerId: Id.nullable().optional(),
    industry: orDefault(trimmed(100).nullable(), null),
    size: orDefault(z.enum(SIZES).nullable(), null),
    region: orDefault(trimmed(100).nullable(), null),
    allowDuplicate: z.boolean().optional().openapi({ description: 'Create it even though it looks like an existing account (409 `likely-duplicate`). A domain another account holds is refused regardless.' }),
  })
  .openapi('AccountCreate');

export const AccountUpdate = z
  .object({
    name: trimmed(200),
    domains: z.array(Domain).max(20),
    tier: z.enum(TIERS),
    lifecycle: z.enum(LIFECYCLES),
    ownerId: Id.nullable(),
    industry: trimmed(100).nullable(),
    size: z.enum(SIZES).nullable(),
    region: trimmed(100).nullable(),
  })
  .partial()
  .strict()
  .openapi('AccountUpdate');

export const AccountQuery = z.object({
  q: z.string().trim().max(200).optional(),
  tier: Csv(TIERS).optional().openapi({ description: 'Comma-separated tiers, e.g. A,B' }),
  lifecycle: Csv(LIFECYCLES).optional(),
  ownerId: Id.optional().openapi({ description: 'An owner’s user id, or "me"' }),
  industry: z.string().max(100).optional(),
  region: z.string().max(100).optional(),
  size: z.enum(SIZES).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  sort: z.enum(['name', 'lastContact', 'tier', 'pipeline', 'attention']).default('name').openapi({ description: '`attention`: overdue first (most overdue first), then soonest due, then those without a cadence by oldest contact' }),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ContactSchema = z
  .object({
    id: Id,
    accountId: Id.nullable(),
    name: z.string(),
    emails: z.array(z.string()),
    phones: z.array(z.string()),
    title: z.string().nullable(),
    ownerId: Id.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    archivedAt: ArchivedAt,
    can: ContactCanSchema.optional().openapi({ description: 'Present on answers about one contact and on an account’s contact list' }),
  })
  .openapi('Contact');

const Phone = z.string().trim().regex(/^\+?[0-9 ()-]{5,30}$/, 'must be a phone number like +358 40 123 4567');
export const ContactCreate = z
  .object({
    name: trimmed(200),
    emails: orDefault(z.array(Email).max(10), []),
    phones: orDefault(z.array(Phone).max(10), []),
    title: orDefault(trimmed(200).nullable(), null),
    accountId: orDefault(Id.nullable(), null),
    ownerId: Id.nullable().optional(),
    allowDuplicate: z.boolean().optional().openapi({ description: 'Create it even though it looks like a contact already at the account (409 `likely-duplicate`).' }),
  })
  .openapi('ContactCreate');
export const ContactUpdate = z
  .object({
    name: trimmed(200),
    emails: z.array(Email).max(10),
    phones: z.array(Phone).max(10),
    title: trimmed(200).nullable(),
    accountId: Id.nullable(),
    ownerId: Id.nullable(),
  })
  .partial()
  .strict()
  .openapi('ContactUpdate');

export const ParticipantSchema = z
  .object({
    role: z.enum(PARTICIPANT_ROLES),
    address: z.string(),
    displayName: z.string().nullable(),
    userId: Id.nullable(),
    contactId: Id.nullable(),
  })
  .openapi('Participant');

export const InteractionSchema = z
  .object({
    id: Id,
    kind: z.enum(INTERACTION_KINDS),
    direction: z.enum(DIRECTIONS).nullable(),
    occurredAt: Timestamp,
    subject: z.string().nullable(),
    snippet: z.string().nullable(),
    note: z.string().nullable(),
    durationMinutes: z.number().int().nullable(),
    participants: z.array(ParticipantSchema),
    accountIds: z.array(Id),
    opportunityId: Id.nullable(),
    opportunity: z.object({ id: Id, name: z.string() }).nullable().openapi({ description: 'The linked opportunity with its name; null when none' }),
    source: z.enum(SOURCES),
    visibility: z.enum(VISIBILITIES),
    holders: z.array(z.object({ userId: Id, relation: z.enum(['logged', 'holds']), at: Timestamp })),
    externalKey: z.string().nullable().openapi({ description: 'The dedup key (Message-ID, iCalUId); null for notes and calls, and in a redacted view' }),
    businessReview: z.boolean().optional().openapi({ description: 'A person’s mark on a meeting: true a business review, false not one; absent when its subject decides (QBR, liiketoimintakatsaus), and in a redacted view' }),
    redacted: z.boolean().openapi({ description: 'True when subject, snippet, note and key were withheld (metadata-only item you do not hold)' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .openapi('Interaction');

export const InteractionLog = z
  .object({
    kind: z.enum(INTERACTION_KINDS),
    occurredAt: Timestamp.optional().openapi({ description: 'Defaults to now' }),
    subject: orDefault(trimmed(500).nullable(), null),
    snippet: orDefault(trimmed(1000).nullable(), null),
    note: orDefault(trimmed(10_000).nullable(), null),
    durationMinutes: orDefault(z.number().int().min(0).max(24 * 60).nullable(), null),
    participants: orDefault(
      z.array(z.object({ role: z.enum(PARTICIPANT_ROLES), address: Email, displayName: orDefault(trimmed(200).nullable(), null) })).max(500),
      [],
    ),
    accountIds: z.array(Id).max(20).optional().openapi({ description: 'Defaults to the accounts the participants match' }),
    opportunityId: orDefault(Id.nullable(), null),
    visibility: orDefault(z.enum(VISIBILITIES), 'shared'),
    source: orDefault(z.enum(['addin', 'manual', 'teams']), 'manual'),
    internetMessageId: orDefault(z.string().trim().max(998).nullable(), null, 'Email: the RFC 5322 Message-ID, the dedup key'),
    iCalUId: orDefault(z.string().trim().max(1000).nullable(), null, 'Meeting: the iCalendar UID, the dedup key'),
    followUpOn: orDefault(IsoDate.nullable(), null, 'A follow-up for you on this date (it shows in your Today when due)'),
  })
  .openapi('InteractionLog');

export const MeetingLookupQuery = z.object({
  internetMessageId: z.string().trim().min(1).max(998).optional(),
  iCalUId: z.string().trim().min(1).max(1000).optional(),
  organizer: z.string().trim().max(320).pipe(z.email('must be an email address')).optional().openapi({ description: 'A meeting’s organizer, with start (and subject)' }),
  start: z.coerce.number().int().min(0).max(MAX_TIMESTAMP).optional().openapi({ description: 'A meeting’s start, epoch ms' }),
  subject: z.string().max(500).optional(),
});

export const InteractionUpdate = z
  .object({ note: trimmed(10_000).nullable(), opportunityId: Id.nullable(), visibility: z.enum(VISIBILITIES), businessReview: z.boolean().nullable() })
  .partial()
  .strict()
  .openapi('InteractionUpdate');

export const TimelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().openapi({ description: 'The `next` cursor of the previous page' }),
  kind: Csv(INTERACTION_KINDS).optional(),
  contactId: Id.optional(),
  userId: Id.optional().openapi({ description: 'Only interactions this colleague took part in or holds' }),
});

export { OpportunityLineSchema };

export const OpportunitySchema = z
  .object({
    id: Id,
    accountId: Id,
    name: z.string(),
    stage: z.enum(STAGES),
    value: Money,
    currency: z.string(),
    lines: z.array(OpportunityLineSchema),
    expectedCloseDate: z.string().nullable(),
    probability: z.number().int(),
    weightedValue: Money,
    ownerId: Id.nullable(),
    stageChangedAt: Timestamp,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    archivedAt: ArchivedAt,
    can: OpportunityCanSchema,
  })
  .openapi('Opportunity');

const Currency = z.string().trim().toUpperCase().regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code like EUR');
export const OpportunityCreate = z
  .object({
    accountId: Id,
    name: trimmed(200),
    stage: orDefault(z.enum(STAGES), 'identified'),
    value: orDefault(Money, 0, 'Integer cents'),
    currency: orDefault(Currency, 'EUR'),
    lines: orDefault(z.array(OpportunityLineInput).max(100), []),
    expectedCloseDate: orDefault(IsoDate.nullable(), null),
    ownerId: Id.nullable().optional(),
  })
  .openapi('OpportunityCreate');
export const OpportunityUpdate = z
  .object({
    name: trimmed(200),
    value: Money,
    currency: Currency,
    lines: z.array(OpportunityLineInput).max(100),
    expectedCloseDate: IsoDate.nullable(),
    ownerId: Id.nullable(),
    probability: z.number().int().min(0).max(100),
  })
  .partial()
  .strict()
  .openapi('OpportunityUpdate');

export const PipelineSchema = z
  .object({
    currency: z.literal('EUR'),
    stages: z.array(z.object({ stage: z.enum(STAGES), count: z.number().int(), valueCents: Money, weightedCents: Money })),
    openValueCents: Money,
    weightedForecastCents: Money,
  })
  .openapi('Pipeline');

export const FeedbackSchema = z
  .object({
    id: Id,
    accountId: Id,
    contactId: Id.nullable(),
    kind: z.enum(FEEDBACK_KINDS),
    score: z.number().int(),
    comment: z.string().nullable(),
    givenAt: Timestamp,
  })
  .openapi('Feedback');
export const FeedbackCreate = z
  .object({
    contactId: orDefault(Id.nullable(), null),
    kind: z.enum(FEEDBACK_KINDS),
    score: z.number().int(),
    comment: orDefault(trimmed(2000).nullable(), null),
    givenAt: Timestamp.optional(),
  })
  .superRefine((f, ctx) => {
    const [min, max] = f.kind === 'nps' ? [0, 10] : [1, 5];
    if (f.score < min || f.score > max) ctx.addIssue({ code: 'custom', path: ['score'], message: `${f.kind.toUpperCase()} scores run from ${min} to ${max}` });
  })
  .openapi('FeedbackCreate');

export const MatchRequest = z
  .object({
    addresses: z
      .array(z.object({ address: z.string().trim().max(320), displayName: orDefault(z.string().trim().max(200).nullable(), null) }))
      .min(1, 'give at least one address')
      .max(500, 'at most 500 addresses per request'),
  })
  .openapi('MatchRequest');

export const Page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
