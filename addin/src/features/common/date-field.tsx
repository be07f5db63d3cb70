// A date typed as the user's locale writes it (fi-FI 8.12.2026, en-US 12/8/2026), kept as YYYY-MM-DD. The native
// date input shows the browser's format, not the pane's language: in a Finnish Outlook it asked for mm/dd/yyyy.
import { Field, Input } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { useI18n } from '../../../../web-shared/src/index.ts';

type Part = 'day' | 'month' | 'year';

/** The order of day, month and year in the locale's numeric date, its separator, and a pattern to show. */
export function datePattern(locale: string): { order: Part[]; separator: string; pattern: string } {
  const parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(new Date(2026, 11, 8));
  const order = parts.filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type as Part);
  const separator = parts.find((p) => p.type === 'literal')?.value ?? '.';
  const letters: Record<Part, string> = { day: 'd', month: 'M', year: 'yyyy' };
  return { order, separator, pattern: order.map((p) => letters[p]).join(separator) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "8.12.2026" in fi-FI to "2026-12-08"; null when it is not a real date. A two-digit year is this century's. */
export function parseLocalDate(text: string, locale: string): string | null {
  const nums = text.trim().split(/\D+/).filter(Boolean).map(Number);
  const { order } = datePattern(locale);
  if (nums.length !== 3) return null;
  const v = Object.fromEntries(order.map((p, i) => [p, nums[i]!])) as Record<Part, number>;
  const year = v.year < 100 ? 2000 + v.year : v.year;
  const d = new Date(Date.UTC(year, v.month - 1, v.day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== v.month - 1 || d.getUTCDate() !== v.day) return null;
  return `${year}-${pad(v.month)}-${pad(v.day)}`;
}

/** "2026-12-08" as the locale writes it numerically. */
export function formatLocalDate(iso: string, locale: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y!, m! - 1, d!));
}

export function DateField({ label, hint, value, onChange }: { label: string; hint?: string; value: string; onChange: (iso: string) => void }) {
  const { t, locale } = useI18n();
  const { pattern } = useMemo(() => datePattern(locale), [locale]);
  const [text, setText] = useState(value ? formatLocalDate(value, locale) : '');
  const [invalid, setInvalid] = useState(false);
  const commit = (next: string) => {
    if (!next.trim()) {
      setInvalid(false);
      onChange('');
      return;
    }
    const iso = parseLocalDate(next, locale);
    setInvalid(iso === null);
    if (iso) {
      setText(formatLocalDate(iso, locale));
      onChange(iso);
    } else onChange('');
  };
  return (
    <Field label={label} hint={invalid ? undefined : hint} validationMessage={invalid ? t('date.invalid', { pattern }) : undefined}>
      <Input value={text} placeholder={pattern} inputMode="numeric" autoComplete="off" onChange={(_, d) => setText(d.value)} onBlur={() => commit(text)}
        // Enter submits the form before blur: the date is taken first, so the submit sees it.
        onKeyDown={(e) => { if (e.key === 'Enter') flushSync(() => commit(text)); }}
      />
    </Field>
  );
}
