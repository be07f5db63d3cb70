// The zod schemas of the buying committee, the "Show archived" filter and duplicate dismissals (schemas.ts is full).
import { z } from '@hono/zod-openapi';
import { CONTACT_ROLES } from '../domain/contact-roles.ts';
import { Id } from './schemas.ts';

export const ArchivedQuery = z.object({
  archived: z.enum(['include', 'only']).optional().openapi({
    description: 'Archived records are left out by default. `include`: archived ones too (shown dimmed, with Restore); `only`: only archived ones.',
  }),
});

export const ContactRoleSchema = z.enum(CONTACT_ROLES).openapi('ContactRole', { description: 'A contact’s part in a deal’s buying committee' });

export const CommitteeMemberSchema = z
  .object({
    contactId: Id,
    name: z.string(),
    title: z.string().nullable(),
    contactArchivedAt: z.number().int().nullable().openapi({ description: 'Set when the contact was archived since: their role stays, shown dimmed' }),
    role: ContactRoleSchema,
    createdAt: z.number().int(),
    createdBy: z.string().nullable(),
    updatedAt: z.number().int(),
  })
  .openapi('BuyingCommitteeMember');

export const CommitteeSchema = z.object({ items: z.array(CommitteeMemberSchema) }).openapi('BuyingCommittee');

export const ContactRoleBody = z.object({ role: ContactRoleSchema }).strict().openapi('ContactRoleChange');

export const ContactParams = z.object({
  id: Id.openapi({ param: { name: 'id', in: 'path' }, description: 'The opportunity' }),
  contactId: Id.openapi({ param: { name: 'contactId', in: 'path' }, description: 'A contact of the opportunity’s account' }),
});

export const ContactDealRoleSchema = z
  .object({ contactId: Id, opportunityId: Id, opportunityName: z.string(), stage: z.string(), role: ContactRoleSchema })
  .openapi('ContactDealRole');

export const DismissalBody = z
  .object({
    kind: z.enum(['account', 'contact']),
    ids: z.tuple([Id, Id]).openapi({ description: 'The two accounts or the two contacts, in any order' }),
  })
  .strict()
  .openapi('DuplicateDismissalCreate');

export const DismissalSchema = z
  .object({
    id: Id,
    kind: z.enum(['account', 'contact']),
    ids: z.tuple([Id, Id]).openapi({ description: 'The pair, in id order' }),
    dismissedBy: Id,
    dismissedAt: z.number().int(),
  })
  .openapi('DuplicateDismissal');
