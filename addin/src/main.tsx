// The task pane's entry: wait for Office, pick the language and theme from it, sign in, then render the pane.
import { FluentProvider, MessageBar, MessageBarBody, teamsHighContrastTheme, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import {
  ErrorState, I18nProvider, LoadingState, createApiClient, createDemoAuth, createI18n, resolveLocale, unwrap,
  type AuthProvider, type I18n, type ThemeVariant,
} from '../../web-shared/src/index.ts';
import en from './i18n/en-US.json';
import fi from './i18n/fi-FI.json';
import * as outlook from './host/outlook-host.ts';
import { PaneServicesProvider, type PaneHost } from './app/pane-services.tsx';
import { chooseAuth } from './app/choose-auth.ts';
import { buildConfig } from './app/build-config.ts';
import { markOfficeReady } from './app/timing.ts';
import { prefetch } from './app/prefetch.ts';
import { forcedColors, variantForOffice } from './app/office-theme.ts';

// The first paint is a spinner: the pane itself (forms, lists, compose) loads in parallel with Office's start
// and sign-in, and is awaited before it renders (React.lazy would suspend and hold the reveal back ~300 ms).
const paneModule = import('./app/task-pane.tsx');

const root = createRoot(document.getElementById('root')!);

/** The first call's promise is handed to the first caller again, later calls read afresh. */
function once<T>(read: () => Promise<T>): () => Promise<T> {
  let first: Promise<T> | null = null;
  let handed = 0;
  return () => {
    if (handed++ < 2) return (first ??= read());
    return read();
  };
}

// The theme follows Office live (OfficeThemeChanged) and Windows contrast themes: what is on screen is kept and
// painted again in the new theme.
let variant: ThemeVariant = 'light';
let shown: { i18n: I18n; node: ReactNode } | null = null;
const THEMES = { light: webLightTheme, dark: webDarkTheme, contrast: teamsHighContrastTheme };

function show(i18n: I18n, node: ReactNode) {
  shown = { i18n, node };
  document.documentElement.lang = i18n.locale;
  document.documentElement.dataset.theme = variant;
  root.render(
    <StrictMode>
      <FluentProvider theme={THEMES[variant]} style={{ minHeight: '100vh' }}>
        <I18nProvider i18n={i18n}>{node}</I18nProvider>
      </FluentProvider>
    </StrictMode>,
  );
}

function repaint(next: ThemeVariant) {
  if (next === variant) return;
  variant = next;
  if (shown) show(shown.i18n, shown.node);
}

function followTheme() {
  const media = typeof matchMedia === 'function' ? matchMedia('(forced-colors: active)') : null;
  media?.addEventListener('change', () => repaint(variantForOffice(outlook.officeTheme())));
  outlook.onThemeChanged((theme) => repaint(variantForOffice(theme, forcedColors()))).catch((e: unknown) => {
    console.warn('Suhde: cannot follow Office theme changes; the pane keeps the theme it opened with', e);
  });
}

async function start(auth: AuthProvider, i18n: I18n) {
  const api = createApiClient({ getToken: () => auth.getToken() });
  // The first item is read and matched while /me and /users load; the pane takes the answers over.
  const host: PaneHost = { ...outlook, readCurrentItem: once(outlook.readCurrentItem) };
  void Promise.all([host.readCurrentItem(), paneModule]).then(([item, pane]) => {
    if (item?.mode === 'read') prefetch(pane.captureKey(item), () => pane.loadCapture(api, item));
  }, () => undefined);
  try {
    const [me, users, { TaskPane }] = await Promise.all([unwrap(api.me.$get()), unwrap(api.users.$get()), paneModule]);
    performance.mark('suhde:signed-in');
    show(i18n, (
      <PaneServicesProvider
        value={{
          api, me: me.user, colleagues: users.items, host,
          teams: { appId: buildConfig.teamsDeepLinks ? buildConfig.teamsAppId : null, webOrigin: location.origin },
        }}
      >
        <TaskPane />
      </PaneServicesProvider>
    ));
  } catch (e) {
    show(i18n, <ErrorState error={e} onRetry={() => void start(auth, i18n)} />);
  }
}

async function boot() {
  const early = createI18n(resolveLocale(navigator.language), [{ 'en-US': en, 'fi-FI': fi }]);
  show(early, <LoadingState />);
  try {
    await outlook.officeReady();
  } catch {
    show(early, <MessageBar intent="warning"><MessageBarBody>{early.t('pane.officeUnavailable')}</MessageBarBody></MessageBar>);
    return;
  }
  markOfficeReady();
  const i18n = createI18n(resolveLocale(outlook.displayLanguage() ?? navigator.language), [{ 'en-US': en, 'fi-FI': fi }]);
  variant = variantForOffice(outlook.officeTheme());
  followTheme();
  show(i18n, <LoadingState />);
  try {
    const choice = await chooseAuth();
    if (choice.kind === 'ready') await start(choice.auth, i18n);
    else {
      const { DemoUserPicker } = await import('./app/demo-user-picker.tsx');
      show(i18n, <DemoUserPicker users={choice.users} onPick={(userId) => void start(createDemoAuth({ userId }), i18n)} />);
    }
  } catch (e) {
    show(i18n, <ErrorState error={e} onRetry={() => void boot()} />);
  }
}

void boot();
