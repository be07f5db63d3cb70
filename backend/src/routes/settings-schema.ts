// The tenant's settings as PUT /settings takes them and GET /settings answers them (kept apart from schemas.ts,
// which holds the records' schemas).
import { z } from '@hono/zod-openapi';
import { RETENTION_ACTIONS, STAGES, TIERS, VISIBILITIES } from '../domain/types.ts';
import { Domain, Email } from './schemas.ts';
import { CARE_PLAN_FREQUENCIES, CARE_PLAN_ITEMS } from '../domain/care-plan.ts';
import { isValidTimeZone } from '../domain/period.ts';

const CarePlanSchema = z
  .object({
    meetingsPerQuarter: z.number().int().min(0, 'must be 0 or more').max(60, 'must be at most 60 a quarter'),
    businessReview: z.enum(CARE_PLAN_FREQUENCIES).openapi({ description: 'A meeting whose subject names a business review (QBR, liiketoimintakatsaus) each quarter or year' }),
    npsSurvey: z.enum(CARE_PLAN_FREQUENCIES).openapi({ description: 'An NPS answer recorded for the account each quarter or year' }),
  })
  .strict()
  .openapi('CarePlan');

export const SettingsSchema = z
  .object({
    cadenceDays: z.object(Object.fromEntries(TIERS.map((t) => [t, z.number().int().min(1).max(3650).nullable()])) as Record<(typeof TIERS)[number], z.ZodNullable<z.ZodNumber>>),
    internalDomains: z.array(Domain).max(50),
    blockedDomains: z.array(Domain).max(1000),
    blockedAddresses: z.array(Email).max(5000),
    defaultSyncVisibility: z.enum(VISIBILITIES),
    storeSnippets: z.boolean(),
    minutesPerEmail: z.number().int().min(0).max(240),
    stageProbability: z.object(Object.fromEntries(STAGES.map((s) => [s, z.number().int().min(0).max(100)])) as Record<(typeof STAGES)[number], z.ZodNumber>),
    // Optional on the way in, so a client that predates retention keeps the tenant's choice rather than failing.
    retention: z.object({
      months: z.number().int().min(1, 'must be at least 1 month').max(1200, 'must be at most 1200 months').nullable().openapi({ description: 'Months an interaction is kept; null keeps it' }),
      action: z.enum(RETENTION_ACTIONS).openapi({ description: 'delete: removed, then purged; anonymise: subject, snippet, note and addresses blanked, counts kept' }),
    }).optional(),
    idleDealDays: z.number().int().min(1).max(365).optional()
      .openapi({ description: 'An open opportunity with no touch for this many days is idle (Today, activity-feed reminders). Left out: unchanged.' }),
    carePlans: z.object(Object.fromEntries(TIERS.map((t) => [t, CarePlanSchema])) as Record<(typeof TIERS)[number], typeof CarePlanSchema>).optional()
      .openapi({ description: 'What each tier’s care plan holds beside its cadence (calendar quarters and years in timeZone). Left out: unchanged.' }),
    timeZone: z.string().max(64).refine(isValidTimeZone, 'must be an IANA time zone like Europe/Helsinki').optional()
      .openapi({ description: 'The organisation’s IANA time zone: where the care plans’ quarters and years start (default Europe/Helsinki). Left out: unchanged.', example: 'Europe/Helsinki' }),
  })
  .openapi('TenantSettings');

/** An account's tier's care plan and where the account stands against it (GET /accounts/{id}). */
export const CarePlanStatusSchema = z
  .object({
    tier: z.enum(TIERS),
    plan: CarePlanSchema,
    items: z.array(z.object({
      item: z.enum(CARE_PLAN_ITEMS),
      target: z.number().int().openapi({ description: 'How many the plan asks for in the period' }),
      done: z.number().int().openapi({ description: 'How many happened in the period so far' }),
      state: z.enum(['done', 'due']),
      periodStart: z.number(),
      periodEnd: z.number().openapi({ description: 'Exclusive: the item is due by then' }),
      lastAt: z.number().nullable(),
    })).openapi({ description: 'The plan’s items for the current calendar quarter or year in the organisation’s time zone (settings timeZone); items the plan does not ask for are left out' }),
  })
  .openapi('CarePlanStatus');
