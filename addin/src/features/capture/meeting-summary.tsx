// What makes a meeting recognisable at a glance: when (in the pane's language, with its length) and who comes
// (colleagues, outsiders and the accounts they are from), so it never looks like an email.
import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { CalendarRegular, PeopleRegular } from '@fluentui/react-icons';
import { useI18n, type MatchResult } from '../../../../web-shared/src/index.ts';
import type { AppointmentRead } from '../../host/outlook-item.ts';
import type { MatchedAccount } from './match-summary.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, margin: 0, color: tokens.colorNeutralForeground2 },
  row: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'flex-start' },
  icon: { fontSize: '16px', flexShrink: 0, marginTop: '2px' },
});

/** "ti 8.12.2026 klo 10.00–10.45" and "(45 min)", in the locale's own words. */
export function meetingWhen(start: number, end: number | null, locale: string, timeZone?: string): { range: string; minutes: number | null } {
  const f = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', ...(timeZone ? { timeZone } : {}) });
  const minutes = end !== null && end > start ? Math.round((end - start) / 60_000) : null;
  return { range: end !== null && end > start ? f.formatRange(start, end) : f.format(start), minutes };
}

export function formatDuration(minutes: number, locale: string): string {
  const unit = (n: number, u: 'hour' | 'minute') => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(n);
  if (minutes < 60) return unit(minutes, 'minute');
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${unit(h, 'hour')} ${unit(m, 'minute')}` : unit(h, 'hour');
}

export function MeetingSummary({ item, results, accounts }: { item: AppointmentRead; results: MatchResult[]; accounts: MatchedAccount[] }) {
  const { t, locale } = useI18n();
  const s = useStyles();
  const internal = results.filter((r) => r.kind === 'colleague').length;
  const external = results.filter((r) => r.kind !== 'colleague' && r.kind !== 'invalid').length;
  const from = accounts.filter((a) => results.some((r) => r.kind !== 'colleague' && r.accountIds.includes(a.id))).map((a) => a.name);
  const when = item.start !== null ? meetingWhen(item.start, item.end, locale) : null;
  return (
    <div className={s.root} data-testid="meeting-summary">
      {when && (
        <Caption1 className={s.row}>
          <CalendarRegular className={s.icon} aria-hidden />
          <span>
            <span data-testid="meeting-when">{when.range}</span>
            {when.minutes !== null && ` (${formatDuration(when.minutes, locale)})`}
            {item.location ? ` · ${item.location}` : ''}
          </span>
        </Caption1>
      )}
      <Caption1 className={s.row}>
        <PeopleRegular className={s.icon} aria-hidden />
        <span data-testid="meeting-attendees">
          {t('meeting.attendees', { internal, external })}
          {from.length > 0 && ` · ${from.join(', ')}`}
        </span>
      </Caption1>
    </div>
  );
}
