// The dashboard's figures once loaded: a module-level component, so a parent render updates the tables and
// charts instead of mounting them anew. Headline figures first, then the pipeline (open stages as a funnel,
// won and lost in the period apart), the figures per tier and segment, activity per person and per week.
import { useMemo } from 'react';
import { Button, Link, Subtitle2, Text } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { TierBadge, useI18n } from '../../../../web-shared/src/index.ts';
import { useColleagueName, useServices } from '../../app/services.tsx';
import { toCsv, type CsvColumn } from '../common/csv.ts';
import { exportCsv } from '../audit/record-export.ts';
import { Charts, ChartSlot, DataTable, hours, Section, useStyles, type Column, type Dashboard, type Headlines } from './dashboard-parts.tsx';
import { HeadlineFigures } from './dashboard-headlines.tsx';
import { SegmentFigures, type Segment } from './dashboard-segments.tsx';
import { weekLabels } from './week-labels.ts';

export function Figures({ d, h, segment, onSegment, onRefresh }: { d: Dashboard; h: Headlines; segment: Segment; onSegment: (s: Segment) => void; onRefresh: () => void }) {
  const i18n = useI18n();
  const { t, formatMoney, formatDate, formatDateTime, formatNumber } = i18n;
  const { navigate, api, me } = useServices();
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
    { header: t('dashboard.chats'), value: (r) => r.chats, numeric: true },
    { header: t('dashboard.notes'), value: (r) => r.notes, numeric: true },
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
  type Stage = Headlines['openPipeline']['stages'][number];
  const stageCols: Column<Stage>[] = [
    { header: t('dashboard.stage'), value: (x) => t(`stage.${x.stage}`) },
    { header: t('dashboard.count'), value: (x) => x.count, numeric: true },
    { header: t('dashboard.value'), value: (x) => Math.round(x.valueCents / 100), render: (x) => formatMoney(x.valueCents), numeric: true },
    { header: t('dashboard.weighted'), value: (x) => Math.round(x.weightedCents / 100), render: (x) => formatMoney(x.weightedCents), numeric: true },
  ];
  type Closed = { stage: 'won' | 'lost'; count: number; valueCents: number };
  const closed: Closed[] = [{ stage: 'won', ...h.won }, { stage: 'lost', ...h.lost }];
  const closedCols: Column<Closed>[] = [
    { header: t('dashboard.stage'), value: (x) => t(`dashboard.closed.${x.stage}`) },
    { header: t('dashboard.count'), value: (x) => x.count, numeric: true },
    { header: t('dashboard.value'), value: (x) => Math.round(x.valueCents / 100), render: (x) => formatMoney(x.valueCents), numeric: true },
  ];
  // The weeks the table and the chart show: Monday to Sunday in the period's zone, none that has not begun.
  const labels = weekLabels(d.weekly.map((w) => w.weekStart), d.period.asOf, d.period.timeZone, i18n.locale);
  const weeks = d.weekly.slice(0, labels.length).map((w, k) => ({ ...w, label: labels[k]! }));
  type Week = (typeof weeks)[number];
  // At noon: after a change to winter time the backend's 7-day steps land on Sunday 23:00.
  const mondayDate = (w: Week) => formatDate(w.weekStart + 12 * 3_600_000);
  const weekCols: Column<Week>[] = [
    { header: t('dashboard.week'), value: (w) => w.label.monday, render: (w) => t('dashboard.weekOf', { week: w.label.week, date: mondayDate(w) }) },
    { header: t('dashboard.emails'), value: (w) => w.emails, numeric: true },
    { header: t('dashboard.meetings'), value: (w) => w.meetings, numeric: true },
    { header: t('dashboard.meetingHours'), value: (w) => hours(w.meetingMinutes, i18n), numeric: true },
    { header: t('dashboard.calls'), value: (w) => w.calls, numeric: true },
    { header: t('dashboard.chats'), value: (w) => w.chats, numeric: true },
    { header: t('dashboard.notes'), value: (w) => w.notes, numeric: true },
  ];
  // People with nothing in the period make one line, not rows of zeros; a manager or admin without activity
  // (the viewer, usually) is not a salesperson missing from the field and is left out of it.
  const activity = (r: Rep) => r.emailsSent + r.emailsReceived + r.meetings + r.calls + r.chats + r.notes;
  const activeReps = d.reps.filter((r) => activity(r) > 0);
  const idle = d.reps.filter((r) => activity(r) === 0 && r.role === 'rep' && r.userId !== me.id);
  const channels = [t('dashboard.emailsSent'), t('dashboard.emailsReceived'), t('dashboard.meetings'), t('dashboard.calls'), t('dashboard.chats'), t('dashboard.notes')];
  const count = (n: number) => formatNumber(n);
  return (
    <>
      <div className={s.sectionHead}>
        <Text as="p" className={s.muted} data-testid="period">{period}</Text>
        <Text className={s.muted} data-testid="computed-at">
          {t('dashboard.computedAt', { time: formatDateTime(d.computedAt) })}{' '}
          <Button size="small" appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={onRefresh}>{t('dashboard.refresh')}</Button>
        </Text>
      </div>
      <HeadlineFigures h={h} />
      <Section id="pipeline" title={t('dashboard.pipeline')} csv={csv('pipeline', h.openPipeline.stages, stageCols)}>
        <div className={s.pair}>
          <div>
            <Subtitle2 as="h3">{t('dashboard.pipelineFunnel')}</Subtitle2>
            <DataTable caption={t('dashboard.pipeline')} rows={h.openPipeline.stages} columns={stageCols} rowKey={(x) => x.stage} />
            <ChartSlot>
              <Charts.HBars title={t('dashboard.pipelineFunnel')} centred rows={h.openPipeline.stages.map((x, k) => ({
                label: t(`stage.${x.stage}`), value: x.valueCents, series: k,
                valueLabel: t('dashboard.stageBar', { value: compactEuros(x.valueCents / 100), n: x.count }),
              }))} />
            </ChartSlot>
          </div>
          <div data-section="closed">
            <Subtitle2 as="h3">{t('dashboard.closedInPeriod')}</Subtitle2>
            <DataTable caption={t('dashboard.closedInPeriod')} rows={closed} columns={closedCols} rowKey={(x) => x.stage} />
            <ChartSlot>
              <Charts.HBars title={t('dashboard.closedInPeriod')} rows={closed.map((x, k) => ({
                label: t(`dashboard.closed.${x.stage}`), value: x.valueCents, series: 4 + k,
                valueLabel: t('dashboard.stageBar', { value: compactEuros(x.valueCents / 100), n: x.count }),
              }))} />
            </ChartSlot>
          </div>
        </div>
      </Section>
      <SegmentFigures h={h} segment={segment} onSegment={onSegment} />
      <Section id="reps" title={t('dashboard.perRep')} csv={csv('reps', d.reps, repCols)}>
        <DataTable caption={t('dashboard.perRep')} rows={activeReps} columns={repCols} rowKey={(r) => r.userId} />
        {idle.length > 0 && (
          <Text as="p" className={s.muted} data-testid="idle-reps">
            {t('dashboard.idle', { n: idle.length, names: idle.map((r) => r.displayName).join(', ') })}
          </Text>
        )}
        {activeReps.length > 0 && (
          <ChartSlot>
            <Charts.StackedRows title={t('dashboard.perRep')} series={channels} format={count} rows={activeReps.slice(0, 25).map((r) => ({
              label: r.displayName, values: [r.emailsSent, r.emailsReceived, r.meetings, r.calls, r.chats, r.notes],
            }))} />
          </ChartSlot>
        )}
      </Section>
      <Section id="weekly" title={t('dashboard.weekly')} csv={csv('weekly', weeks, weekCols)}>
        <ChartSlot>
          <Charts.WeeklyColumns title={t('dashboard.weekly')} format={count} styles={[0, 2, 3, 4, 5]}
            series={[t('dashboard.emails'), t('dashboard.meetings'), t('dashboard.calls'), t('dashboard.chats'), t('dashboard.notes')]}
            weeks={weeks.map((w) => ({
              label: t('dashboard.weekShort', { week: w.label.week }), month: w.label.month, tooltip: t('dashboard.weekOf', { week: w.label.week, date: mondayDate(w) }),
              values: [w.emails, w.meetings, w.calls, w.chats, w.notes],
            }))} />
        </ChartSlot>
        <DataTable caption={t('dashboard.weekly')} rows={weeks} columns={weekCols} rowKey={(w) => String(w.weekStart)} />
      </Section>
      <Section id="care" title={t('dashboard.care')} csv={csv('care', d.care, careCols)}>
        <div className={s.pair}>
          <DataTable caption={t('dashboard.care')} rows={d.care} columns={careCols} rowKey={(c) => c.tier} />
          <ChartSlot>
            <Charts.HBars title={t('dashboard.compliance')} rows={d.care.filter((c) => c.share !== null).map((c, k) => ({
              label: t('account.tier', { tier: c.tier }), value: Math.round((c.share ?? 0) * 100), series: k, valueLabel: `${formatNumber(Math.round((c.share ?? 0) * 100))} %`,
            }))} />
          </ChartSlot>
        </div>
      </Section>
      <Section id="accounts" title={t('dashboard.perAccount', { shown: d.accounts.items.length, total: d.accounts.total })} csv={csv('accounts', d.accounts.items, accCols)}>
        <DataTable caption={t('dashboard.perAccountCaption')} rows={d.accounts.items} columns={accCols} rowKey={(a) => a.accountId} />
      </Section>
      <Section id="cold" title={t('dashboard.goingCold', { n: d.goingCold.total })} csv={csv('falling-off', d.goingCold.items, coldCols)}>
        <Text as="p" className={s.muted}>{t('dashboard.goingColdHelp')}</Text>
        {d.goingCold.items.length ? <DataTable caption={t('dashboard.goingColdCaption')} rows={d.goingCold.items} columns={coldCols} rowKey={(a) => a.accountId} /> : <Text>{t('dashboard.noneCold')}</Text>}
      </Section>
    </>
  );
}
