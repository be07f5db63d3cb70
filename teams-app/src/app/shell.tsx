// The page frame: navigation between my accounts, Today and (for managers) the dashboard, who is signed in,
// and the page itself. Inside Teams the personal tabs are the navigation; the bar stays for the web page.
import { lazy, Suspense } from 'react';
import { Button, Caption1, Tab, TabList, Text, makeStyles, tokens } from '@fluentui/react-components';
import { LoadingState, useI18n } from '../../../web-shared/src/index.ts';
import { useServices } from './services.tsx';
import type { Route, View } from './route.ts';
import { AccountsView } from '../features/accounts/accounts-view.tsx';
import { TopBarSearch } from '../features/search/top-bar-search.tsx';

// Each page but the first (my accounts) loads when it is first opened, so the tab's first paint carries one
// page: the dashboard and its charts above all, which a salesperson never needs.
const AccountView = lazy(() => import('../features/account/account-view.tsx').then((m) => ({ default: m.AccountView })));
const TodayView = lazy(() => import('../features/today/today-view.tsx').then((m) => ({ default: m.TodayView })));
const MeetingPanel = lazy(() => import('../features/meeting/meeting-panel.tsx').then((m) => ({ default: m.MeetingPanel })));
const DashboardView = lazy(() => import('../features/dashboard/dashboard-view.tsx').then((m) => ({ default: m.DashboardView })));
const MyMailboxView = lazy(() => import('../features/my-mailbox/my-mailbox-view.tsx').then((m) => ({ default: m.MyMailboxView })));
const SyncView = lazy(() => import('../features/sync/sync-view.tsx').then((m) => ({ default: m.SyncView })));
const ReviewView = lazy(() => import('../features/review/review-view.tsx').then((m) => ({ default: m.ReviewView })));
const DuplicatesView = lazy(() => import('../features/duplicates/duplicates-view.tsx').then((m) => ({ default: m.DuplicatesView })));
const ProductsView = lazy(() => import('../features/products/products-view.tsx').then((m) => ({ default: m.ProductsView })));
const ImportView = lazy(() => import('../features/import/import-view.tsx').then((m) => ({ default: m.ImportView })));
const AuditView = lazy(() => import('../features/audit/audit-view.tsx').then((m) => ({ default: m.AuditView })));
const SettingsView = lazy(() => import('../features/settings/settings-view.tsx').then((m) => ({ default: m.SettingsView })));

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
  return (
    <>
      {!sidePanel && (
        <header className={s.bar}>
          <Text className={s.brand}>Suhde</Text>
          <nav aria-label={t('nav.label')} className={s.nav}>
            <TabList className={s.tabs} selectedValue={current} onTabSelect={(_, d) => navigate({ view: d.value as View })} size="small">
              {tabs.map((tab) => (
                <Tab key={tab.view} value={tab.view}>{tab.label}</Tab>
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
        <Suspense fallback={<LoadingState />}>
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
      return <TodayView />;
    case 'dashboard':
      if (!manager) return <Text role="alert">{t('dashboard.managersOnly')}</Text>;
      return <DashboardView />;
    case 'my-mailbox':
      return <MyMailboxView />;
    case 'sync':
      if (!admin) return <Text role="alert">{t('sync.adminsOnly')}</Text>;
      return <SyncView />;
    case 'review':
      return <ReviewView />;
    case 'duplicates':
      if (!manager) return <Text role="alert">{t('duplicates.managersOnly')}</Text>;
      return <DuplicatesView />;
    case 'products':
      return <ProductsView />;
    case 'import':
      if (!manager) return <Text role="alert">{t('import.managersOnly')}</Text>;
      return <ImportView />;
    case 'audit':
      if (!admin) return <Text role="alert">{t('audit.adminsOnly')}</Text>;
      return <AuditView />;
    case 'settings':
      if (!admin) return <Text role="alert">{t('settings.adminsOnly')}</Text>;
      return <SettingsView />;
    case 'account':
      return <AccountView accountId={route.accountId!} {...(route.interactionId ? { interactionId: route.interactionId } : {})} />;
    case 'meeting':
      return <MeetingPanel {...(route.accountId ? { accountId: route.accountId } : {})} {...(route.chatId ? { chatId: route.chatId } : {})} />;
    default:
      return <AccountsView />;
  }
}
