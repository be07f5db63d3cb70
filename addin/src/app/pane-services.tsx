// What the pane's components reach the outside through: the API client, the signed-in user, the colleagues
// (for "owner" and "logged by" names), and the host actions. Given by main.tsx, by tests with real parts.
import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient, User } from '../../../web-shared/src/index.ts';
import type { LogIntent, OutlookItem } from '../host/outlook-item.ts';

export interface PaneHost {
  readCurrentItem(): Promise<OutlookItem | null>;
  onItemChanged(onChange: () => void): Promise<() => Promise<void>>;
  saveLogIntent(intent: LogIntent | null): Promise<void>;
  openInBrowser(url: string): void;
}

export interface PaneServices {
  api: ApiClient;
  me: User;
  colleagues: User[];
  host: PaneHost;
  /** Where "Open in Teams" goes: the Teams app id (a deep link) or, outside Microsoft 365, the web page. */
  teams: { appId: string | null; webOrigin: string };
  now?: () => number;
}

const Ctx = createContext<PaneServices | null>(null);

export function PaneServicesProvider({ value, children }: { value: PaneServices; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function usePaneServices(): PaneServices {
  const v = useContext(Ctx);
  if (!v) throw new Error('usePaneServices outside PaneServicesProvider');
  return v;
}

export function colleagueName(s: PaneServices, id: string | null | undefined): string | null {
  if (!id) return null;
  return s.colleagues.find((u) => u.id === id)?.displayName ?? null;
}
