// Parts of the tab its first screen does not show (dialogs, the channel tab's settings page, the demo's sign-in)
// are separate chunks, loaded when needed or ahead of time while the browser is idle. While one is still on its
// way a labelled spinner stands in, after a short pause, so a part that arrives at once does not flash one.
import { lazy, useEffect, useState, type ComponentType } from 'react';
import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useI18n } from '../../../web-shared/src/index.ts';

export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>) {
  let pending: Promise<{ default: ComponentType<P> }> | null = null;
  const preload = () =>
    (pending ??= load().then(
      (c) => ({ default: c }),
      (e: unknown) => {
        pending = null; // a later open tries the network again
        throw e;
      },
    ));
  return { Component: lazy(preload), preload };
}

/** Runs `work` when the browser has nothing else to do (after the first screen's own requests). */
export function whenIdle(work: () => unknown): () => void {
  const run = () => void Promise.resolve(work()).catch((e: unknown) => console.warn('Suhde: loading a part ahead of time failed; it loads when opened', e));
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 3000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 1000);
  return () => clearTimeout(id);
}

const useStyles = makeStyles({
  inline: { padding: tokens.spacingVerticalXL, display: 'flex', justifyContent: 'center' },
  // Where a dialog will open: centred over the page, as the dialog will be.
  overlay: { position: 'fixed', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center', zIndex: 1000000 },
});

/** Suspense fallback: nothing for the first 300 ms, then a spinner with a label. */
export function PendingPart({ overlay = false }: { overlay?: boolean }) {
  const { t } = useI18n();
  const s = useStyles();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const id = setTimeout(() => setShown(true), 300);
    return () => clearTimeout(id);
  }, []);
  return (
    <div className={overlay ? s.overlay : s.inline} role="status" aria-live="polite">
      {shown && <Spinner size="small" label={t('common.loading')} />}
    </div>
  );
}
