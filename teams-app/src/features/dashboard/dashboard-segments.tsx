// The team's figures per tier and per segment (industry, size or region): accounts, open pipeline, won in the
// period, activity, care kept, and NPS and CSAT averages with how many answers each rests on.
import { Dropdown, Field, Option } from '@fluentui/react-components';
import { TierBadge, useI18n } from '../../../../web-shared/src/index.ts';
import { toCsv } from '../common/csv.ts';
import { exportCsv } from '../audit/record-export.ts';
import { useServices } from '../../app/services.tsx';
import { DataTable, Section, type Column, type Headlines } from './dashboard-parts.tsx';

export const SEGMENTS = ['industry', 'size', 'region'] as const;
export type Segment = (typeof SEGMENTS)[number];
type Row = Headlines['byTier'][number];

export function SegmentFigures({ h, segment, onSegment }: { h: Headlines; segment: Segment; onSegment: (s: Segment) => void }) {
  const { t, formatMoney, formatNumber } = useI18n();
  const { api } = useServices();
  const avg = (a: { average: number | null; count: number }) => (a.average === null ? '–' : t('dashboard.seg.average', { average: formatNumber(a.average), n: a.count }));
  const keyName = (key: string | null) =>
    key === null ? t('dashboard.seg.none') : h.bySegment.field === 'size' ? t(`size.${key}`) : key;
  const figures: Column<Row>[] = [
    { header: t('dashboard.accounts'), value: (r) => r.accounts, numeric: true },
    { header: t('dashboard.openPipeline'), value: (r) => Math.round(r.openPipelineCents / 100), render: (r) => `${formatMoney(r.openPipelineCents)} (${formatNumber(r.openDeals)})`, numeric: true },
    { header: t('dashboard.won'), value: (r) => Math.round(r.wonCents / 100), render: (r) => `${formatMoney(r.wonCents)} (${formatNumber(r.wonDeals)})`, numeric: true },
    { header: t('dashboard.seg.activity'), value: (r) => r.activity, numeric: true },
    {
      header: t('dashboard.seg.careKept'), value: (r) => (r.care.share === null ? '' : Math.round(r.care.share * 100)), numeric: true,
      render: (r) => (r.care.share === null ? '–' : t('dashboard.seg.careShare', { share: formatNumber(Math.round(r.care.share * 100)), within: r.care.within, of: r.care.withCadence })),
    },
    { header: t('dashboard.seg.nps'), value: (r) => r.nps.average ?? '', render: (r) => avg(r.nps), numeric: true },
    { header: t('dashboard.seg.csat'), value: (r) => r.csat.average ?? '', render: (r) => avg(r.csat), numeric: true },
  ];
  const tierCols: Column<Row>[] = [{ header: t('accounts.col.tier'), value: (r) => r.key ?? '', render: (r) => <TierBadge tier={r.key as 'A'} /> }, ...figures];
  const segCols: Column<Row>[] = [{ header: t(`dashboard.seg.field.${h.bySegment.field}`), value: (r) => keyName(r.key) }, ...figures];
  const csv = (name: string, rows: readonly Row[], cols: Column<Row>[]) => () =>
    void exportCsv(api, { view: `dashboard-${name}`, rows: rows.length }, `suhde-${name}-${h.period.from}-${h.period.to}.csv`, toCsv(rows, cols));
  return (
    <>
      <Section id="tiers" title={t('dashboard.seg.byTier')} csv={csv('tiers', h.byTier, tierCols)}>
        <DataTable caption={t('dashboard.seg.byTier')} rows={h.byTier} columns={tierCols} rowKey={(r) => r.key ?? ''} />
      </Section>
      <Section id="segments" title={t('dashboard.seg.bySegment', { field: t(`dashboard.seg.field.${h.bySegment.field}`).toLowerCase() })} csv={csv('segments', h.bySegment.rows, segCols)}>
        <Field label={t('dashboard.seg.groupBy')} style={{ maxWidth: '16rem' }}>
          <Dropdown selectedOptions={[segment]} value={t(`dashboard.seg.field.${segment}`)} onOptionSelect={(_, d) => onSegment((d.optionValue as Segment) ?? 'industry')} data-control="segment">
            {SEGMENTS.map((x) => <Option key={x} value={x}>{t(`dashboard.seg.field.${x}`)}</Option>)}
          </Dropdown>
        </Field>
        <DataTable caption={t('dashboard.seg.bySegment', { field: t(`dashboard.seg.field.${h.bySegment.field}`).toLowerCase() })} rows={h.bySegment.rows} columns={segCols} rowKey={(r) => r.key ?? '(none)'} />
      </Section>
    </>
  );
}
