// Whether an import's run is still alive. The running job touches its import every IMPORT_HEARTBEAT_MS (between
// batches and while one is written), so an import left "running" and untouched for IMPORT_STALE_MS died with its
// server: it is shown as stopped, and starting it again continues after the last batch it committed.

export const IMPORT_HEARTBEAT_MS = 5_000;
/** Six missed beats: long enough for a slow batch on a busy database, short enough that the page soon says so. */
export const IMPORT_STALE_MS = 30_000;

interface RunState {
  status: 'uploaded' | 'planned' | 'running' | 'done' | 'failed';
  updatedAt: number;
  doneRows: number;
  totalRows: number;
  error: string | null;
}

/** A run that says "running" but whose job has stopped touching it. */
export function runAbandoned(i: Pick<RunState, 'status' | 'updatedAt'>, now: number): boolean {
  return i.status === 'running' && i.updatedAt < now - IMPORT_STALE_MS;
}

/** The import as a person should see it: an abandoned run is a stopped one, saying where it stopped and what to do. */
export function importAsSeen<I extends RunState>(i: I, now: number): I {
  if (!runAbandoned(i, now)) return i;
  return {
    ...i,
    status: 'failed',
    error: `The import stopped after ${i.doneRows} of ${i.totalRows} rows: the server running it shut down. Start it again to continue from row ${i.doneRows + 1}; the rows before it are imported and are not imported twice.`,
  };
}

/**
 * Where a started run begins: a stopped run (failed, or abandoned) continues after the rows it committed, since
 * each batch wrote its records, outcomes and progress in one transaction; any other run starts at the first row.
 */
export function resumeFrom(i: Pick<RunState, 'status' | 'updatedAt' | 'doneRows'>, now: number): number {
  return i.status === 'failed' || runAbandoned(i, now) ? i.doneRows : 0;
}
