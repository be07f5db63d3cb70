// What is sold to whom for how much: accounts down, products across, the euros won in the period in each cell,
// with each product's won total and open pipeline below. Exported as CSV as it is shown (the export is audited).
import { useState } from 'react';
import {
  Button, Caption1, Dropdown, Field, Input, Option, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3, makeStyles, tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import type { InferResponseType } from 'hono/client';
import { ErrorState, LoadingState, unwrap, useAsync, useI18n, type ApiClient } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { toCsv } from '../common/csv.ts';
import { exportCsv } from '../audit/record-export.ts';

type Figures = InferResponseType<ApiClient['analytics']['products']['$get'], 200>;
type Column = Figures['products'][number];
const PERIODS = ['365', '90', 'year', 'custom'] as const;
type PeriodChoice = (typeof PERIODS)[number];

const useStyles = makeStyles({
  controls: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap', marginBottom: tokens.spacingVerticalM },
  scroll: { overflowX: 'auto', backgroundColor: tokens.colorNeutralBackground1 },
  number: { textAlign: 'right', whiteSpace: 'nowrap' },
  total: { fontWeight: tokens.fontWeightSemibold },
});

const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function SalesTable({ round }: { round: number }) {
  const { t, formatMoney } = useI18n();
  const { api } = useServices();
  const s = useStyles();
  const [period, setPeriod] = useState<PeriodChoice>('365');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const query: Record<string, string> =
    period === 'year' ? { from: `${localToday().slice(0, 4)}-01-01`, to: localToday() } : period === 'custom' ? (from && to ? { from, to } : {}) : { days: period };
  const key = JSON.stringify(query);
  const figures = useAsync(() => unwrap(api.analytics.products.$get({ query })), [api, key, round]);
  const label = (c: Column) => c.name ?? t('products.table.other');
  const cell = (cells: { productId: string | null; wonCents: number }[], c: Column) => cells.find((x) => x.productId === c.productId)?.wonCents ?? 0;

  const controls = (
    <div className={s.controls}>
      <Field label={t('products.table.period')}>
        <Dropdown value={t(`products.period.${period}`)} selectedOptions={[period]} onOptionSelect={(_, d) => setPeriod((d.optionValue ?? '365') as PeriodChoice)}>
          {PERIODS.map((p) => <Option key={p} value={p}>{t(`products.period.${p}`)}</Option>)}
        </Dropdown>
      </Field>
      {period === 'custom' && (
        <>
          <Field label={t('dashboard.from')}><Input type="date" value={from} onChange={(_, d) => setFrom(d.value)} /></Field>
          <Field label={t('dashboard.to')}><Input type="date" value={to} onChange={(_, d) => setTo(d.value)} /></Field>
        </>
      )}
      {figures.status === 'done' && (
        <Button icon={<ArrowDownloadRegular />} disabled={figures.data.accounts.items.length === 0} onClick={() => void download(figures.data)}>{t('common.exportCsv')}</Button>
      )}
    </div>
  );
  const download = async (f: Figures) => {
    const columns = [
      { header: t('products.table.account'), value: (r: Figures['accounts']['items'][number]) => r.name },
      ...f.products.map((c) => ({ header: label(c), value: (r: Figures['accounts']['items'][number]) => cell(r.cells, c) / 100 })),
      { header: t('products.table.total'), value: (r: Figures['accounts']['items'][number]) => r.wonCents / 100 },
    ];
    await exportCsv(api, { view: 'products-by-account', rows: f.accounts.items.length }, `products-${f.period.from}-${f.period.to}.csv`, toCsv(f.accounts.items, columns));
  };

  return (
    <section aria-labelledby="sales-title">
      <Title3 as="h2" id="sales-title">{t('products.table.title')}</Title3>
      {controls}
      {figures.status === 'loading' && <LoadingState />}
      {figures.status === 'error' && <ErrorState error={figures.error} onRetry={figures.reload} />}
      {figures.status === 'done' && (
        <>
          <Caption1 block>
            {t(`products.table.scope.${figures.data.scope.kind}`, { team: figures.data.scope.team ?? '' })}{' · '}
            {t('products.table.periodShown', { from: figures.data.period.from, to: figures.data.period.to })}
          </Caption1>
          {figures.data.products.length === 0 ? <Text as="p">{t('products.table.none')}</Text> : (
            <div className={s.scroll}>
              <Table size="small" aria-labelledby="sales-title" data-testid="sales-table">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t('products.table.account')}</TableHeaderCell>
                    {figures.data.products.map((c) => <TableHeaderCell key={c.productId ?? 'other'}>{label(c)}</TableHeaderCell>)}
                    <TableHeaderCell>{t('products.table.total')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {figures.data.accounts.items.map((r) => (
                    <TableRow key={r.accountId} data-account-id={r.accountId}>
                      <TableCell>{r.name}</TableCell>
                      {figures.data.products.map((c) => <TableCell key={c.productId ?? 'other'} className={s.number}>{cell(r.cells, c) ? formatMoney(cell(r.cells, c)) : ''}</TableCell>)}
                      <TableCell className={`${s.number} ${s.total}`}>{formatMoney(r.wonCents)}</TableCell>
                    </TableRow>
                  ))}
                  <TableRow className={s.total}>
                    <TableCell>{t('products.table.wonTotal')}</TableCell>
                    {figures.data.products.map((c) => <TableCell key={c.productId ?? 'other'} className={s.number}>{formatMoney(c.wonCents)}</TableCell>)}
                    <TableCell className={s.number} data-testid="won-total">{formatMoney(figures.data.totals.wonCents)}</TableCell>
                  </TableRow>
                  <TableRow>
                    <TableCell>{t('products.table.openPipeline')}</TableCell>
                    {figures.data.products.map((c) => <TableCell key={c.productId ?? 'other'} className={s.number}>{formatMoney(c.openPipelineCents)}</TableCell>)}
                    <TableCell className={s.number}>{formatMoney(figures.data.totals.openPipelineCents)}</TableCell>
                  </TableRow>
                </TableBody>
              </Table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
