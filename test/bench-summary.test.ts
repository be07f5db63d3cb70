// The benchmark's summary writer (test/bench/summary.ts) on fixed inputs: every key for both databases, medians
// and spreads from the runs, and a reason wherever a figure was not measured.
import { describe, expect, it } from 'vitest';
import { assembleSummary, median, SUMMARY_KEYS } from './bench/summary.ts';

const runs = (...xs: number[]) => ({ runs: xs });

describe('bench summary', () => {
  const summary = assembleSummary({
    at: '2026-12-06T04:00:00.000Z', quick: true, machine: '2 cores', note: 'shared machine', sizes: { interactions: 20_000 },
    databases: {
      sqlite: {
        'timeline.reqPerSec': runs(900, 1100, 1000), 'timeline.bareReqPerSec': runs(6000, 5000, 7000), 'timeline.p99Ms': runs(40.123, 50, 45),
        'ingest.perSec': runs(4000, 5000, 4500), 'ingest.rawPerSec': runs(20_000, 18_000, 22_000),
        'sync.itemsPerSec': runs(3000, 3300, 3100), 'sync.graphOnlyItemsPerSec': runs(14_000, 12_000, 13_000), 'sync.dbShare': runs(0.81234, 0.8, 0.9),
        'dashboard.computedP50Ms': { missing: 'not measured: the dashboard benchmark failed (exit 1)' },
      },
      postgres: { missing: 'not measured: set SUHDE_BENCH_DATABASE_URL or SUHDE_TEST_DATABASE_URL' },
    },
  }) as any;

  it('writes every key for both databases', () => {
    for (const db of ['sqlite', 'postgres']) {
      for (const key of SUMMARY_KEYS) {
        const [group, name] = key.split('.') as [string, string];
        expect(summary[db][group], `${db}.${key}`).toHaveProperty(name);
      }
    }
  });

  it('gives the median of the runs with their spread, rounded for reading', () => {
    expect(summary.sqlite.timeline.reqPerSec).toBe(1000);
    expect(summary.sqlite.spread['timeline.reqPerSec']).toEqual({ median: 1000, min: 900, max: 1100, runs: [900, 1100, 1000] });
    expect(summary.sqlite.timeline.p99Ms).toBe(45);
    expect(summary.sqlite.sync.dbShare).toBe(0.812);
    expect(summary.sqlite.spread['sync.dbShare']).toMatchObject({ min: 0.8, max: 0.9 });
    expect(summary.sqlite.ratios).toEqual({ timelineToBare: 0.17, ingestToRaw: 0.23, syncToGraphOnly: 0.24 });
  });

  it('says why a figure is missing instead of leaving it out', () => {
    expect(summary.sqlite.dashboard.computedP50Ms).toMatch(/failed/);
    expect(summary.sqlite.spread).not.toHaveProperty('dashboard.computedP50Ms');
    expect(summary.postgres.timeline.reqPerSec).toMatch(/SUHDE_BENCH_DATABASE_URL/);
    expect(summary.postgres.ratios.ingestToRaw).toBeNull();
  });

  it('takes the middle two of an even number of runs', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
