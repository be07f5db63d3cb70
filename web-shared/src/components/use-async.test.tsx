// @vitest-environment happy-dom
// useAsync: a reload keeps the answer on screen until the next one arrives (a view saved into does not blank to a
// spinner); new deps show loading, never the old question's answer; stale answers drop.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { useAsync } from './use-async.ts';

afterEach(cleanup);

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((a, b) => ((resolve = a), (reject = b)));
  return { promise, resolve, reject };
}

describe('useAsync', () => {
  it('keeps the shown answer through a reload and replaces it when the new one comes', async () => {
    const calls: ReturnType<typeof deferred<string>>[] = [];
    const { result } = renderHook(() => useAsync(() => { const d = deferred<string>(); calls.push(d); return d.promise; }, []));
    expect(result.current.status).toBe('loading');
    await act(async () => calls[0]!.resolve('first'));
    expect(result.current).toMatchObject({ status: 'done', data: 'first' });
    act(() => result.current.reload());
    expect(calls).toHaveLength(2);
    expect(result.current).toMatchObject({ status: 'done', data: 'first' });
    await act(async () => calls[1]!.resolve('second'));
    expect(result.current).toMatchObject({ status: 'done', data: 'second' });
  });

  it('shows a failed reload as the error, and a retry after an error as loading', async () => {
    const calls: ReturnType<typeof deferred<string>>[] = [];
    const { result } = renderHook(() => useAsync(() => { const d = deferred<string>(); calls.push(d); return d.promise; }, []));
    await act(async () => calls[0]!.resolve('first'));
    act(() => result.current.reload());
    await act(async () => calls[1]!.reject(new Error('offline')));
    expect(result.current.status).toBe('error');
    act(() => result.current.reload());
    expect(result.current.status).toBe('loading');
  });

  it('shows loading, not the old answer, when the question changes, and drops the old question’s late answer', async () => {
    const calls = new Map<string, ReturnType<typeof deferred<string>>>();
    const { result, rerender } = renderHook(({ id }) => useAsync(() => { const d = deferred<string>(); calls.set(id, d); return d.promise; }, [id]), { initialProps: { id: 'a' } });
    await act(async () => calls.get('a')!.resolve('account a'));
    expect(result.current).toMatchObject({ status: 'done', data: 'account a' });
    const first = calls.get('a')!;
    rerender({ id: 'b' });
    expect(result.current.status).toBe('loading');
    await act(async () => first.resolve('late a'));
    expect(result.current.status).toBe('loading');
    await act(async () => calls.get('b')!.resolve('account b'));
    await waitFor(() => expect(result.current).toMatchObject({ status: 'done', data: 'account b' }));
  });
});
