// Today: a salesperson's next-best actions, each with its reason in a sentence and a one-click action:
// open the unanswered thread, log a call, or schedule a follow-up meeting.
import { useState } from 'react';
import { Button, Caption1, Card, CardHeader, Text, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { CalendarAddRegular, CallRegular, MailRegular } from '@fluentui/react-icons';
import { ErrorState, LoadingState, TierBadge, unwrap, useAsync, useI18n, type I18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { LogCallDialog } from '../common/log-call-dialog.tsx';
import { ShareRequests } from './share-requests.tsx';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '60rem' },
  title: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  reason: { margin: `0 ${tokens.spacingHorizontalM} ${tokens.spacingVerticalS}` },
  head: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalM },
  action: { whiteSpace: 'nowrap', flexShrink: 0 },
});

export interface NextActionData {
  id: string;
  type: 'follow-up-due' | 'unanswered-email' | 'overdue-cadence' | 'idle-opportunity' | 'cooling-relationship';
  accountId: string;
  accountName: string;
  tier: string;
  reason: { code: string; params: Record<string, string | number | null> };
  action: { kind: 'open-thread' | 'log-call' | 'schedule-follow-up'; interactionId?: string; opportunityId?: string };
  since: number;
}

/** The reason as a sentence in the user's language, from its code and figures. */
export function reasonText(a: NextActionData, i18n: I18n, now: number): string {
  const p = a.reason.params;
  switch (a.type) {
    case 'follow-up-due':
      return i18n.t('today.reason.follow-up-due', { date: i18n.formatDate(Date.parse(`${String(p.dueOn)}T12:00:00`)), days: Number(p.daysLate) });
    case 'unanswered-email':
      return i18n.t('today.reason.unanswered-email', { from: String(p.from ?? i18n.t('today.theCustomer')), subject: String(p.subject ?? i18n.t('timeline.noSubject')), days: Number(p.workingDays) });
    case 'overdue-cadence':
      return i18n.t('today.reason.overdue-cadence', {
        tier: a.tier, cadence: Number(p.cadenceDays), days: Number(p.daysOverdue),
        last: p.lastContactAt == null ? i18n.t('account.never') : i18n.formatRelative(Number(p.lastContactAt), now),
      });
    case 'idle-opportunity':
      return i18n.t('today.reason.idle-opportunity', {
        opportunity: String(p.opportunity), stage: i18n.t(`stage.${p.stage}`), value: i18n.formatMoney(Number(p.valueCents), String(p.currency ?? 'EUR')), days: Number(p.days),
      });
    default:
      return i18n.t('today.reason.cooling-relationship', { strength: Number(p.strength), days: Number(p.days) });
  }
}

export function TodayView() {
  const i18n = useI18n();
  const { t } = i18n;
  const { api, navigate, host, now } = useServices();
  const s = useStyles();
  const today = useAsync(() => unwrap(api.today.$get({ query: {} })), [api]);
  const [calling, setCalling] = useState<NextActionData | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const followUp = async (a: NextActionData) => {
    const subject = t('today.followUpSubject', { account: a.accountName, opportunity: String(a.reason.params.opportunity ?? '') });
    const start = new Date(now() + 86_400_000);
    start.setMinutes(0, 0, 0);
    const end = new Date(start.getTime() + 30 * 60_000);
    const composed = await host.composeMeeting({ subject, attendees: [], start, end }).catch(() => false);
    if (!composed) {
      // Outside Teams: Outlook on the web's documented calendar compose link.
      const q = new URLSearchParams({ subject, startdt: start.toISOString(), enddt: end.toISOString(), path: '/calendar/action/compose' });
      await host.openLink(`https://outlook.office.com/calendar/deeplink/compose?${q}`);
      setNotice(t('today.followUpOpened'));
    }
  };

  return (
    <section aria-labelledby="today-title">
      <div className={s.head}>
        <Title2 as="h1" id="today-title">{t('today.title')}</Title2>
        {today.status === 'done' && <Text>{t('today.count', { n: today.data.items.length })}</Text>}
      </div>
      <ShareRequests />
      {notice && <Text as="p" role="status">{notice}</Text>}
      {today.status === 'loading' && <LoadingState label={t('today.loading')} />}
      {today.status === 'error' && <ErrorState error={today.error} onRetry={today.reload} />}
      {today.status === 'done' && today.data.items.length === 0 && <Text as="p" role="status">{t('today.none')}</Text>}
      {today.status === 'done' && today.data.items.length > 0 && (
        <ol className={s.list} aria-label={t('today.title')}>
          {(today.data.items as NextActionData[]).map((a) => (
            <li key={a.id} data-action-type={a.type} data-account-id={a.accountId}>
              <Card>
                <CardHeader
                  header={<Text weight="semibold" className={s.title}>{a.accountName} <TierBadge tier={a.tier} /></Text>}
                  description={<Caption1>{t(`today.type.${a.type}`)}</Caption1>}
                  action={
                    a.action.kind === 'open-thread' ? (
                      <Button className={s.action} icon={<MailRegular />} onClick={() => navigate({ view: 'account', accountId: a.accountId, ...(a.action.interactionId ? { interactionId: a.action.interactionId } : {}) })}>{t('today.action.open-thread')}</Button>
                    ) : a.action.kind === 'log-call' ? (
                      <Button className={s.action} icon={<CallRegular />} onClick={() => setCalling(a)}>{t('today.action.log-call')}</Button>
                    ) : (
                      <Button className={s.action} icon={<CalendarAddRegular />} onClick={() => void followUp(a)}>{t('today.action.schedule-follow-up')}</Button>
                    )
                  }
                />
                <Text as="p" className={s.reason}>{reasonText(a, i18n, now())}</Text>
              </Card>
            </li>
          ))}
        </ol>
      )}
      {calling && (
        <LogCallDialog accountId={calling.accountId} accountName={calling.accountName} open onClose={() => setCalling(null)} onLogged={() => today.reload()} />
      )}
    </section>
  );
}
