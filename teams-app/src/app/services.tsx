// What the views reach the outside through: the API client, who is signed in, the colleagues (names for ids),
// the host (Teams or the plain page) and navigation. main.tsx builds it; component tests build it with real parts.
import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient, User } from '../../../web-shared/src/index.ts';
import type { TeamsHost } from '../host/teams-host.ts';
import type { Route } from './route.ts';

export interface AppServices {
  api: ApiClient;
  me: User;
  colleagues: User[];
  host: TeamsHost;
  navigate(route: Route): void;
  now(): number;
}

const Ctx = createContext<AppServices | null>(null);

export function ServicesProvider({ value, children }: { value: AppServices; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useServices(): AppServices {
  const v = useContext(Ctx);
  if (!v) throw new Error('useServices outside ServicesProvider');
  return v;
}

/** A colleague's name for an id, or null. */
export function useColleagueName(): (id: string | null | undefined) => string | null {
  const { colleagues } = useServices();
  return (id) => (id ? (colleagues.find((u) => u.id === id)?.displayName ?? null) : null);
}
