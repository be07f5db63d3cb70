// React access to the I18n of the current locale: <I18nProvider i18n={createI18n(...)}> and useI18n().
import { createContext, useContext, type ReactNode } from 'react';
import { createI18n, type I18n } from './i18n.ts';

const I18nContext = createContext<I18n>(createI18n('en-US'));

export function I18nProvider({ i18n, children }: { i18n: I18n; children: ReactNode }) {
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
