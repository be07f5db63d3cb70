// Today: a salesperson's next-best actions, each with its reason in a sentence and a one-click action:
// open the unanswered thread, log a call, or schedule a follow-up meeting. A due follow-up says what was promised
// and can be marked done, snoozed or handed to a colleague here; account names open the account.
import { useState } from 'react';
import { Button, Caption1, Card, CardHeader, Link, MessageBar, MessageBarBody, Text, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { CalendarAddRegular, CallRegular, MailRegular } from '@fluentui/react-icons';
import { ErrorState, FollowUpActions, LoadingState, TierBadge, describeError, unwrap, useAsync, useI18n, type I18n } from '../../../../web-shared/src/index.ts';
import { NotificationSettingsMenu } from './notification-settings.tsx';
import { useServices } from '../../app/services.tsx';
import { LogCallDialog } from '../common/log-call-dialog.tsx';
import { ShareRequests } from './share-requests.tsx';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '60rem' },
  title: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  reason: { margin: `0 ${tokens.spacingHorizontalM} ${tokens.spacingVerticalS}` },
  promise: { margin: `0 ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXS}`, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  followUpActions: { margin: `0 ${tokens.spacingHorizontalM} ${tokens.spacingVerticalS}` },
  // As wide as the list, so the Reminders menu sits by the list it is about.
  head: { display: 'flex', alignItems: 'baseline', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalM, maxWidth: '60rem' },
  menu: { marginLeft: 'auto' },
  action: { whiteSpace: 'nowrap', flexShrink: 0 },
});

export interface NextActionData {
  id: string;
  type: 'follow-up-due' | 'unanswered-email' | 'overdue-cadence' | 'idle-opportunity' | 'cooling-relationship';
  accountId: string;
  accountName: string;
  tier: string;
  reason: { code: string; params: Record<string, string | number | null> };
  action: { kind: 'open-thread' | 'log-call' | 'schedule-follow-up'; interactionId?: string; opportunityId?: string; followUpId?: string };
  since: number;
}

/** The reason as a sentence in the user's language, from its code and figures. */
export function reasonText(a: NextActionData, i18n: I18n, now: number): string {
  const p = a.reason.params;
  switch (a.type) {
    case 'follow-up-due': {
      const due = i18n.t('today.reason.follow-up-due', { date: i18n.formatDate(Date.parse(`${String(p.dueOn)}T12:00:00`)), days: Number(p.daysLate) });
      return p.originalDueOn ? `${due} (${i18n.t('followUp.firstDue', { date: i18n.formatDate(Date.parse(`${String(p.originalDueOn)}T12:00:00`)) })})` : due;
    }
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
  const { api, navigate, host, now, me, colleagues } = useServices();
  const s = useStyles();
  const today = useAsync(() => unwrap(api.today.$get({ query: { tz: Intl.DateTimeFormat().resolvedOptions().timeZone } })), [api]);
  const [calling, setCalling] = useState<NextActionData | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const changed = (message: string) => {
    setFailure(null);
    setNotice(message);
    today.reload();
  };
  const openAccount = (accountId: string) => navigate({ view: 'account', accountId });

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
        <div className={s.menu}><NotificationSettingsMenu /></div>
      </div>
      <ShareRequests />
      <div role="status">{notice && <Text as="p">{notice}</Text>}</div>
      {failure && <MessageBar intent="error"><MessageBarBody>{failure}</MessageBarBody></MessageBar>}
      {today.status === 'loading' && <LoadingState label={t('today.loading')} />}
      {today.status === 'error' && <ErrorState error={today.error} onRetry={today.reload} />}
      {today.status === 'done' && today.data.items.length === 0 && <Text as="p" role="status">{t('today.none')}</Text>}
      {today.status === 'done' && today.data.items.length > 0 && (
        <ol className={s.list} aria-label={t('today.title')}>
          {(today.data.items as NextActionData[]).map((a) => (
            <li key={a.id} data-action-type={a.type} data-account-id={a.accountId}>
              <Card>
                <CardHeader
                  header={
                    <Text weight="semibold" className={s.title}>
                      <Link href={`?view=account&accountId=${encodeURIComponent(a.accountId)}`} onClick={(e) => { e.preventDefault(); openAccount(a.accountId); }}>{a.accountName}</Link>
                      <TierBadge tier={a.tier} />
                    </Text>
                  }
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
                {a.type === 'follow-up-due' && <WhatWasPromised a={a} />}
                {a.type === 'follow-up-due' && a.action.followUpId && (
                  <div className={s.followUpActions}>
                    <FollowUpActions
                      api={api} me={me} colleagues={colleagues} now={now()} size="small"
                      followUp={{ id: a.action.followUpId, accountName: a.accountName, assigneeId: me.id }}
                      may={{ edit: true, reassign: true }}
                      onChanged={changed}
                      onError={(e) => setFailure(describeError(e, t).detail)}
                    />
                  </div>
                )}
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

/** What was promised and on which item, and who handed it over when someone else did. */
function WhatWasPromised({ a }: { a: NextActionData }) {
  const { t } = useI18n();
  const s = useStyles();
  const p = a.reason.params;
  const details = [
    p.subject ? t('followUp.about', { subject: String(p.subject) }) : null,
    p.assignedBy ? t('followUp.assignedBy', { name: String(p.assignedBy) }) : null,
  ].filter((l): l is string => l !== null);
  if (!p.note && details.length === 0) return null;
  // The promise itself reads first and as body text; where it came from and who handed it over, smaller.
  return (
    <div className={s.promise} data-testid="follow-up-promise">
      {p.note && <Text weight="semibold">{t('followUp.promised', { note: String(p.note) })}</Text>}
      {details.map((l) => <Caption1 key={l}>{l}</Caption1>)}
    </div>
  );
}
