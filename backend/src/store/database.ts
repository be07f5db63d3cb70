// The Kysely table types: one interface per table, joined in Database. Column names are snake_case as in SQL;
// times are epoch milliseconds (bigint), money integer cents, lists and settings JSON text.
import type { ColumnType } from 'kysely';
import type { SavedViewTable } from './database-views.ts';
import type { MailboxTable, SyncCursorTable, SyncUnreadableItemTable, SubscriptionTable, SyncSkipTable, SyncItemRefTable, ThreadVisibilityTable } from './database-sync.ts';
import type { ProductTable } from './database-products.ts';
import type { AccountNameKeyTable, SearchDocumentTable } from './database-search.ts';
import type { ImportKeyTable, ImportRowTable, ImportTable } from './database-imports.ts';

import type { DuplicateDismissalTable, OpportunityContactTable } from './database-records.ts';

export type { DuplicateDismissalTable, OpportunityContactTable };
export type { MailboxTable, SyncCursorTable, SyncUnreadableItemTable, SubscriptionTable, SyncSkipTable, SyncItemRefTable, ThreadVisibilityTable };
export interface TenantTable {
  id: string;
  entra_tenant_id: string;
  name: string;
  settings: string;
  created_at: number;
}

export interface UserTable {
  tenant_id: string;
  id: string;
  entra_object_id: string;
  display_name: string;
  email: string;
  role: string;
  team: string | null;
  created_at: number;
  deactivated_at: number | null;
}

export interface AccountTable {
  tenant_id: string;
  id: string;
  name: string;
  tier: string;
  lifecycle: string;
  owner_id: string | null;
  industry: string | null;
  size: string | null;
  region: string | null;
  last_contact_at: number | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  /** Set aside by a person (migration 018); the record still opens by its id. Optional on insert. */
  archived_at?: ColumnType<number | null, number | null | undefined, number | null>;
  archived_by?: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AccountDomainTable {
  tenant_id: string;
  domain: string;
  account_id: string;
}

export interface ContactTable {
  tenant_id: string;
  id: string;
  account_id: string | null;
  name: string;
  title: string | null;
  phones: string;
  owner_id: string | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  /** Set aside by a person (migration 018); the record still opens by its id. Optional on insert. */
  archived_at?: ColumnType<number | null, number | null | undefined, number | null>;
  archived_by?: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ContactEmailTable {
  tenant_id: string;
  address: string;
  contact_id: string;
}

export interface InteractionTable {
  tenant_id: string;
  id: string;
  kind: string;
  direction: string | null;
  occurred_at: number;
  subject: string | null;
  snippet: string | null;
  note: string | null;
  duration_minutes: number | null;
  opportunity_id: string | null;
  source: string;
  visibility: string;
  external_key: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  deleted_by: string | null;
  /** When retention blanked its subject, snippet, note and addresses (migration 013). */
  anonymised_at?: number | null;
  /** A person's mark (migration 029): 1 a business review, 0 not one, null decided by the subject. */
  business_review?: number | null;
}

/** The timeline index: one row per (account, interaction), so a page is one range scan. */
export interface InteractionAccountTable {
  tenant_id: string;
  account_id: string;
  occurred_at: number;
  interaction_id: string;
  kind: string;
}

/** What the timeline lists for an item, per (account, interaction) (migration 015; store/timeline-rows.ts). */
export interface TimelineRowTable {
  tenant_id: string;
  account_id: string;
  occurred_at: number;
  interaction_id: string;
  kind: string;
  visibility: string;
  holder_ids: string;
  user_ids: string;
  contact_ids: string;
  /**
   * The item's API answer with slots for what depends on the viewer (domain/timeline-item.ts); NULL only between
   * migration 015 or 028 and the fill that follows it.
   */
  item: string | null;
}

export interface InteractionParticipantTable {
  tenant_id: string;
  interaction_id: string;
  ordinal: number;
  role: string;
  address: string;
  display_name: string | null;
  user_id: string | null;
  contact_id: string | null;
}

export interface InteractionHolderTable {
  tenant_id: string;
  interaction_id: string;
  user_id: string;
  relation: string;
  at: number;
}

export interface OpportunityTable {
  tenant_id: string;
  id: string;
  account_id: string;
  name: string;
  stage: string;
  value_cents: number;
  currency: string;
  expected_close_date: string | null;
  probability: number;
  owner_id: string | null;
  stage_changed_at: number;
  closed_at: number | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  /** Set aside by a person (migration 018); the record still opens by its id. Optional on insert. */
  archived_at?: ColumnType<number | null, number | null | undefined, number | null>;
  archived_by?: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface OpportunityLineTable {
  tenant_id: string;
  opportunity_id: string;
  ordinal: number;
  product: string;
  quantity: number;
  unit_price_cents: number;
  /** The catalogue product (migration 023); null for a free-text line. Optional on insert. */
  product_id?: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface OpportunityStageChangeTable {
  tenant_id: string;
  id: string;
  opportunity_id: string;
  from_stage: string | null;
  to_stage: string;
  at: number;
  by_user_id: string | null;
}

export interface FeedbackTable {
  tenant_id: string;
  id: string;
  account_id: string;
  contact_id: string | null;
  kind: string;
  score: number;
  comment: string | null;
  given_at: number;
  created_by: string | null;
  created_at: number;
}

export interface AuditLogTable {
  tenant_id: string;
  id: string;
  at: number;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  detail: string | null;
}


/**
 * The analytics index: one row per (colleague holding or having logged it, interaction, account), kept by
 * triggers from interaction_holders and interaction_accounts (migration 003). Read-only for the application.
 */
export interface AccountTouchTable {
  tenant_id: string;
  user_id: string;
  occurred_at: number;
  interaction_id: string;
  account_id: string;
  kind: string;
  direction: string | null;
  minutes: number;
}

export interface FollowUpTable {
  tenant_id: string;
  id: string;
  user_id: string;
  interaction_id: string;
  account_id: string;
  /** YYYY-MM-DD */
  due_on: string;
  done_at: number | null;
  created_at: number;
  /** Who set it (migration 017); user_id is who it is assigned to. */
  created_by: string | null;
  /** What was promised. */
  note: string | null;
  /** The date first promised, once it has been snoozed. */
  original_due_on: string | null;
  snoozed_at: number | null;
}

/** A person's choice of activity-feed reminders (migration 017): 1 on, 0 off; no row means all on. */
export interface NotificationSettingsTable {
  tenant_id: string;
  user_id: string;
  follow_ups_due: number;
  overdue_cadences: number;
  idle_deals: number;
  weekly_digest: number;
  locale: string;
  updated_at: number;
}

/** What was sent to whom for which day (migration 017): at most one per item and day. */
export interface NotificationLogTable {
  tenant_id: string;
  user_id: string;
  kind: string;
  item_key: string;
  sent_on: string;
  sent_at: number;
}

/** An online Teams meeting's chat thread (teams-js chat.id) to its meeting interaction(s) (migration 006). */
export interface MeetingThreadTable {
  tenant_id: string;
  thread_id: string;
  interaction_id: string;
  created_at: number;
}

/** The directory's verified domains (migration 009); replaced whole on each refresh. */
export interface DirectoryDomainTable {
  tenant_id: string;
  domain: string;
  is_default: number;
  is_initial: number;
}

/** Every directory user's SMTP addresses, canonical, to the user's object id. */
export interface DirectoryAddressTable {
  tenant_id: string;
  address: string;
  object_id: string;
}

export interface DirectoryRefreshTable {
  tenant_id: string;
  refreshed_at: number;
  users: number;
}

export interface Database {
  tenants: TenantTable;
  users: UserTable;
  accounts: AccountTable;
  account_domains: AccountDomainTable;
  contacts: ContactTable;
  contact_emails: ContactEmailTable;
  interactions: InteractionTable;
  interaction_accounts: InteractionAccountTable;
  interaction_participants: InteractionParticipantTable;
  interaction_holders: InteractionHolderTable;
  timeline_rows: TimelineRowTable;
  opportunities: OpportunityTable;
  opportunity_lines: OpportunityLineTable;
  opportunity_stage_changes: OpportunityStageChangeTable;
  feedback: FeedbackTable;
  audit_log: AuditLogTable;
  mailboxes: MailboxTable;
  sync_cursors: SyncCursorTable;
  subscriptions: SubscriptionTable;
  sync_skips: SyncSkipTable;
  sync_unreadable_items: SyncUnreadableItemTable;
  sync_item_refs: SyncItemRefTable;
  follow_ups: FollowUpTable;
  notification_settings: NotificationSettingsTable;
  notification_log: NotificationLogTable;
  thread_visibility: ThreadVisibilityTable;
  account_touches: AccountTouchTable;
  meeting_threads: MeetingThreadTable;
  directory_domains: DirectoryDomainTable;
  directory_addresses: DirectoryAddressTable;
  directory_refreshes: DirectoryRefreshTable;
  privacy_secrets: PrivacySecretTable;
  suppressed_addresses: SuppressedAddressTable;
  account_aliases: AccountAliasTable;
  contact_aliases: ContactAliasTable;
  share_requests: ShareRequestTable;
  saved_views: SavedViewTable;
  products: ProductTable;
  search_documents: SearchDocumentTable;
  account_name_keys: AccountNameKeyTable;
  opportunity_contacts: OpportunityContactTable;
  duplicate_dismissals: DuplicateDismissalTable;
  imports: ImportTable;
  import_rows: ImportRowTable;
  import_keys: ImportKeyTable;
}

/** A colleague's request that the holders of an item share it (migration 021). */
export interface ShareRequestTable {
  tenant_id: string;
  id: string;
  interaction_id: string;
  account_id: string | null;
  requester_id: string;
  message: string | null;
  status: 'open' | 'shared' | 'declined';
  created_at: number;
  answered_at: number | null;
  answered_by: string | null;
}

/** The tenant's key for hashing erased addresses (migration 012). */
export interface PrivacySecretTable {
  tenant_id: string;
  secret: string;
  created_at: number;
}

/** An erased address, as its keyed hash only (migration 012). */
export interface SuppressedAddressTable {
  tenant_id: string;
  address_key: string;
  created_at: number;
}

/** A merged account's id, pointing at the account it was merged into (migration 019). */
export interface AccountAliasTable {
  tenant_id: string;
  alias_id: string;
  account_id: string;
  merged_at: number;
  merged_by: string | null;
}

/** A merged contact's id, pointing at the contact it was merged into (migration 019). */
export interface ContactAliasTable {
  tenant_id: string;
  alias_id: string;
  contact_id: string;
  merged_at: number;
  merged_by: string | null;
}
