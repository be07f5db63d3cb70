// The account page's header: name and tier, then what a salesperson checks first (owner, last contact, next
// contact due, open pipeline, relationship strength) and the main actions. Lifecycle, segment, domains and the
// latest NPS/CSAT follow on one quieter line. Facts wrap; at Teams' narrow widths (a 400 px tab, a side panel)
// the actions are "Log call" and a "More" menu with the rest, one row even in Finnish.
import type { ReactNode } from 'react';
import { Button, Caption1, Text, Title2, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { AddRegular, CalendarClockRegular, CallRegular, NoteAddRegular } from '@fluentui/react-icons';
import { TierBadge, unwrap, useAsync, useI18n, type Account } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { StrengthBadge } from '../common/strength-badge.tsx';
import { AccountRecordActions } from '../records/account-record-actions.tsx';
import { useMediaQuery } from '../common/use-media-query.ts';

/** Below this the secondary actions go into "More": the Finnish row needs about 1000 px, two rows fit above this. */
const NARROW = '(max-width: 640px)';

const useStyles = makeStyles({
  header: {
    display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL, backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, marginBottom: tokens.spacingVerticalS,
  },
  top: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center', justifyContent: 'space-between' },
  title: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, margin: 0, overflowWrap: 'anywhere' },
  // flex-start: the record actions' rule under Edit/Archive must not stretch the other buttons to its height.
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  facts: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXXL, rowGap: tokens.spacingVerticalS, margin: 0 },
  fact: { display: 'flex', flexDirection: 'column', minWidth: '7rem' },
  term: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  overdue: { color: tokens.colorPaletteRedForeground1 },
  more: { color: tokens.colorNeutralForeground3 },
});

export type HeaderAction = 'log-call' | 'add-note' | 'new-opportunity' | 'follow-up';

export function AccountHeader({ account: a, round, onAction, onChanged }: {
  account: Account; round: number; onAction: (action: HeaderAction) => void; onChanged: () => void;
}) {
  const { t, formatDate, formatRelative, formatMoney } = useI18n();
  const { api, now } = useServices();
  const s = useStyles();
  const narrow = useMediaQuery(NARROW);
  const strength = useAsync(async () => {
    const { items } = await unwrap(api['relationship-strength'].$get({ query: { accountIds: a.id } }));
    return items[0]?.strongest ?? { userId: null, strength: 0, label: 'none' as const };
  }, [api, a.id, round]);
  const segment = [t(`lifecycle.${a.lifecycle}`), a.industry, a.size ? t(`size.${a.size}`) : null, a.region, a.domains.join(', ') || null].filter(Boolean).join(' · ');
  const score = (f: { score: number; givenAt: number } | null, kind: 'nps' | 'csat') =>
    f ? t(`feedback.${kind}Score`, { score: f.score, date: formatDate(f.givenAt) }) : t('feedback.noneYet');
  const due = a.care.cadenceDays === null ? t('account.noCadence')
    : a.care.overdue ? t('account.overdue', { days: a.care.daysOverdue })
    : a.care.nextDueAt ? formatRelative(a.care.nextDueAt, now()) : '';
  const fact = (label: string, value: ReactNode, extra?: { className?: string | false; testId?: string; title?: string }) => (
    <div className={s.fact}>
      <dt className={s.term}><Caption1>{label}</Caption1></dt>
      <dd className={mergeClasses(s.dd, extra?.className || undefined)} data-testid={extra?.testId} title={extra?.title}>{value}</dd>
    </div>
  );
  return (
    <header className={s.header}>
      <div className={s.top}>
        <Title2 as="h1" id="account-title" className={s.title}>{a.name} <TierBadge tier={a.tier} /></Title2>
        <div className={s.actions} role="group" aria-label={t('account.actions')}>
          <Button appearance="primary" icon={<CallRegular />} onClick={() => onAction('log-call')}>{t('account.action.logCall')}</Button>
          {narrow ? (
            <AccountRecordActions account={a} onChanged={onChanged} more={[
              { label: t('account.action.addNote'), icon: <NoteAddRegular />, onClick: () => onAction('add-note') },
              { label: t('account.action.newOpportunity'), icon: <AddRegular />, onClick: () => onAction('new-opportunity') },
              { label: t('account.action.followUp'), icon: <CalendarClockRegular />, onClick: () => onAction('follow-up') },
            ]} />
          ) : (
            <>
              <Button icon={<NoteAddRegular />} onClick={() => onAction('add-note')}>{t('account.action.addNote')}</Button>
              <Button icon={<AddRegular />} onClick={() => onAction('new-opportunity')}>{t('account.action.newOpportunity')}</Button>
              <Button icon={<CalendarClockRegular />} onClick={() => onAction('follow-up')}>{t('account.action.followUp')}</Button>
              <AccountRecordActions account={a} onChanged={onChanged} />
            </>
          )}
        </div>
      </div>
      <dl className={s.facts}>
        {fact(t('account.owner'), a.owner?.displayName ?? t('account.noOwner'))}
        {fact(t('account.lastContact'), a.lastContactAt ? formatRelative(a.lastContactAt, now()) : t('account.never'),
          { testId: 'last-contact', ...(a.lastContactAt ? { title: formatDate(a.lastContactAt) } : {}) })}
        {fact(t('account.nextDue'), due, { className: a.care.overdue && s.overdue, testId: 'next-due', ...(a.care.nextDueAt ? { title: formatDate(a.care.nextDueAt) } : {}) })}
        {fact(t('account.openPipeline'), t('account.pipelineSummary', { value: formatMoney(a.openPipelineCents), n: a.openDeals }), { testId: 'open-pipeline' })}
        {fact(t('accounts.col.strength'), strength.status === 'done' ? <StrengthBadge strength={strength.data.strength} label={strength.data.label} /> : '…')}
      </dl>
      <Text size={200} className={s.more}>
        {segment}{' · '}NPS <span data-testid="latest-nps">{score(a.latestFeedback.nps, 'nps')}</span>{' · '}CSAT {score(a.latestFeedback.csat, 'csat')}
      </Text>
    </header>
  );
}
