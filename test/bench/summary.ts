// bench/summary.json: one figure per measure and database, each the median of its runs with the spread beside
// it, and for a measure not taken, the reason instead of a number (never silently absent).

/** Runs of one measure, in the order they ran. */
export interface Runs {
  runs: number[];
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export const SUMMARY_KEYS = [
  'timeline.reqPerSec', 'timeline.bareReqPerSec', 'timeline.p99Ms',
  'ingest.perSec', 'ingest.rawPerSec',
  'sync.itemsPerSec', 'sync.graphOnlyItemsPerSec', 'sync.dbShare',
  'dashboard.computedP50Ms',
  'search.p50Ms', 'search.p99Ms',
  'import.rowsPerSec', 'import.concurrentP99Ms',
] as const;
export type SummaryKey = (typeof SUMMARY_KEYS)[number];

/** What one database's benchmarks measured: runs per key, or why a key was not measured. */
export type DatabaseMeasures = Partial<Record<SummaryKey, Runs | { missing: string }>>;

export interface SummaryInput {
  at: string;
  quick: boolean;
  machine: string;
  note: string;
  sizes: Record<string, number>;
  /** Per database; a database not run at all gets its reason. */
  databases: Record<'sqlite' | 'postgres', DatabaseMeasures | { missing: string }>;
  extra?: Record<string, unknown>;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of no runs');
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Rounded for reading: shares to 3 decimals, milliseconds to 2, rates to whole numbers. */
function rounded(key: SummaryKey, x: number): number {
  if (key.endsWith('dbShare')) return Math.round(x * 1000) / 1000;
  if (key.endsWith('Ms')) return Math.round(x * 100) / 100;
  return Math.round(x);
}

export function spreadOf(key: SummaryKey, runs: readonly number[]): Spread {
  const r = runs.map((x) => rounded(key, x));
  return { median: rounded(key, median(runs)), min: Math.min(...r), max: Math.max(...r), runs: r };
}

const ratio = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round((a / b) * 100) / 100 : null);

/**
 * Per database: `timeline`, `ingest`, `sync`, `dashboard` objects holding each key's median (a number) or why it
 * is missing (a string); `spread` with each measured key's min, max and runs; `ratios` against the yardsticks.
 */
export function assembleSummary(input: SummaryInput) {
  const databases: Record<string, unknown> = {};
  for (const db of ['sqlite', 'postgres'] as const) {
    const measured = input.databases[db];
    const groups: Record<string, Record<string, number | string>> = {};
    const spread: Partial<Record<SummaryKey, Spread>> = {};
    for (const key of SUMMARY_KEYS) {
      const [group, name] = key.split('.') as [string, string];
      const m = 'missing' in measured && typeof measured.missing === 'string' ? { missing: measured.missing } : (measured as DatabaseMeasures)[key];
      let value: number | string;
      if (!m) value = 'not measured: this run did not report it';
      else if ('missing' in m) value = m.missing;
      else if (m.runs.length === 0) value = 'not measured: no runs';
      else {
        spread[key] = spreadOf(key, m.runs);
        value = spread[key]!.median;
      }
      (groups[group] ??= {})[name] = value;
    }
    databases[db] = {
      ...groups,
      spread,
      ratios: {
        timelineToBare: ratio(groups.timeline!.reqPerSec, groups.timeline!.bareReqPerSec),
        ingestToRaw: ratio(groups.ingest!.perSec, groups.ingest!.rawPerSec),
        syncToGraphOnly: ratio(groups.sync!.itemsPerSec, groups.sync!.graphOnlyItemsPerSec),
      },
    };
  }
  return { at: input.at, quick: input.quick, machine: input.machine, note: input.note, sizes: input.sizes, ...databases, ...(input.extra ? { extra: input.extra } : {}) };
}
