// The CRM's vocabulary as plain values: what every layer (domain, store, routes, front ends) speaks.
// Times are epoch milliseconds (UTC); money is integer cents in the opportunity's currency.
import { DEFAULT_CARE_PLANS, type CarePlan } from './care-plan.ts';

export const ROLES = ['rep', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const TIERS = ['A', 'B', 'C', 'D'] as const;
export type Tier = (typeof TIERS)[number];

export const LIFECYCLES = ['prospect', 'customer', 'key_account', 'former'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export const SIZES = ['micro', 'small', 'medium', 'large', 'enterprise'] as const;
export type CompanySize = (typeof SIZES)[number];

export const INTERACTION_KINDS = ['email', 'meeting', 'call', 'note', 'chat'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const PARTICIPANT_ROLES = ['from', 'to', 'cc', 'organizer', 'attendee'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const SOURCES = ['addin', 'sync', 'manual', 'teams'] as const;
export type InteractionSource = (typeof SOURCES)[number];

/** private: only the users who hold it; metadata: others see that it happened, not what was said; shared: everyone. */
export const VISIBILITIES = ['private', 'metadata', 'shared'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const STAGES = ['identified', 'contacted', 'offer', 'negotiation', 'won', 'lost'] as const;
export type Stage = (typeof STAGES)[number];
export const OPEN_STAGES: readonly Stage[] = ['identified', 'contacted', 'offer', 'negotiation'];

export const FEEDBACK_KINDS = ['nps', 'csat'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export interface TenantSettings {
  /** Contact cadence per tier in days; null means the tier has no cadence (D by default). */
  cadenceDays: Record<Tier, number | null>;
  /** The tenant's own mail domains: addresses there are colleagues, never contacts. */
  internalDomains: string[];
  /** Domains and addresses whose mail is never captured (e.g. a spouse's employer, a union). */
  blockedDomains: string[];
  blockedAddresses: string[];
  /** Visibility given to interactions found by mailbox sync. */
  defaultSyncVisibility: Visibility;
  /** Whether a short body preview may be stored with synced email. */
  storeSnippets: boolean;
  /** Minutes of effort counted per email in the managers' effort figures. */
  minutesPerEmail: number;
  /** Win probability per open stage, in percent. */
  stageProbability: Record<Stage, number>;
  /** How long interactions are kept: after `months` (null keeps them) the daily job deletes or anonymises them. */
  retention: Retention;
  /** An open opportunity with no touch for this many days is idle: Today and the activity-feed reminders say so. */
  idleDealDays: number;
  /** What each tier's care plan holds beside its cadence: meetings a quarter, business reviews, NPS surveys. */
  carePlans: Record<Tier, CarePlan>;
  /** The organisation's IANA time zone: where the care plans' quarters and years start. */
  timeZone: string;
}

export const RETENTION_ACTIONS = ['delete', 'anonymise'] as const;
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];
export interface Retention {
  months: number | null;
  action: RetentionAction;
}

export const DEFAULT_TENANT_SETTINGS: TenantSettings = {
  cadenceDays: { A: 14, B: 30, C: 90, D: null },
  internalDomains: [],
  blockedDomains: [],
  blockedAddresses: [],
  defaultSyncVisibility: 'metadata',
  storeSnippets: false,
  minutesPerEmail: 5,
  stageProbability: { identified: 10, contacted: 20, offer: 50, negotiation: 75, won: 100, lost: 0 },
  retention: { months: null, action: 'anonymise' },
  idleDealDays: 21,
  carePlans: DEFAULT_CARE_PLANS,
  timeZone: 'Europe/Helsinki',
};

export interface Tenant {
  id: string;
  name: string;
  /** The Entra ID directory (tid) this tenant signs in with. */
  entraTenantId: string;
  settings: TenantSettings;
  createdAt: number;
}

export interface User {
  id: string;
  tenantId: string;
  /** Entra object id: identity is (tid, oid), never the email or UPN. */
  entraObjectId: string;
  displayName: string;
  email: string;
  role: Role;
  team: string | null;
  createdAt: number;
}

export interface Account {
  id: string;
  tenantId: string;
  name: string;
  domains: string[];
  tier: Tier;
  lifecycle: Lifecycle;
  ownerId: string | null;
  industry: string | null;
  size: CompanySize | null;
  region: string | null;
  /** The newest interaction with the account's external participants (not notes). */
  lastContactAt: number | null;
  createdAt: number;
  updatedAt: number;
  /** When it was archived (left lists, Today and counts), or null. */
  archivedAt?: number | null;
}

export interface Contact {
  id: string;
  tenantId: string;
  accountId: string | null;
  name: string;
  emails: string[];
  phones: string[];
  title: string | null;
  ownerId: string | null;
  createdAt: number;
  updatedAt: number;
  archivedAt?: number | null;
}

/** Who a participant turned out to be. */
export type ParticipantResolution =
  | { type: 'user'; userId: string }
  | { type: 'contact'; contactId: string; accountId: string | null }
  | { type: 'unknown' };

export interface Participant {
  role: ParticipantRole;
  address: string;
  displayName: string | null;
  userId: string | null;
  contactId: string | null;
}

export interface Interaction {
  id: string;
  tenantId: string;
  kind: InteractionKind;
  direction: Direction | null;
  occurredAt: number;
  subject: string | null;
  snippet: string | null;
  note: string | null;
  durationMinutes: number | null;
  participants: Participant[];
  accountIds: string[];
  opportunityId: string | null;
  source: InteractionSource;
  visibility: Visibility;
  /** Users who logged the interaction or hold it in their mailbox or calendar. */
  holders: { userId: string; relation: 'logged' | 'holds'; at: number }[];
  /** Dedup key, e.g. "msgid:<...>" or "ical:<...>"; null for manual notes and calls. */
  externalKey: string | null;
  /** A person's mark on a meeting: true a business review, false not one, null (or absent, as before it was read) decided by its subject (care-plan.ts). */
  businessReview?: boolean | null;
  createdAt: number;
  updatedAt: number;
}

export interface OpportunityLine {
  product: string;
  /** The catalogue product the line was chosen from (domain/products.ts); null or absent for a free-text line. */
  productId?: string | null;
  quantity: number;
  /** Cents. */
  unitPrice: number;
}

export interface Opportunity {
  id: string;
  tenantId: string;
  accountId: string;
  name: string;
  stage: Stage;
  /** Cents; the sum of the lines when there are lines. */
  value: number;
  currency: string;
  lines: OpportunityLine[];
  expectedCloseDate: string | null; // YYYY-MM-DD
  probability: number;
  ownerId: string | null;
  stageChangedAt: number;
  createdAt: number;
  updatedAt: number;
  archivedAt?: number | null;
}

export interface Feedback {
  id: string;
  tenantId: string;
  accountId: string;
  contactId: string | null;
  kind: FeedbackKind;
  score: number;
  comment: string | null;
  givenAt: number;
}

export const DAY_MS = 86_400_000;
