import { describe, expect, it } from 'vitest';
import { DeltaExpiredError, errorCodes, GraphRequestError, graphErrorFrom } from './graph-errors.ts';

// Shaped like the example in "Microsoft Graph error responses and resource types".
const expired = {
  error: {
    code: 'syncStateNotFound',
    message: 'The sync state generation is not found.',
    innerError: { 'request-id': 'b1a4…', date: '2024-05-01T10:00:00' },
  },
};

describe('graphErrorFrom', () => {
  it('maps 410 syncStateNotFound on a delta request to DeltaExpiredError', () => {
    const e = graphErrorFrom(410, expired, { delta: true });
    expect(e).toBeInstanceOf(DeltaExpiredError);
    expect(e).toMatchObject({ status: 410, code: 'syncStateNotFound', requestId: 'b1a4…' });
  });
  it('treats a 400 with syncStateNotFound or resyncRequired (any case) as expired too', () => {
    expect(graphErrorFrom(400, { error: { code: 'SyncStateNotFound', message: 'x' } }, { delta: true })).toBeInstanceOf(DeltaExpiredError);
    expect(graphErrorFrom(400, { error: { code: 'resyncRequired', message: 'x' } }, { delta: true })).toBeInstanceOf(DeltaExpiredError);
  });
  it('treats a bare 410 (synchronization reset) as expired', () => {
    expect(graphErrorFrom(410, null, { delta: true })).toBeInstanceOf(DeltaExpiredError);
  });
  it('finds a resync code nested in innererror', () => {
    const body = { error: { code: 'generalException', message: 'x', innererror: { code: 'resyncRequired' } } };
    expect(errorCodes(body)).toEqual(['generalException', 'resyncRequired']);
    expect(graphErrorFrom(400, body, { delta: true })).toBeInstanceOf(DeltaExpiredError);
  });
  it('keeps a plain GraphRequestError outside delta requests and for other codes', () => {
    const notDelta = graphErrorFrom(410, expired, { delta: false });
    expect(notDelta).toBeInstanceOf(GraphRequestError);
    expect(notDelta).not.toBeInstanceOf(DeltaExpiredError);
    const forbidden = graphErrorFrom(403, { error: { code: 'ErrorAccessDenied', message: 'Access is denied.' } }, { delta: true });
    expect(forbidden).not.toBeInstanceOf(DeltaExpiredError);
    expect(forbidden.message).toBe('Access is denied.');
  });
});
