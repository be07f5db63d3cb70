// The managers' dashboard for a chosen period and team: who is in touch with customers and how (per rep), where
// the effort goes against pipeline (per account), whether each tier's care model is kept, which accounts are
// going cold, the pipeline by stage with its weighted forecast, and weekly trends. Every chart has its table
// beside it (for screen readers, and as CSV); the charts load after the figures.
import { useMemo, useRef, useState } from 'react';
import { Dropdown, Field, Input, Option, Title2 } from '@fluentui/react-components';
import { ErrorState, LoadingState, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { load, useStyles } from './dashboard-parts.tsx';
import { Figures } from './dashboard-figures.tsx';

export function DashboardView() {
  const { t } = useI18n();
  const { api, me, colleagues } = useServices();
  const s = useStyles();
  const teams = useMemo(() => [...new Set(colleagues.map((c) => c.team).filter((x): x is string => !!x))].sort(), [colleagues]);
  const [team, setTeam] = useState<string>(me.team ?? 'all');
  const [days, setDays] = useState<string>('90');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
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
      {data.status === 'done' && <Figures d={data.data} onRefresh={() => setRefreshes((n) => n + 1)} />}
    </section>
  );
}
