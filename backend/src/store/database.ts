// The Kysely table types: one interface per table, joined in Database. Column names are snake_case as in SQL;
// times are epoch milliseconds (bigint), money integer cents, lists and settings JSON text.
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
}

/** The timeline index: one row per (account, interaction), so a page is one range scan. */
export interface InteractionAccountTable {
  tenant_id: string;
  account_id: string;
  occurred_at: number;
  interaction_id: string;
  kind: string;
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
}

export interface OpportunityLineTable {
  tenant_id: string;
  opportunity_id: string;
  ordinal: number;
  product: string;
  quantity: number;
  unit_price_cents: number;
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

/** A mailbox an admin enabled for Graph sync (application) or a user connected (delegated). */
export interface MailboxTable {
  tenant_id: string;
  id: string;
  user_id: string;
  address: string;
  mode: string;
  /** 1 or 0 (SQLite has no boolean). */
  enabled: number;
  /** JSON array of mail folder names or ids. */
  folders: string;
  window_back_days: number;
  window_ahead_days: number;
  /** JSON arrays: the mailbox owner's own blocklist, on top of the tenant's. */
  blocked_addresses: string;
  blocked_domains: string;
  items_seen: number;
  items_stored: number;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  consecutive_failures: number;
  /** Time passes spent waiting on Graph's throttling (Retry-After or backoff), ms. */
  throttled_ms: number;
  created_at: number;
}

/** One delta cursor per mailbox stream ('mail:inbox', 'mail:sentitems', 'calendar'), with the pass's lease. */
export interface SyncCursorTable {
  tenant_id: string;
  mailbox_id: string;
  stream: string;
  delta_link: string | null;
  next_link: string | null;
  full_round: number;
  full_sync_started_at: number | null;
  window_start: number | null;
  window_end: number | null;
  lease_owner: string | null;
  lease_until: number | null;
  updated_at: number;
  consecutive_failures: number;
  last_error: string | null;
  last_error_status: number | null;
  last_error_code: string | null;
  last_error_at: number | null;
  /** Set while the stream needs an admin (a permanent Graph error): what to do, in words. */
  admin_action: string | null;
  /** A failing stream's back-off: no scheduled pass before this. */
  next_attempt_at: number | null;
  last_success_at: number | null;
  /** The last time Graph expired the delta token (410) and a full round started. */
  last_resync_at: number | null;
}

/** An item the sync could not read (a poison item): skipped, its stream went on. One row per stream and item. */
export interface SyncUnreadableItemTable {
  tenant_id: string;
  mailbox_id: string;
  stream: string;
  /** The Graph id, or a hash of the entry when it had none. */
  item_key: string;
  graph_id: string | null;
  reason: string;
  first_seen_at: number;
  last_seen_at: number;
}

/** A Graph change-notification subscription; client_state is its secret. */
export interface SubscriptionTable {
  tenant_id: string;
  id: string;
  mailbox_id: string;
  stream: string;
  resource: string;
  client_state: string;
  expires_at: number;
  created_at: number;
}

export interface SyncSkipTable {
  tenant_id: string;
  mailbox_id: string;
  reason: string;
  count: number;
  updated_at: number;
}

export interface SyncItemRefTable {
  tenant_id: string;
  mailbox_id: string;
  graph_id: string;
  stream: string;
  interaction_id: string;
  round: number;
  conversation_id: string | null;
}

export interface ThreadVisibilityTable {
  tenant_id: string;
  mailbox_id: string;
  conversation_id: string;
  visibility: string;
  updated_at: number;
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
