// The tenant's retention, applied: interactions that happened before the cutoff are removed (through the one
// removal use case) and purged, or anonymised. Run daily by the retention job (sync/retention-job.ts); the clock
// is the caller's, so a test can run it at any date.
import { retentionCutoff } from '../../domain/retention.ts';
import type { RetentionAction } from '../../domain/types.ts';
import { getTenant } from '../../store/tenants.ts';
import { inTransaction, type TenantScope } from '../../store/scope.ts';
import { anonymiseInteractions, liveInteractionsBefore, purgeRemovedBefore, unanonymisedBefore } from '../../store/retention.ts';
import { writeAudit } from '../../store/audit.ts';
import { removeExpiredInteractions } from '../interactions/remove-interaction.ts';

export interface RetentionResult {
  /** null when the tenant keeps everything. */
  action: RetentionAction | null;
  cutoff: number | null;
  removed: number;
  purged: number;
  anonymised: number;
}

/** Transactions stay short: a first run over years of history goes batch by batch. */
const BATCH = 500;

export async function applyRetention(scope: TenantScope, now: number): Promise<RetentionResult> {
  const { retention } = (await getTenant(scope)).settings;
  const cutoff = retentionCutoff(retention, now);
  if (cutoff === null) return { action: null, cutoff: null, removed: 0, purged: 0, anonymised: 0 };
  let removed = 0;
  let anonymised = 0;
  if (retention.action === 'delete') {
    for (;;) {
      const expired = await liveInteractionsBefore(scope, cutoff, BATCH);
      if (expired.length === 0) break;
      await removeExpiredInteractions(scope, expired, now);
      removed += expired.length;
    }
  } else {
    for (;;) {
      const ids = await unanonymisedBefore(scope, cutoff, BATCH);
      if (ids.length === 0) break;
      await inTransaction(scope, (tx) => anonymiseInteractions(tx, ids, now));
      anonymised += ids.length;
    }
  }
  // Removed rows past retention go in either mode: they are in no timeline or count, only kept for the trail.
  const purged = await purgeRemovedBefore(scope, cutoff);
  const result = { action: retention.action, cutoff, removed, purged, anonymised };
  // Counts only: naming the interactions would keep what the tenant asked to forget.
  if (removed + purged + anonymised > 0) {
    await writeAudit(scope, {
      actorId: null, action: 'retention.apply', entityType: 'tenant', entityId: scope.tenantId, at: now,
      detail: { action: retention.action, months: retention.months, cutoff, removed, purged, anonymised },
    });
  }
  return result;
}
