// The Kysely table types of the mailbox sync (mailboxes, cursors, subscriptions, item refs, skips), joined into
// Database in database.ts.

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
