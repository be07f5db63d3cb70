import { describe, expect, it } from 'vitest';
import { createI18n, resolveLocale } from './i18n.ts';
import { formatMessage } from './format-message.ts';
import en from './messages/en-US.json';
import fi from './messages/fi-FI.json';

describe('i18n', () => {
  it('maps Office, Teams and browser language tags to fi-FI or en-US', () => {
    expect(resolveLocale('fi-FI')).toBe('fi-FI');
    expect(resolveLocale('fi')).toBe('fi-FI');
    expect(resolveLocale('FI_fi')).toBe('fi-FI');
    expect(resolveLocale('sv-FI')).toBe('en-US');
    expect(resolveLocale('fil-PH')).toBe('en-US');
    expect(resolveLocale(null)).toBe('en-US');
  });

  it('has the same keys in Finnish and English', () => {
    expect(Object.keys(fi).sort()).toEqual(Object.keys(en).sort());
  });

  it('formats plurals by the locale’s rules, and variables', () => {
    const t = createI18n('fi-FI').t;
    expect(t('account.overdue', { days: 1 })).toBe('Myöhässä 1 päivä');
    expect(t('account.overdue', { days: 12 })).toBe('Myöhässä 12 päivää');
    expect(createI18n('en-US').t('account.overdue', { days: 1 })).toBe('Overdue by 1 day');
    expect(formatMessage('{n, plural, =0 {none} one {# item} other {# items}} for {who}', { n: 0, who: 'Anna' }, 'en-US', String)).toBe('none for Anna');
    expect(formatMessage('{n, plural, one {# item} other {# items}}', { n: 1234 }, 'en-US', (x) => x.toLocaleString('en-US'))).toBe('1,234 items');
  });

  it('falls back to English, then to the key; a face’s bundle wins over the shared strings', () => {
    const i = createI18n('fi-FI', [{ 'en-US': { 'x.only': 'Only English', 'common.retry': 'Retry!' }, 'fi-FI': { 'common.retry': 'Uudestaan!' } }]);
    expect(i.t('x.only')).toBe('Only English');
    expect(i.t('common.retry')).toBe('Uudestaan!');
    expect(i.t('no.such.key')).toBe('no.such.key');
  });

  it('formats dates, money and relative times through Intl', () => {
    const fiI = createI18n('fi-FI', [], 'Europe/Helsinki');
    const enI = createI18n('en-US', [], 'Europe/Helsinki');
    const at = Date.UTC(2026, 11, 3, 12, 5);
    expect(fiI.formatDate(at)).toBe('3.12.2026');
    expect(enI.formatDate(at)).toBe('Dec 3, 2026');
    expect(fiI.formatMoney(1_250_000)).toBe('12\u00a0500\u00a0€');
    expect(enI.formatMoney(1_250_000)).toBe('€12,500');
    expect(enI.formatRelative(at - 3 * 86_400_000, at)).toBe('3 days ago');
    expect(fiI.formatRelative(at - 86_400_000, at)).toBe('eilen');
  });
});
