// The selected item, followed as the user moves through the mailbox with the pane pinned (ItemChanged).
import { useEffect, useState } from 'react';
import type { OutlookItem } from '../host/outlook-item.ts';
import type { PaneHost } from './pane-services.tsx';

export type ItemState = { status: 'loading' } | { status: 'ready'; item: OutlookItem | null; version: number } | { status: 'error'; error: unknown };

export function useOutlookItem(host: PaneHost): ItemState & { reload: () => void } {
  const [state, setState] = useState<ItemState>({ status: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    let version = 0;
    const read = () => {
      performance.mark('suhde:item-reading');
      const mine = ++version;
      setState({ status: 'loading' });
      host.readCurrentItem().then(
        (item) => {
          performance.mark('suhde:item-read');
          if (live && mine === version) setState({ status: 'ready', item, version: mine });
        },
        (error: unknown) => live && mine === version && setState({ status: 'error', error }),
      );
    };
    read();
    const off = host.onItemChanged(read).catch(() => async () => undefined);
    return () => {
      live = false;
      void off.then((f) => f());
    };
  }, [host, round]);
  return { ...state, reload: () => setRound((r) => r + 1) };
}
