// What the caller may do to a record, as answers carry it: one {allowed, reason} per action, from the rules in
// domain/record-permissions.ts. The UI disables what is not allowed and shows the reason instead of a 403.
import { z } from '@hono/zod-openapi';

export const PermissionSchema = z
  .object({ allowed: z.boolean(), reason: z.string().nullable().openapi({ description: 'Why not, for a person to read; null when allowed' }) })
  .openapi('Permission');

export const AccountCanSchema = z
  .object({ edit: PermissionSchema, changeTier: PermissionSchema, changeOwner: PermissionSchema, archive: PermissionSchema })
  .openapi('AccountPermissions');

export const ContactCanSchema = z.object({ edit: PermissionSchema, changeOwner: PermissionSchema, archive: PermissionSchema }).openapi('ContactPermissions');

export const OpportunityCanSchema = z
  .object({ edit: PermissionSchema, moveStage: PermissionSchema, changeOwner: PermissionSchema, archive: PermissionSchema })
  .openapi('OpportunityPermissions');
