// Starts a page of the tab: connect to the host (or not), pick language and theme, render. Shared by
// index.html (the tab) and config.html (the channel tab's settings).
import { createRoot } from 'react-dom/client';
import { createI18n, resolveLocale } from '../../../web-shared/src/index.ts';
import { connectTeamsHost } from '../host/teams-host.ts';
import { initialVariant } from '../host/theme.ts';
import { rememberedDemoUser } from './auth.ts';
import { resolveRoute } from './route.ts';
import { Root } from './root.tsx';
import { loadTeamsMessages } from '../i18n/load-messages.ts';

export const TIME_ZONE = 'Europe/Helsinki';

function sessionStore(): Storage | null {
  try {
    return sessionStorage;
  } catch {
    return null;
  }
}

export async function start(page: 'tab' | 'config'): Promise<void> {
  const el = document.getElementById('root')!;
  const search = new URLSearchParams(location.search);
  const host = await connectTeamsHost();
  const locale = resolveLocale(search.get('locale') ?? host.context.locale ?? navigator.language);
  const i18n = createI18n(locale, [await loadTeamsMessages(locale)], TIME_ZONE);
  const variant = initialVariant({
    hosted: host.context.hosted, teamsTheme: host.context.theme, override: search.get('theme'),
    prefersDark: typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches,
  });
  const storage = sessionStore();
  createRoot(el).render(
    <Root host={host} i18n={i18n} variant={variant} page={page} route={resolveRoute(search, host.context)} demoUserId={rememberedDemoUser(search, storage)} storage={storage} />,
  );
}
