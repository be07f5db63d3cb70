// The dashboard's figures once loaded: a module-level component, so a parent render updates the tables and
// charts instead of mounting them anew.
import { useMemo } from 'react';
import { Button, Link, Text } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { TierBadge, useI18n } from '../../../../web-shared/src/index.ts';
import { useColleagueName, useServices } from '../../app/services.tsx';
import { toCsv, type CsvColumn } from '../common/csv.ts';
import { exportCsv } from '../audit/record-export.ts';
import { Charts, ChartSlot, DataTable, hours, Section, useStyles, type Column, type Dashboard } from './dashboard-parts.tsx';

export function Figures({ d, onRefresh }: { d: Dashboard; onRefresh: () => void }) {
  const i18n = useI18n();
  const { t, formatMoney, formatDate, formatDateTime, formatNumber } = i18n;
  const { navigate, api } = useServices();
  const nameOf = useColleagueName();
  const s = useStyles();
  const compactEuros = useMemo(() => {
    const f = new Intl.NumberFormat(i18n.locale, { style: 'currency', currency: 'EUR', notation: 'compact', maximumFractionDigits: 1 });
    return (n: number) => f.format(n);
  }, [i18n.locale]);
  const period = t('dashboard.periodLine', { from: formatDate(d.period.start), to: formatDate(d.period.end - 1), team: d.team ?? t('dashboard.allTeams') });
  const csv = <T,>(name: string, rows: readonly T[], cols: readonly CsvColumn<T>[]) => () =>
    void exportCsv(api, { view: `dashboard-${name}`, rows: rows.length }, `suhde-${name}-${d.period.from}-${d.period.to}.csv`, toCsv(rows, cols));
  type Rep = Dashboard['reps'][number];
  const repCols: Column<Rep>[] = [
    { header: t('dashboard.rep'), value: (r) => r.displayName },
    { header: t('dashboard.emailsSent'), value: (r) => r.emailsSent, numeric: true },
    { header: t('dashboard.emailsReceived'), value: (r) => r.emailsReceived, numeric: true },
    { header: t('dashboard.meetings'), value: (r) => r.meetings, numeric: true },
    { header: t('dashboard.meetingHours'), value: (r) => hours(r.meetingMinutes, i18n), numeric: true },
    { header: t('dashboard.calls'), value: (r) => r.calls, numeric: true },
    { header: t('dashboard.accountsTouched'), value: (r) => r.accountsTouched, numeric: true },
    { header: t('dashboard.contactsTouched'), value: (r) => r.contactsTouched, numeric: true },
    { header: t('dashboard.medianReply'), value: (r) => (r.medianReplyMinutes === null ? '' : r.medianReplyMinutes), render: (r) => (r.medianReplyMinutes === null ? '–' : t('dashboard.replyTime', { hours: hours(r.medianReplyMinutes, i18n) })), numeric: true },
  ];
  type Acc = Dashboard['accounts']['items'][number];
  const accCols: Column<Acc>[] = [
    { header: t('dashboard.account'), value: (a) => a.name, render: (a) => <Link onClick={() => navigate({ view: 'account', accountId: a.accountId })}>{a.name}</Link> },
    { header: t('accounts.col.tier'), value: (a) => a.tier, render: (a) => <TierBadge tier={a.tier} /> },
    { header: t('dashboard.touches'), value: (a) => a.touches, numeric: true },
    { header: t('kind.email'), value: (a) => a.byChannel.email, numeric: true },
    { header: t('kind.meeting'), value: (a) => a.byChannel.meeting, numeric: true },
    { header: t('kind.call'), value: (a) => a.byChannel.call, numeric: true },
    { header: t('kind.chat'), value: (a) => a.byChannel.chat, numeric: true },
    {
      header: t('dashboard.byRep'), value: (a) => a.byRep.map((r) => `${nameOf(r.userId) ?? '?'} ${r.touches}`).join('; '),
      render: (a) => <span className={s.byRep}>{a.byRep.map((r) => <span key={r.userId}>{nameOf(r.userId) ?? '?'}&nbsp;{r.touches}</span>)}</span>,
    },
    { header: t('dashboard.effortHours'), value: (a) => hours(a.effortMinutes, i18n), numeric: true },
    { header: t('dashboard.openPipeline'), value: (a) => Math.round(a.openPipelineCents / 100), render: (a) => formatMoney(a.openPipelineCents), numeric: true },
    { header: t('dashboard.won'), value: (a) => Math.round(a.wonCents / 100), render: (a) => formatMoney(a.wonCents), numeric: true },
  ];
  type Care = Dashboard['care'][number];
  const careCols: Column<Care>[] = [
    { header: t('accounts.col.tier'), value: (c) => c.tier, render: (c) => <TierBadge tier={c.tier} /> },
    { header: t('care.cadence'), value: (c) => c.cadenceDays ?? '', render: (c) => (c.cadenceDays === null ? t('account.noCadence') : t('dashboard.days', { n: c.cadenceDays })) },
    { header: t('dashboard.accounts'), value: (c) => c.accounts, numeric: true },
    { header: t('dashboard.withinCadence'), value: (c) => c.withinCadence, numeric: true },
    { header: t('dashboard.overdue'), value: (c) => c.overdue, numeric: true },
    { header: t('dashboard.compliance'), value: (c) => (c.share === null ? '' : Math.round(c.share * 100)), render: (c) => (c.share === null ? '–' : `${formatNumber(Math.round(c.share * 100))} %`), numeric: true },
  ];
  type Cold = Dashboard['goingCold']['items'][number];
  const coldCols: Column<Cold>[] = [
    { header: t('dashboard.account'), value: (a) => a.name, render: (a) => <Link onClick={() => navigate({ view: 'account', accountId: a.accountId })}>{a.name}</Link> },
    { header: t('accounts.col.tier'), value: (a) => a.tier },
    { header: t('accounts.col.owner'), value: (a) => nameOf(a.ownerId) ?? '' },
    { header: t('dashboard.earlier'), value: (a) => a.earlierTouches, numeric: true },
    { header: t('dashboard.recent'), value: (a) => a.recentTouches, numeric: true },
    { header: t('accounts.col.lastContact'), value: (a) => (a.lastContactAt ? new Date(a.lastContactAt).toISOString().slice(0, 10) : ''), render: (a) => (a.lastContactAt ? formatDate(a.lastContactAt) : t('account.never')) },
  ];
  type Stage = Dashboard['pipeline']['stages'][number];
  const stageCols: Column<Stage>[] = [
    { header: t('dashboard.stage'), value: (x) => t(`stage.${x.stage}`) },
    { header: t('dashboard.count'), value: (x) => x.count, numeric: true },
    { header: t('dashboard.value'), value: (x) => Math.round(x.valueCents / 100), render: (x) => formatMoney(x.valueCents), numeric: true },
    { header: t('dashboard.weighted'), value: (x) => Math.round(x.weightedCents / 100), render: (x) => formatMoney(x.weightedCents), numeric: true },
  ];
  type Week = Dashboard['weekly'][number];
  const weekCols: Column<Week>[] = [
    { header: t('dashboard.week'), value: (w) => new Date(w.weekStart).toISOString().slice(0, 10), render: (w) => formatDate(w.weekStart) },
    { header: t('kind.email'), value: (w) => w.emails, numeric: true },
    { header: t('kind.meeting'), value: (w) => w.meetings, numeric: true },
    { header: t('dashboard.meetingHours'), value: (w) => hours(w.meetingMinutes, i18n), numeric: true },
    { header: t('kind.call'), value: (w) => w.calls, numeric: true },
    { header: t('kind.chat'), value: (w) => w.chats, numeric: true },
  ];
  const activeReps = d.reps.filter((r) => r.emailsSent + r.emailsReceived + r.meetings + r.calls > 0);
  return (
    <>
      <div className={s.sectionHead}>
        <Text as="p" className={s.muted} data-testid="period">{period}</Text>
        <Text className={s.muted} data-testid="computed-at">
          {t('dashboard.computedAt', { time: formatDateTime(d.computedAt) })}{' '}
          <Button size="small" appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={onRefresh}>{t('dashboard.refresh')}</Button>
        </Text>
      </div>
      <Section id="reps" title={t('dashboard.perRep')} csv={csv('reps', d.reps, repCols)}>
        <DataTable caption={t('dashboard.perRep')} rows={d.reps} columns={repCols} rowKey={(r) => r.userId} />
        {activeReps.length > 0 && (
          <ChartSlot>
            <Charts.GroupedBars title={t('dashboard.perRep')} groups={activeReps.slice(0, 20).map((r) => ({
              name: r.displayName,
              values: [
                { legend: t('dashboard.emailsSent'), value: r.emailsSent },
                { legend: t('dashboard.emailsReceived'), value: r.emailsReceived },
                { legend: t('dashboard.meetings'), value: r.meetings },
              ],
            }))} />
          </ChartSlot>
        )}
      </Section>
      <div className={s.pair}>
        <Section id="care" title={t('dashboard.care')} csv={csv('care', d.care, careCols)}>
          <DataTable caption={t('dashboard.care')} rows={d.care} columns={careCols} rowKey={(c) => c.tier} />
          <ChartSlot>
            <Charts.Bars title={t('dashboard.compliance')} bars={d.care.filter((c) => c.share !== null).map((c) => ({ x: t('account.tier', { tier: c.tier }), y: Math.round((c.share ?? 0) * 100), legend: c.tier }))} />
          </ChartSlot>
        </Section>
        <Section id="pipeline" title={t('dashboard.pipeline')} csv={csv('pipeline', d.pipeline.stages, stageCols)}>
          <Text as="p">
            {t('dashboard.forecastLine', { open: formatMoney(d.pipeline.openValueCents), weighted: formatMoney(d.pipeline.weightedForecastCents), won: formatMoney(d.pipeline.wonInPeriod.valueCents), n: d.pipeline.wonInPeriod.count })}
          </Text>
          <DataTable caption={t('dashboard.pipeline')} rows={d.pipeline.stages} columns={stageCols} rowKey={(x) => x.stage} />
          <ChartSlot>
            <Charts.Bars title={t('dashboard.pipeline')} bars={d.pipeline.stages.map((x) => ({ x: t(`stage.${x.stage}`), y: Math.round(x.valueCents / 100), legend: x.stage }))} format={compactEuros} />
          </ChartSlot>
        </Section>
      </div>
      <Section id="weekly" title={t('dashboard.weekly')} csv={csv('weekly', d.weekly, weekCols)}>
        <div className={s.pair}>
          <DataTable caption={t('dashboard.weekly')} rows={d.weekly} columns={weekCols} rowKey={(w) => String(w.weekStart)} />
          <ChartSlot>
            <Charts.TrendLines title={t('dashboard.weekly')} lines={[
              { legend: t('kind.email'), points: d.weekly.map((w) => ({ x: new Date(w.weekStart), y: w.emails })) },
              { legend: t('kind.meeting'), points: d.weekly.map((w) => ({ x: new Date(w.weekStart), y: w.meetings })) },
              { legend: t('kind.call'), points: d.weekly.map((w) => ({ x: new Date(w.weekStart), y: w.calls })) },
            ]} />
          </ChartSlot>
        </div>
      </Section>
      <Section id="accounts" title={t('dashboard.perAccount', { shown: d.accounts.items.length, total: d.accounts.total })} csv={csv('accounts', d.accounts.items, accCols)}>
        <DataTable caption={t('dashboard.perAccountCaption')} rows={d.accounts.items} columns={accCols} rowKey={(a) => a.accountId} />
      </Section>
      <Section id="cold" title={t('dashboard.goingCold', { n: d.goingCold.total })} csv={csv('going-cold', d.goingCold.items, coldCols)}>
        <Text as="p" className={s.muted}>{t('dashboard.goingColdHelp')}</Text>
        {d.goingCold.items.length ? <DataTable caption={t('dashboard.goingColdCaption')} rows={d.goingCold.items} columns={coldCols} rowKey={(a) => a.accountId} /> : <Text>{t('dashboard.noneCold')}</Text>}
      </Section>
    </>
  );
}
