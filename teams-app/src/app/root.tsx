// The tab's frame: theme and language, sign-in (the demo picker or Entra), who I am and my colleagues, then
// the page the route names. Nothing here waits without showing why.
import { Suspense, useEffect, useMemo, useState } from 'react';
import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import {
  createApiClient, fluentTheme, I18nProvider, listDemoUsers, unwrap, useAsync, ErrorState, LoadingState,
  type AuthProvider, type DemoUser, type I18n, type ThemeVariant,
} from '../../../web-shared/src/index.ts';
import type { TeamsHost } from '../host/teams-host.ts';
import { variantOfTeamsTheme } from '../host/theme.ts';
import { demoAuth, entraAuth, rememberDemoUser } from './auth.ts';
import { Shell } from './shell.tsx';
import type { Route } from './route.ts';
import { routeSearch } from './route.ts';
import { ServicesProvider, type AppServices } from './services.tsx';
import { lazyPart, whenIdle } from './lazy-part.tsx';

// Neither is the tab's first screen: the demo's sign-in is shown once per demo session, the settings page only
// in config.html. Each follows a spinner (demo users, who am I), which stays up while its chunk arrives.
const demoSignIn = lazyPart(() => import('./demo-sign-in.tsx').then((m) => m.DemoSignIn));
const configPage = lazyPart(() => import('../features/config/config-page.tsx').then((m) => m.ConfigPage));

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
});

export interface RootProps {
  host: TeamsHost;
  i18n: I18n;
  variant: ThemeVariant;
  route: Route;
  /** The demo user remembered from before, if any. */
  demoUserId: string | null;
  storage: Storage | null;
  /** The tab, or the configurable tab's settings page. */
  page?: 'tab' | 'config';
  /** For tests: a fetch that reaches the app directly, and where the backend is. */
  fetch?: typeof fetch;
  baseUrl?: string;
  now?: () => number;
}

export function Root(props: RootProps) {
  const s = useStyles();
  const [variant, setVariant] = useState(props.variant);
  useEffect(() => {
    if (props.page === 'config') return whenIdle(configPage.preload); // while sign-in runs
  }, [props.page]);
  useEffect(() => props.host.onThemeChange((t) => setVariant(variantOfTeamsTheme(t))), [props.host]);
  useEffect(() => {
    document.documentElement.lang = props.i18n.locale;
  }, [props.i18n]);
  return (
    // The page's background sits on an inner div: Fluent copies the provider's className onto its portals
    // (menus, dropdowns), where a full-height background would cover the page.
    <FluentProvider theme={fluentTheme(variant, props.host.context.hosted ? 'teams' : 'web')} data-theme={variant}>
      <div className={s.root}>
        <I18nProvider i18n={props.i18n}>
          <SignedIn {...props} />
        </I18nProvider>
      </div>
    </FluentProvider>
  );
}

function SignedIn(props: RootProps) {
  const opts = { ...(props.baseUrl ? { baseUrl: props.baseUrl } : {}), ...(props.fetch ? { fetch: props.fetch } : {}) };
  const demo = useAsync(() => listDemoUsers(opts), []);
  const [demoUserId, setDemoUserId] = useState(props.demoUserId);
  const choose = (id: string | null) => {
    rememberDemoUser(props.storage, id);
    setDemoUserId(id);
  };
  if (demo.status === 'loading') return <LoadingState />;
  if (demo.status === 'error') return <ErrorState error={demo.error} onRetry={demo.reload} />;
  const demoUsers = demo.data;
  if (demoUsers && !(demoUserId && demoUsers.some((u) => u.id === demoUserId))) return <Suspense fallback={<LoadingState />}><demoSignIn.Component users={demoUsers} onPick={choose} /></Suspense>;
  let auth: AuthProvider;
  try {
    auth = demoUsers ? demoAuth(demoUserId!, opts) : entraAuth(props.host);
  } catch (e) {
    return <ErrorState error={e} />;
  }
  return <Session key={demoUserId ?? 'entra'} {...props} auth={auth} demoUsers={demoUsers} onSwitchUser={demoUsers ? () => choose(null) : undefined} />;
}

function Session(props: RootProps & { auth: AuthProvider; demoUsers: DemoUser[] | null; onSwitchUser: (() => void) | undefined }) {
  const api = useMemo(
    () => createApiClient({ getToken: () => props.auth.getToken(), ...(props.baseUrl ? { baseUrl: props.baseUrl } : {}), ...(props.fetch ? { fetch: props.fetch } : {}) }),
    [props.auth, props.baseUrl, props.fetch],
  );
  const who = useAsync(async () => {
    const [me, users] = await Promise.all([unwrap(api.me.$get()), unwrap(api.users.$get())]);
    return { me: me.user, colleagues: users.items };
  }, [api]);
  const [route, setRoute] = useState(props.route);
  useEffect(() => {
    // Browser back and forward move between pages as the address bar says.
    const onPop = () => setRoute((history.state as { route?: Route } | null)?.route ?? props.route);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [props.route]);
  useEffect(() => {
    if (who.status !== 'loading') props.host.notifyLoaded();
  }, [who.status, props.host]);
  if (who.status === 'loading') return <LoadingState />;
  if (who.status === 'error') return <ErrorState error={who.error} onRetry={who.reload} />;
  const services: AppServices = {
    api,
    me: who.data.me,
    colleagues: who.data.colleagues,
    host: props.host,
    now: props.now ?? Date.now,
    navigate: (next) => {
      setRoute(next);
      try {
        history.pushState({ route: next }, '', routeSearch(next, new URLSearchParams(location.search)));
      } catch {
        // Sandboxed frames may refuse history; the page still changes.
      }
      window.scrollTo?.(0, 0);
    },
  };
  return (
    <ServicesProvider value={services}>
      {props.page === 'config'
        ? <Suspense fallback={<LoadingState />}><configPage.Component origin={props.baseUrl ?? location.origin} /></Suspense>
        : <Shell route={route} onSwitchUser={props.onSwitchUser} />}
    </ServicesProvider>
  );
}
