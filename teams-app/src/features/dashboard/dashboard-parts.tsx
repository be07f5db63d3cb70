// The dashboard's building blocks: its request, styles, a table that doubles as CSV, a section with its CSV
// button, and a chart slot that loads the charts lazily and leaves the table standing if one fails.
import { Component, lazy, Suspense, type ReactNode } from 'react';
import {
  Button, Skeleton, SkeletonItem, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3,
  makeStyles, tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { unwrap, useI18n, type I18n } from '../../../../web-shared/src/index.ts';
import type { useServices } from '../../app/services.tsx';
import type { CsvColumn } from '../common/csv.ts';

export const Charts = {
  HBars: lazy(() => import('./dashboard-charts.tsx').then((m) => ({ default: m.HBars }))),
  StackedRows: lazy(() => import('./dashboard-charts.tsx').then((m) => ({ default: m.StackedRows }))),
  WeeklyColumns: lazy(() => import('./dashboard-charts.tsx').then((m) => ({ default: m.WeeklyColumns }))),
};

export const useStyles = makeStyles({
  controls: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', marginBottom: tokens.spacingVerticalL },
  section: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, padding: tokens.spacingHorizontalL, marginBottom: tokens.spacingVerticalL },
  sectionHead: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  pair: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(24rem, 1fr))', gap: tokens.spacingHorizontalL, alignItems: 'start' },
  scroll: { overflowX: 'auto' },
  // Columns as wide as their content needs (Fluent fixes them equal), so a narrow tab scrolls the table sideways
  // instead of drawing one column's text over the next.
  table: { tableLayout: 'auto' },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  chart: { minHeight: '120px', marginTop: tokens.spacingVerticalM, marginBottom: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground3 },
  byRep: { display: 'flex', flexDirection: 'column', whiteSpace: 'nowrap' },
});

export type Dashboard = Awaited<ReturnType<typeof load>>;
type Api = ReturnType<typeof useServices>['api'];

export function load(api: Api, query: Record<string, string>) {
  return unwrap(api.analytics.dashboard.$get({ query: query as never }));
}

export type Headlines = Awaited<ReturnType<typeof loadHeadlines>>;

export function loadHeadlines(api: Api, query: Record<string, string>) {
  return unwrap(api.analytics.headlines.$get({ query: query as never }));
}

export interface Column<T> extends CsvColumn<T> {
  render?: (row: T) => ReactNode;
  numeric?: boolean;
}

export function DataTable<T>({ caption, rows, columns, rowKey }: { caption: string; rows: readonly T[]; columns: readonly Column<T>[]; rowKey: (r: T) => string }) {
  const s = useStyles();
  return (
    <div className={s.scroll}>
      <Table size="small" aria-label={caption} className={s.table}>
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

export function Section({ id, title, csv, children }: { id: string; title: string; csv?: () => void; children: ReactNode }) {
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

export function ChartSlot({ children }: { children: ReactNode }) {
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

export const hours = (minutes: number, i18n: I18n) => i18n.formatNumber(Math.round(minutes / 6) / 10);
