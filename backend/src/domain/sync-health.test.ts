import { describe, expect, it } from 'vitest';
import { streamState, summaryState, type StreamFacts } from './sync-health.ts';

const idle: StreamFacts = { adminAction: null, consecutiveFailures: 0, fullSyncStartedAt: null, leaseOwner: null, leaseUntil: null, lastSuccessAt: 1, hasDeltaLink: true };

describe('sync health', () => {
  it('puts a stream an admin must fix before a failing one, failing before backfilling, and a live lease as syncing', () => {
    expect(streamState({ ...idle, adminAction: 'Grant access', consecutiveFailures: 3 }, 10)).toBe('needs-admin');
    expect(streamState({ ...idle, consecutiveFailures: 1, fullSyncStartedAt: 5 }, 10)).toBe('failing');
    expect(streamState({ ...idle, fullSyncStartedAt: 5 }, 10)).toBe('backfilling');
    expect(streamState({ ...idle, leaseOwner: 'w1', leaseUntil: 11 }, 10)).toBe('syncing');
    expect(streamState({ ...idle, leaseOwner: 'w1', leaseUntil: 9 }, 10)).toBe('ok');
    expect(streamState({ ...idle, lastSuccessAt: null, hasDeltaLink: false }, 10)).toBe('waiting');
  });

  it('summarises a mailbox by its worst stream, so the calendar’s success never hides a failing Inbox', () => {
    expect(summaryState([{ state: 'ok' }, { state: 'failing' }, { state: 'backfilling' }])).toBe('failing');
    expect(summaryState([{ state: 'ok' }, { state: 'ok' }])).toBe('ok');
    expect(summaryState([])).toBe('waiting');
  });
});
