import type { Db } from '../store/connect.ts';
import type { Config } from '../config.ts';
import type { SyncService } from '../sync/sync-service.ts';
import type { DashboardCache } from '../use-cases/analytics/dashboard-cache.ts';
import type { DashboardFigures } from '../use-cases/analytics/compute-dashboard.ts';
import type { RateLimits } from './rate-limit.ts';
import type { TimelinePageCache } from './timeline-page-cache.ts';

/** What the routes need from outside: the store, the clock (tests move it) and the configuration. */
export interface Deps {
  handle: Db;
  clock: () => number;
  config: Pick<Config, 'publicUrl' | 'bodyLimitBytes' | 'demo'> & { rateLimits?: RateLimits };
  /** The Graph sync engine, when this server syncs mailboxes. */
  sync?: SyncService;
  /** Computed dashboards, shared for a minute; createApp drops a tenant's after a write through the API. */
  dashboards?: DashboardCache<DashboardFigures>;
  /** Timeline pages answered before, per viewer, validated by the tenant's data version; createApp makes one. */
  timelinePages?: TimelinePageCache;
}
