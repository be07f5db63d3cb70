// The page frame: navigation between my accounts, Today and (for managers) the dashboard, who is signed in,
// and the page itself. Inside Teams the personal tabs are the navigation; the bar stays for the web page.
import { Suspense, useEffect } from 'react';
import { Button, Caption1, Tab, TabList, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useI18n } from '../../../web-shared/src/index.ts';
import { useServices } from './services.tsx';
import type { Route, View } from './route.ts';
import { AccountsView } from '../features/accounts/accounts-view.tsx';
import { TopBarSearch } from '../features/search/top-bar-search.tsx';
import { PendingPart, lazyPart, whenIdle } from './lazy-part.tsx';

// Each page but the first (my accounts) is its own chunk (lazy-part.tsx), so the tab's first paint carries one
// page: the dashboard and its charts above all, which a salesperson never needs. A page's chunk is fetched when its
// tab is pointed at or focused, and an account's page (where the list leads) once the first screen has settled.
const views = {
  account: lazyPart(() => import('../features/account/account-view.tsx').then((m) => m.AccountView)),
  today: lazyPart(() => import('../features/today/today-view.tsx').then((m) => m.TodayView)),
  meeting: lazyPart(() => import('../features/meeting/meeting-panel.tsx').then((m) => m.MeetingPanel)),
  dashboard: lazyPart(() => import('../features/dashboard/dashboard-view.tsx').then((m) => m.DashboardView)),
  'my-mailbox': lazyPart(() => import('../features/my-mailbox/my-mailbox-view.tsx').then((m) => m.MyMailboxView)),
  sync: lazyPart(() => import('../features/sync/sync-view.tsx').then((m) => m.SyncView)),
  review: lazyPart(() => import('../features/review/review-view.tsx').then((m) => m.ReviewView)),
  duplicates: lazyPart(() => import('../features/duplicates/duplicates-view.tsx').then((m) => m.DuplicatesView)),
  products: lazyPart(() => import('../features/products/products-view.tsx').then((m) => m.ProductsView)),
  import: lazyPart(() => import('../features/import/import-view.tsx').then((m) => m.ImportView)),
  audit: lazyPart(() => import('../features/audit/audit-view.tsx').then((m) => m.AuditView)),
  settings: lazyPart(() => import('../features/settings/settings-view.tsx').then((m) => m.SettingsView)),
} satisfies Partial<Record<View, { preload: () => Promise<unknown> }>>;
/** Fetches a tab's page ahead of the click (my accounts is in the first chunk already). */
const preloadView = (view: View) => {
  if (view in views) void views[view as keyof typeof views].preload().catch((e: unknown) => console.warn(`Suhde: loading the ${view} page ahead of time failed; it loads when opened`, e));
};

const useStyles = makeStyles({
  bar: {
    display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`, backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalS },
  // A narrow tab (400 px, Finnish) wraps its tabs rather than pushing the page sideways.
  nav: { minWidth: 0, maxWidth: '100%' },
  tabs: { flexWrap: 'wrap' },
  me: { marginLeft: 'auto', display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  main: { padding: tokens.spacingHorizontalL, maxWidth: '90rem', margin: '0 auto' },
  compact: { padding: tokens.spacingHorizontalS },
});

export function Shell({ route, onSwitchUser }: { route: Route; onSwitchUser: (() => void) | undefined }) {
  const { t } = useI18n();
  const { me, navigate, host } = useServices();
  const s = useStyles();
  const manager = me.role === 'manager' || me.role === 'admin';
  const tabs: { view: View; label: string }[] = [
    { view: 'accounts', label: t('nav.accounts') },
    { view: 'today', label: t('nav.today') },
    { view: 'review', label: t('nav.review') },
    ...(manager ? [{ view: 'dashboard' as const, label: t('nav.dashboard') }, { view: 'duplicates' as const, label: t('nav.duplicates') }, { view: 'import' as const, label: t('nav.import') }] : []),
    { view: 'products', label: t('nav.products') },
    { view: 'my-mailbox', label: t('nav.myMailbox') },
    ...(me.role === 'admin' ? [{ view: 'sync' as const, label: t('nav.sync') }, { view: 'audit' as const, label: t('nav.audit') }, { view: 'settings' as const, label: t('nav.settings') }] : []),
  ];
  const current = route.view === 'account' ? 'accounts' : route.view;
  const sidePanel = route.view === 'meeting';
  useEffect(() => (sidePanel ? undefined : whenIdle(views.account.preload)), [sidePanel]);
  return (
    <>
      {!sidePanel && (
        <header className={s.bar}>
          <Text className={s.brand}>Suhde</Text>
          <nav aria-label={t('nav.label')} className={s.nav}>
            <TabList className={s.tabs} selectedValue={current} onTabSelect={(_, d) => navigate({ view: d.value as View })} size="small">
              {tabs.map((tab) => (
                <Tab key={tab.view} value={tab.view} onPointerEnter={() => preloadView(tab.view)} onFocus={() => preloadView(tab.view)}>{tab.label}</Tab>
              ))}
            </TabList>
          </nav>
          <TopBarSearch />
          <div className={s.me}>
            <Caption1>
              {onSwitchUser ? t('demo.signInAs') : t('signIn.signedInAs')} <strong>{me.displayName}</strong> ({t(`role.${me.role}`)})
            </Caption1>
            {onSwitchUser && <Button size="small" onClick={onSwitchUser}>{t('signIn.switch')}</Button>}
          </div>
        </header>
      )}
      <main className={sidePanel ? s.compact : s.main} data-view={route.view} data-hosted={host.context.hosted ? 'teams' : 'web'}>
        <Suspense fallback={<PendingPart />}>
          <Page route={route} manager={manager} admin={me.role === 'admin'} />
        </Suspense>
      </main>
    </>
  );
}

function Page({ route, manager, admin }: { route: Route; manager: boolean; admin: boolean }) {
  const { t } = useI18n();
  switch (route.view) {
    case 'today':
      return <views.today.Component />;
    case 'dashboard':
      if (!manager) return <Text role="alert">{t('dashboard.managersOnly')}</Text>;
      return <views.dashboard.Component />;
    case 'my-mailbox': {
      const MyMailboxView = views['my-mailbox'].Component;
      return <MyMailboxView />;
    }
    case 'sync':
      if (!admin) return <Text role="alert">{t('sync.adminsOnly')}</Text>;
      return <views.sync.Component />;
    case 'review':
      return <views.review.Component />;
    case 'duplicates':
      if (!manager) return <Text role="alert">{t('duplicates.managersOnly')}</Text>;
      return <views.duplicates.Component />;
    case 'products':
      return <views.products.Component />;
    case 'import':
      if (!manager) return <Text role="alert">{t('import.managersOnly')}</Text>;
      return <views.import.Component />;
    case 'audit':
      if (!admin) return <Text role="alert">{t('audit.adminsOnly')}</Text>;
      return <views.audit.Component />;
    case 'settings':
      if (!admin) return <Text role="alert">{t('settings.adminsOnly')}</Text>;
      return <views.settings.Component />;
    case 'account':
      return <views.account.Component accountId={route.accountId!} {...(route.interactionId ? { interactionId: route.interactionId } : {})} />;
    case 'meeting':
      return <views.meeting.Component {...(route.accountId ? { accountId: route.accountId } : {})} {...(route.chatId ? { chatId: route.chatId } : {})} />;
    default:
      return <AccountsView />;
  }
}
