// The dashboard's headline figures: open pipeline, weighted forecast, won and lost in the period, accounts
// overdue and going cold. Each is a button that opens the deals or accounts behind it in a list below the
// figures; the open figure is kept in the address (?figure=), so a reload or a shared link shows the same list.
import { useState } from 'react';
import { Link, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { TierBadge, useI18n } from '../../../../web-shared/src/index.ts';
import { useColleagueName, useServices } from '../../app/services.tsx';
import { DataTable, Section, type Column, type Headlines } from './dashboard-parts.tsx';

export const FIGURES = ['open', 'weighted', 'won', 'lost', 'overdue', 'goingCold'] as const;
export type Figure = (typeof FIGURES)[number];

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(11rem, 1fr))', gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalL },
  card: {
    display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXXS, textAlign: 'left', cursor: 'pointer',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`, borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1, border: `1px solid ${tokens.colorNeutralStroke1}`,
    fontFamily: 'inherit',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover, border: `1px solid ${tokens.colorNeutralStroke1Hover}` },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  selected: { border: `2px solid ${tokens.colorBrandStroke1}`, ':hover': { border: `2px solid ${tokens.colorBrandStroke1}` } },
  label: { fontSize: tokens.fontSizeBase300, color: tokens.colorNeutralForeground2 },
  value: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  sub: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  muted: { color: tokens.colorNeutralForeground3 },
});

function initialFigure(): Figure | null {
  const f = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('figure');
  return f && (FIGURES as readonly string[]).includes(f) ? (f as Figure) : null;
}

function keepInAddress(figure: Figure | null) {
  if (typeof history === 'undefined') return;
  const q = new URLSearchParams(location.search);
  if (figure) q.set('figure', figure);
  else q.delete('figure');
  history.replaceState(history.state, '', `?${q}`);
}

export function HeadlineFigures({ h }: { h: Headlines }) {
  const { t, formatMoney, formatNumber } = useI18n();
  const s = useStyles();
  const [figure, setFigure] = useState<Figure | null>(initialFigure);
  const choose = (f: Figure) => {
    const next = figure === f ? null : f;
    setFigure(next);
    keepInAddress(next);
  };
  const cards: { figure: Figure; value: string; sub: string }[] = [
    { figure: 'open', value: formatMoney(h.openPipeline.valueCents), sub: t('dashboard.h.deals', { n: h.openPipeline.count }) },
    { figure: 'weighted', value: formatMoney(h.weightedForecastCents), sub: t('dashboard.h.weightedSub') },
    { figure: 'won', value: formatMoney(h.won.valueCents), sub: t('dashboard.h.deals', { n: h.won.count }) },
    { figure: 'lost', value: formatMoney(h.lost.valueCents), sub: t('dashboard.h.deals', { n: h.lost.count }) },
    { figure: 'overdue', value: formatNumber(h.overdue.count), sub: t('dashboard.h.overdueSub') },
    { figure: 'goingCold', value: formatNumber(h.goingCold.count), sub: t('dashboard.h.goingColdSub') },
  ];
  return (
    <>
      <div className={s.grid} role="group" aria-label={t('dashboard.h.title')} data-testid="headlines">
        {cards.map((c) => (
          <button
            key={c.figure} type="button" className={mergeClasses(s.card, figure === c.figure && s.selected)} data-figure={c.figure}
            aria-expanded={figure === c.figure} aria-controls="headline-behind" onClick={() => choose(c.figure)}
          >
            <span className={s.label}>{t(`dashboard.h.${c.figure}`)}</span>
            <span className={s.value}>{c.value}</span>
            <span className={s.sub}>{c.sub}</span>
          </button>
        ))}
      </div>
      <div id="headline-behind">{figure && <Behind h={h} figure={figure} />}</div>
    </>
  );
}

type Deal = Headlines['behind']['open'][number];
type Acc = Headlines['behind']['overdue'][number];

function Behind({ h, figure }: { h: Headlines; figure: Figure }) {
  const { t, formatMoney, formatDate, formatNumber } = useI18n();
  const { navigate } = useServices();
  const nameOf = useColleagueName();
  const s = useStyles();
  const open = (accountId: string) => navigate({ view: 'account', accountId });
  const title = t(`dashboard.h.behind.${figure}`);
  const account = <T extends { accountId: string },>(name: (x: T) => string): Column<T> => ({
    header: t('dashboard.account'), value: name, render: (x) => <Link onClick={() => open(x.accountId)}>{name(x)}</Link>,
  });
  const dealCols: Column<Deal>[] = [
    { header: t('dashboard.h.deal'), value: (x) => x.name },
    account<Deal>((x) => x.accountName),
    { header: t('dashboard.stage'), value: (x) => t(`stage.${x.stage}`) },
    { header: t('dashboard.value'), value: (x) => Math.round(x.valueCents / 100), render: (x) => formatMoney(x.valueCents), numeric: true },
    ...(figure === 'weighted'
      ? [{ header: t('dashboard.weighted'), value: (x: Deal) => Math.round((x.valueCents * x.probability) / 10_000), render: (x: Deal) => `${formatMoney(Math.round((x.valueCents * x.probability) / 100))} (${formatNumber(x.probability)} %)`, numeric: true }]
      : []),
    { header: t('accounts.col.owner'), value: (x) => nameOf(x.ownerId) ?? '' },
    ...(figure === 'won' || figure === 'lost' ? [{ header: t('dashboard.h.closed'), value: (x: Deal) => (x.closedAt ? formatDate(x.closedAt) : '') }] : []),
  ];
  const accCols: Column<Acc>[] = [
    account<Acc>((x) => x.name),
    { header: t('accounts.col.tier'), value: (x) => x.tier, render: (x) => <TierBadge tier={x.tier} /> },
    { header: t('accounts.col.owner'), value: (x) => nameOf(x.ownerId) ?? '' },
    { header: t('accounts.col.lastContact'), value: (x) => (x.lastContactAt ? formatDate(x.lastContactAt) : t('account.never')) },
    figure === 'overdue'
      ? { header: t('dashboard.h.daysOverdue'), value: (x) => x.daysOverdue, numeric: true }
      : { header: t('dashboard.h.due'), value: (x) => (x.nextDueAt ? formatDate(x.nextDueAt) : '') },
  ];
  const deals = figure === 'overdue' || figure === 'goingCold' ? null : h.behind[figure === 'weighted' ? 'open' : figure];
  const accounts = figure === 'overdue' ? h.behind.overdue : figure === 'goingCold' ? h.behind.goingCold : null;
  const total = { open: h.openPipeline.count, weighted: h.openPipeline.count, won: h.won.count, lost: h.lost.count, overdue: h.overdue.count, goingCold: h.goingCold.count }[figure];
  const shown = (deals ?? accounts ?? []).length;
  return (
    <Section id="behind" title={title}>
      <Text as="p" className={s.muted}>
        {t(`dashboard.h.help.${figure}`)} {shown < total ? t('dashboard.h.shown', { shown, total }) : ''}
      </Text>
      {shown === 0 ? <Text>{t('dashboard.h.none')}</Text>
        : deals ? <DataTable caption={title} rows={deals} columns={dealCols} rowKey={(x) => x.opportunityId} />
        : <DataTable caption={title} rows={accounts!} columns={accCols} rowKey={(x) => x.accountId} />}
    </Section>
  );
}
