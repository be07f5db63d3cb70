// The managers' dashboard for a chosen period and team: who is in touch with customers and how (per rep), where
// the effort goes against pipeline (per account), whether each tier's care model is kept, which accounts are
// going cold, the pipeline by stage with its weighted forecast, and weekly trends. Every chart has its table
// beside it (for screen readers, and as CSV); the charts load after the figures.
import { Component, lazy, Suspense, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Button, Dropdown, Field, Input, Link, Option, Skeleton, SkeletonItem, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title2, Title3,
  makeStyles, tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, ArrowDownloadRegular } from '@fluentui/react-icons';
import { ErrorState, LoadingState, TierBadge, unwrap, useAsync, useI18n, type I18n } from '../../../../web-shared/src/index.ts';
import { useColleagueName, useServices } from '../../app/services.tsx';
import { toCsv, type CsvColumn } from '../common/csv.ts';
import { exportCsv } from '../audit/record-export.ts';

const Charts = {
  GroupedBars: lazy(() => import('./dashboard-charts.tsx').then((m) => ({ default: m.GroupedBars }))),
  TrendLines: lazy(() => import('./dashboard-charts.tsx').then((m) => ({ default: m.TrendLines }))),
  Bars: lazy(() => import('./dashboard-charts.tsx').then((m) => ({ default: m.Bars }))),
};

const useStyles = makeStyles({
  controls: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', marginBottom: tokens.spacingVerticalL },
  section: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, padding: tokens.spacingHorizontalL, marginBottom: tokens.spacingVerticalL },
  sectionHead: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  pair: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(24rem, 1fr))', gap: tokens.spacingHorizontalL, alignItems: 'start' },
  scroll: { overflowX: 'auto' },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  chart: { minHeight: '260px' },
  muted: { color: tokens.colorNeutralForeground3 },
  byRep: { display: 'flex', flexDirection: 'column', whiteSpace: 'nowrap' },
});

type Dashboard = Awaited<ReturnType<typeof load>>;
type Api = ReturnType<typeof useServices>['api'];

function load(api: Api, query: Record<string, string>) {
  return unwrap(api.analytics.dashboard.$get({ query: query as never }));
}

interface Column<T> extends CsvColumn<T> {
  render?: (row: T) => ReactNode;
  numeric?: boolean;
}

function DataTable<T>({ caption, rows, columns, rowKey }: { caption: string; rows: readonly T[]; columns: readonly Column<T>[]; rowKey: (r: T) => string }) {
  const s = useStyles();
  return (
    <div className={s.scroll}>
      <Table size="small" aria-label={caption}>
        <TableHeader>
          <TableRow>{columns.map((c) => <TableHeaderCell key={c.header} className={c.numeric ? s.num : undefined}>{c.header}</TableHeaderCell>)}</TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={rowKey(r)}>
              {columns.map((c) => <TableCell key={c.header} className={c.numeric ? s.num : undefined}>{c.render ? c.render(r) : (c.value(r) ?? '')}</TableCell>)}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function Section({ id, title, csv, children }: { id: string; title: string; csv?: () => void; children: ReactNode }) {
  const { t } = useI18n();
  const s = useStyles();
  return (
    <section className={s.section} aria-labelledby={`${id}-title`} data-section={id}>
      <div className={s.sectionHead}>
        <Title3 as="h2" id={`${id}-title`}>{title}</Title3>
        {csv && <Button size="small" icon={<ArrowDownloadRegular />} onClick={csv} aria-label={t('dashboard.csvOf', { title })}>{t('common.exportCsv')}</Button>}
      </div>
      {children}
    </section>
  );
}

/** A chart that cannot load or draw leaves its table standing, with a line saying so. */
class ChartBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

function ChartSlot({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const s = useStyles();
  return (
    <div className={s.chart}>
      <ChartBoundary fallback={<Text className={s.muted}>{t('dashboard.chartFailed')}</Text>}>
        <Suspense fallback={<Skeleton aria-label={t('dashboard.chartLoading')}><SkeletonItem style={{ height: '240px' }} /></Skeleton>}>{children}</Suspense>
      </ChartBoundary>
    </div>
  );
}

const hours = (minutes: number, i18n: I18n) => i18n.formatNumber(Math.round(minutes / 6) / 10);

export function DashboardView() {
  const i18n = useI18n();
  const { t, formatMoney, formatDate, formatDateTime, formatNumber } = i18n;
  const { api, me, colleagues, navigate } = useServices();
  const nameOf = useColleagueName();
  const s = useStyles();
  const teams = useMemo(() => [...new Set(colleagues.map((c) => c.team).filter((x): x is string => !!x))].sort(), [colleagues]);
  const [team, setTeam] = useState<string>(me.team ?? 'all');
  const [days, setDays] = useState<string>('90');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const compactEuros = useMemo(() => {
    const f = new Intl.NumberFormat(i18n.locale, { style: 'currency', currency: 'EUR', notation: 'compact', maximumFractionDigits: 1 });
    return (n: number) => f.format(n);
  }, [i18n.locale]);
  const query: Record<string, string> = { team, ...(days === 'custom' ? (from && to ? { from, to } : {}) : { days }) };
  // Figures are shared for a minute on the server; "Refresh" asks for them computed now.
  const [refreshes, setRefreshes] = useState(0);
  const refreshed = useRef(0);
  const data = useAsync(() => {
    const fresh = refreshes > refreshed.current;
    refreshed.current = refreshes;
    return load(api, fresh ? { ...query, refresh: 'true' } : query);
  }, [api, JSON.stringify(query), refreshes]);

  const periodControls = (
    <div className={s.controls}>
      <Field label={t('dashboard.team')}>
        <Dropdown selectedOptions={[team]} value={team === 'all' ? t('dashboard.allTeams') : team} onOptionSelect={(_, d) => setTeam(d.optionValue ?? 'all')} data-control="team">
          <Option value="all">{t('dashboard.allTeams')}</Option>
          {teams.map((x) => <Option key={x} value={x}>{x}</Option>)}
        </Dropdown>
      </Field>
      <Field label={t('dashboard.period')}>
        <Dropdown selectedOptions={[days]} value={days === 'custom' ? t('dashboard.custom') : t('dashboard.lastDays', { n: Number(days) })} onOptionSelect={(_, d) => setDays(d.optionValue ?? '90')} data-control="period">
          {['30', '90', '180', '365'].map((n) => <Option key={n} value={n}>{t('dashboard.lastDays', { n: Number(n) })}</Option>)}
          <Option value="custom">{t('dashboard.custom')}</Option>
        </Dropdown>
      </Field>
      {days === 'custom' && (
        <>
          <Field label={t('dashboard.from')}><Input type="date" value={from} onChange={(_, d) => setFrom(d.value)} /></Field>
          <Field label={t('dashboard.to')}><Input type="date" value={to} onChange={(_, d) => setTo(d.value)} /></Field>
        </>
      )}
    </div>
  );

  return (
    <section aria-labelledby="dashboard-title">
      <Title2 as="h1" id="dashboard-title">{t('dashboard.title')}</Title2>
      {periodControls}
      {data.status === 'loading' && <LoadingState label={t('dashboard.loading')} />}
      {data.status === 'error' && <ErrorState error={data.error} onRetry={data.reload} />}
      {data.status === 'done' && <Figures d={data.data} />}
    </section>
  );

  function Figures({ d }: { d: Dashboard }) {
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
            <Button size="small" appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={() => setRefreshes((n) => n + 1)}>{t('dashboard.refresh')}</Button>
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
}
