import { describe, expect, it } from 'vitest';
import { IMPORT_STALE_MS, importAsSeen, resumeFrom, runAbandoned } from './import-liveness.ts';

const job = (status: 'planned' | 'running' | 'failed' | 'done', updatedAt: number) => ({ status, updatedAt, doneRows: 1000, totalRows: 2500, error: null });

describe('import liveness', () => {
  it('takes a running import untouched for the stale time as abandoned, nothing else', () => {
    expect(runAbandoned(job('running', 0), IMPORT_STALE_MS)).toBe(false);
    expect(runAbandoned(job('running', 0), IMPORT_STALE_MS + 1)).toBe(true);
    expect(runAbandoned(job('planned', 0), 10 * IMPORT_STALE_MS)).toBe(false);
  });

  it('shows an abandoned run as stopped, saying where and what to do, and leaves a live one alone', () => {
    expect(importAsSeen(job('running', 0), IMPORT_STALE_MS + 1)).toMatchObject({
      status: 'failed', error: 'The import stopped after 1000 of 2500 rows: the server running it shut down. Start it again to continue from row 1001; the rows before it are imported and are not imported twice.',
    });
    const live = job('running', 0);
    expect(importAsSeen(live, 1000)).toBe(live);
  });

  it('continues a failed or abandoned run after its committed rows; anything else starts at the first row', () => {
    expect(resumeFrom(job('failed', 0), 1)).toBe(1000);
    expect(resumeFrom(job('running', 0), IMPORT_STALE_MS + 1)).toBe(1000);
    expect(resumeFrom(job('planned', 0), IMPORT_STALE_MS + 1)).toBe(0);
  });
});
