// Locale, strings and Intl formatting for both faces. Each face passes its own resource files; the shared ones
// (web-shared/src/i18n/messages) are always included. A missing key falls back to English, then to the key.
import enShared from './messages/en-US.json';
import fiShared from './messages/fi-FI.json';
import { formatMessage, type MessageVars } from './format-message.ts';

export const LOCALES = ['en-US', 'fi-FI'] as const;
export type Locale = (typeof LOCALES)[number];
export type Messages = Record<string, string>;
export type MessageBundle = Partial<Record<Locale, Messages>>;

/** Office's displayLanguage, Teams' locale or navigator.language to one of ours: Finnish for any "fi", else English. */
export function resolveLocale(tag: string | null | undefined): Locale {
  return tag && /^fi(\b|[-_])/i.test(tag) ? 'fi-FI' : 'en-US';
}

export interface I18n {
  locale: Locale;
  t(key: string, vars?: MessageVars): string;
  /** 3.12.2026 / 12/3/2026 */
  formatDate(ms: number): string;
  /** 3.12.2026 klo 14.05 / Dec 3, 2026, 2:05 PM */
  formatDateTime(ms: number): string;
  /** "3 days ago", "in 2 weeks", "eilen" */
  formatRelative(ms: number, now?: number): string;
  formatNumber(n: number): string;
  /** Integer cents to "12 500 €" / "€12,500". */
  formatMoney(cents: number, currency?: string): string;
}

const DAY = 86_400_000;

export function createI18n(locale: Locale, bundles: MessageBundle[] = [], timeZone?: string): I18n {
  const pick = (l: Locale): Messages => Object.assign({}, l === 'fi-FI' ? fiShared : enShared, ...bundles.map((b) => b[l] ?? {}));
  const messages = pick(locale);
  const fallback = locale === 'en-US' ? messages : pick('en-US');
  const tz = timeZone ? { timeZone } : {};
  const number = new Intl.NumberFormat(locale);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...tz });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...tz });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const money = new Map<string, Intl.NumberFormat>();
  const formatNumber = (n: number) => number.format(n);
  return {
    locale,
    t(key, vars = {}) {
      const template = messages[key] ?? fallback[key];
      return template === undefined ? key : formatMessage(template, vars, locale, formatNumber);
    },
    formatDate: (ms) => date.format(ms),
    formatDateTime: (ms) => dateTime.format(ms),
    formatRelative(ms, now = Date.now()) {
      const diff = ms - now;
      const abs = Math.abs(diff);
      if (abs < 3_600_000) return relative.format(Math.round(diff / 60_000), 'minute');
      if (abs < DAY) return relative.format(Math.round(diff / 3_600_000), 'hour');
      if (abs < 14 * DAY) return relative.format(Math.round(diff / DAY), 'day');
      if (abs < 60 * DAY) return relative.format(Math.round(diff / (7 * DAY)), 'week');
      if (abs < 365 * DAY) return relative.format(Math.round(diff / (30 * DAY)), 'month');
      return relative.format(Math.round(diff / (365 * DAY)), 'year');
    },
    formatNumber,
    formatMoney(cents, currency = 'EUR') {
      let f = money.get(currency);
      if (!f) money.set(currency, (f = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 })));
      return f.format(cents / 100);
    },
  };
}
