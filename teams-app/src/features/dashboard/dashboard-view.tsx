// The managers' dashboard for a chosen period and team: who is in touch with customers and how (per rep), where
// the effort goes against pipeline (per account), whether each tier's care model is kept, which accounts are
// going cold, the pipeline by stage with its weighted forecast, and weekly trends; above them the headline
// figures with the deals and accounts behind each, and the figures per tier and segment. Every chart has its
// table beside it (for screen readers, and as CSV).
import { useMemo, useRef, useState } from 'react';
import { Dropdown, Field, Input, Option, Title2 } from '@fluentui/react-components';
import { ErrorState, LoadingState, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { load, loadHeadlines, useStyles, type Headlines } from './dashboard-parts.tsx';
import type { Segment } from './dashboard-segments.tsx';
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
  // The headline figures are computed on each request; the segment choice asks for them alone again.
  const [segment, setSegment] = useState<Segment>('industry');
  const heads = useAsync(() => loadHeadlines(api, { ...query, segment }), [api, JSON.stringify(query), segment, refreshes]);
  // While another segment is counted, the page keeps the figures it has instead of a spinner.
  const shown = useRef<Headlines | null>(null);
  if (heads.status === 'done') shown.current = heads.data;
  const h = heads.status === 'done' ? heads.data : heads.status === 'loading' ? shown.current : null;

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
      {data.status === 'error' ? <ErrorState error={data.error} onRetry={data.reload} />
        : heads.status === 'error' ? <ErrorState error={heads.error} onRetry={heads.reload} />
        : data.status === 'done' && h ? <Figures d={data.data} h={h} segment={segment} onSegment={setSegment} onRefresh={() => setRefreshes((n) => n + 1)} />
        : <LoadingState label={t('dashboard.loading')} />}
    </section>
  );
}
