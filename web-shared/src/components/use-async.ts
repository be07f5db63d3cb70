// Loading, result and error of one async call, with reload() for retry buttons and after saves. Stale answers are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';

export type AsyncState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'done'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: unknown };

export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const seq = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  const shown = useRef<typeof run | null>(null);
  useEffect(() => {
    const mine = ++seq.current;
    // A reload of what is shown (after a save, say) keeps it on screen until the new answer replaces it: blanking
    // the view to a spinner unmounted its controls, and a dialog closing over them, and lost the reader's place.
    // New deps are another question, whose old answer must not stay.
    const again = shown.current === run;
    shown.current = run;
    setState((s) => (again && s.status === 'done' ? s : { status: 'loading' }));
    run().then(
      (data) => mine === seq.current && setState({ status: 'done', data }),
      (error: unknown) => mine === seq.current && setState({ status: 'error', error }),
    );
  }, [run, round]);
  return { ...state, reload: () => setRound((r) => r + 1) };
}
