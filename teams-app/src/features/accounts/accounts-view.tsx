// My accounts: search, filters (tier, owner, segment, lifecycle, overdue), sorting, saved views (mine and the
// team's, on the server), the columns a salesperson scans (last contact, next due, open pipeline, relationship
// strength) and CSV of what is shown.
// It opens on the user's own accounts, what needs attention first; search, owner and sort stay in one row and the
// other filters fold behind a "Filters" button with the number set, so the first account shows without scrolling.
import { Suspense, useEffect, useMemo, useState } from 'react';
import {
  Badge, Button, Checkbox, Dropdown, Field, Link, Option, SearchBox, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow,
  Switch, Text, Title2, makeStyles, mergeClasses, tokens,
} from '@fluentui/react-components';
import { AddRegular, ArrowDownloadRegular, ArrowUndoRegular, FilterRegular } from '@fluentui/react-icons';
import { ErrorState, LoadingState, TierBadge, unwrap, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useColleagueName, useServices } from '../../app/services.tsx';
import { toCsv, type CsvColumn } from '../common/csv.ts';
import { exportCsv } from '../audit/record-export.ts';
import { StrengthBadge } from '../common/strength-badge.tsx';
import { accountQuery, activeFilterCount, DEFAULT_FILTERS, LIFECYCLES, PAGE_SIZE, SIZES, SORTS, TIERS, type AccountFilters } from './account-filters.ts';
import { SavedViews } from './saved-views.tsx';
import { PendingPart, lazyPart, whenIdle } from '../../app/lazy-part.tsx';

// The new-account dialog is not on the first screen: its own chunk, fetched once the list has settled.
const accountDialog = lazyPart(() => import('../records/account-dialog.tsx').then((m) => m.AccountDialog));

const useStyles = makeStyles({
  head: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', marginBottom: tokens.spacingVerticalM },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', marginBottom: tokens.spacingVerticalM },
  more: {
    display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', marginBottom: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM, backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium,
  },
  search: { minWidth: '12rem', maxWidth: '18rem' },
  narrow: { minWidth: '9rem', maxWidth: '14rem' },
  table: { backgroundColor: tokens.colorNeutralBackground1 },
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  pager: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', marginTop: tokens.spacingVerticalM },
  num: { textAlign: 'right' },
  archivedRow: { color: tokens.colorNeutralForegroundDisabled },
});

type Item = Awaited<ReturnType<typeof loadPage>>['items'][number];

async function loadPage(api: ReturnType<typeof useServices>['api'], filters: AccountFilters, page: number) {
  const list = await unwrap(api.accounts.$get({ query: accountQuery(filters, page) as never }));
  const strengths = list.items.length
    ? await unwrap(api['relationship-strength'].$get({ query: { accountIds: list.items.map((a) => a.id).join(',') } }))
    : { items: [] };
  const byId = new Map(strengths.items.map((s) => [s.accountId, s]));
  return { total: list.total, items: list.items.map((a) => ({ ...a, strength: byId.get(a.id)?.strongest ?? { userId: null, strength: 0, label: 'none' as const } })) };
}

export function AccountsView() {
  const i18n = useI18n();
  const { t, formatDate, formatRelative, formatMoney } = i18n;
  const { api, navigate, now, colleagues } = useServices();
  const nameOf = useColleagueName();
  const s = useStyles();
  const [filters, setFilters] = useState<AccountFilters>(DEFAULT_FILTERS);
  const [page, setPage] = useState(0);
  const [creating, setCreating] = useState(false);
  // Mounted from the first open on, so that closing keeps the dialog's own exit as before.
  const [dialogUsed, setDialogUsed] = useState(false);
  useEffect(() => whenIdle(accountDialog.preload), []);
  const [showFilters, setShowFilters] = useState(false);
  const active = activeFilterCount(filters);
  const list = useAsync(() => loadPage(api, filters, page), [api, JSON.stringify(filters), page]);
  // Segment values to choose from: the industries and regions of the organisation's accounts.
  const segments = useAsync(async () => {
    const all = await unwrap(api.accounts.$get({ query: { limit: '200' } as never }));
    const distinct = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))].sort((a, b) => a.localeCompare(b, i18n.locale));
    return { industries: distinct(all.items.map((a) => a.industry)), regions: distinct(all.items.map((a) => a.region)) };
  }, [api]);
  const set = (patch: Partial<AccountFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(0);
  };
  const sortBy = (sort: AccountFilters['sort']) =>
    set({ sort, order: filters.sort === sort ? (filters.order === 'asc' ? 'desc' : 'asc') : sort === 'lastContact' || sort === 'pipeline' ? 'desc' : 'asc' });
  const sortDirection = (sort: AccountFilters['sort']) => (filters.sort === sort ? (filters.order === 'asc' ? 'ascending' : 'descending') : undefined);

  const columns: CsvColumn<Item>[] = useMemo(() => [
    { header: t('accounts.col.name'), value: (a) => a.name },
    { header: t('accounts.col.tier'), value: (a) => a.tier },
    { header: t('accounts.col.owner'), value: (a) => nameOf(a.ownerId) ?? '' },
    { header: t('accounts.col.lastContact'), value: (a) => (a.lastContactAt ? new Date(a.lastContactAt).toISOString().slice(0, 10) : '') },
    { header: t('accounts.col.nextDue'), value: (a) => (a.care.nextDueAt ? new Date(a.care.nextDueAt).toISOString().slice(0, 10) : '') },
    { header: t('accounts.col.overdueDays'), value: (a) => (a.care.overdue ? a.care.daysOverdue : 0) },
    { header: t('accounts.col.pipelineEur'), value: (a) => Math.round(a.openPipelineCents / 100) },
    { header: t('accounts.col.strength'), value: (a) => a.strength.strength },
  ], [t, nameOf]);

  const ownerOptions = [
    { value: '', label: t('accounts.owner.anyone') },
    { value: 'me', label: t('accounts.owner.me') },
    ...colleagues.filter((c) => c.role !== 'admin').map((c) => ({ value: c.id, label: c.displayName })),
  ];
  const multiLabel = (values: string[], key: string) => (values.length ? values.map((v) => t(`${key}${v}`)).join(', ') : t('accounts.filter.all'));

  return (
    <section aria-labelledby="accounts-title">
      <div className={s.head}>
        <Title2 as="h1" id="accounts-title">{t('accounts.title')}</Title2>
        {list.status === 'done' && <Text aria-live="polite">{t('accounts.count', { n: list.data.total })}</Text>}
        <Button icon={<AddRegular />} appearance="primary" onClick={() => { setDialogUsed(true); setCreating(true); }}>{t('records.account.new')}</Button>
      </div>
      {dialogUsed && (
        <Suspense fallback={<PendingPart overlay />}>
          <accountDialog.Component account={null} open={creating} onClose={() => setCreating(false)} onSaved={(a) => { setCreating(false); navigate({ view: 'account', accountId: a.id }); }} />
        </Suspense>
      )}
      <div className={s.filters} role="search" aria-label={t('accounts.filters')}>
        <Field label={t('accounts.search')}>
          <SearchBox className={s.search} value={filters.q} onChange={(_, d) => set({ q: d.value })} placeholder={t('accounts.searchPlaceholder')} />
        </Field>
        <Field label={t('accounts.filter.owner')}>
          <Dropdown className={s.narrow} selectedOptions={[filters.ownerId]} value={ownerOptions.find((o) => o.value === filters.ownerId)?.label ?? ''} onOptionSelect={(_, d) => set({ ownerId: d.optionValue ?? '' })} data-filter="owner">
            {ownerOptions.map((o) => <Option key={o.value || 'any'} value={o.value}>{o.label}</Option>)}
          </Dropdown>
        </Field>
        <Field label={t('accounts.sort')}>
          <Dropdown className={s.narrow} selectedOptions={[filters.sort]} value={t(`accounts.sort.${filters.sort}`)} onOptionSelect={(_, d) => sortBy(d.optionValue as AccountFilters['sort'])} data-filter="sort">
            {SORTS.map((x) => <Option key={x} value={x}>{t(`accounts.sort.${x}`)}</Option>)}
          </Dropdown>
        </Field>
        <Switch label={t('records.showArchived')} checked={filters.archived} onChange={(_, d) => set({ archived: d.checked })} data-testid="accounts-show-archived" />
        <Button icon={<FilterRegular />} aria-expanded={showFilters} aria-controls="account-more-filters" onClick={() => setShowFilters((v) => !v)} data-testid="filters-toggle">
          {active ? t('accounts.filtersCount', { n: active }) : t('accounts.moreFilters')}
        </Button>
        <Button icon={<ArrowDownloadRegular />} disabled={list.status !== 'done' || list.data.items.length === 0} onClick={() => list.data && void exportCsv(api, { view: 'accounts', rows: list.data.items.length }, 'suhde-accounts.csv', toCsv(list.data.items, columns))}>
          {t('common.exportCsv')}
        </Button>
      </div>
      {showFilters && (
      <div className={s.more} id="account-more-filters" role="group" aria-label={t('accounts.moreFilters')}>
        <Field label={t('accounts.filter.tier')}>
          <Dropdown className={s.narrow} multiselect selectedOptions={filters.tiers} value={multiLabel(filters.tiers, 'tier.')} onOptionSelect={(_, d) => set({ tiers: d.selectedOptions })} data-filter="tier">
            {TIERS.map((tier) => <Option key={tier} value={tier} text={t(`tier.${tier}`)}>{t(`tier.${tier}`)}</Option>)}
          </Dropdown>
        </Field>
        <Field label={t('accounts.filter.lifecycle')}>
          <Dropdown className={s.narrow} multiselect selectedOptions={filters.lifecycles} value={multiLabel(filters.lifecycles, 'lifecycle.')} onOptionSelect={(_, d) => set({ lifecycles: d.selectedOptions })}>
            {LIFECYCLES.map((l) => <Option key={l} value={l}>{t(`lifecycle.${l}`)}</Option>)}
          </Dropdown>
        </Field>
        <Field label={t('accounts.filter.industry')}>
          <Dropdown className={s.narrow} selectedOptions={[filters.industry]} value={filters.industry || t('accounts.filter.all')} onOptionSelect={(_, d) => set({ industry: d.optionValue ?? '' })}>
            <Option value="">{t('accounts.filter.all')}</Option>
            {(segments.data?.industries ?? []).map((x) => <Option key={x} value={x}>{x}</Option>)}
          </Dropdown>
        </Field>
        <Field label={t('accounts.filter.region')}>
          <Dropdown className={s.narrow} selectedOptions={[filters.region]} value={filters.region || t('accounts.filter.all')} onOptionSelect={(_, d) => set({ region: d.optionValue ?? '' })}>
            <Option value="">{t('accounts.filter.all')}</Option>
            {(segments.data?.regions ?? []).map((x) => <Option key={x} value={x}>{x}</Option>)}
          </Dropdown>
        </Field>
        <Field label={t('accounts.filter.size')}>
          <Dropdown className={s.narrow} selectedOptions={[filters.size]} value={filters.size ? t(`size.${filters.size}`) : t('accounts.filter.all')} onOptionSelect={(_, d) => set({ size: d.optionValue ?? '' })}>
            <Option value="">{t('accounts.filter.all')}</Option>
            {SIZES.map((x) => <Option key={x} value={x}>{t(`size.${x}`)}</Option>)}
          </Dropdown>
        </Field>
        <Checkbox label={t('accounts.filter.overdue')} checked={filters.overdue} onChange={(_, d) => set({ overdue: !!d.checked })} />
      <SavedViews filters={filters} onApply={(f) => { setFilters(f); setPage(0); }} />
      </div>
      )}

      {list.status === 'loading' && <LoadingState label={t('accounts.loading')} />}
      {list.status === 'error' && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.status === 'done' && list.data.items.length === 0 && <Text role="status">{t('accounts.none')}</Text>}
      {list.status === 'done' && list.data.items.length > 0 && (
        <>
          <Table className={s.table} aria-label={t('accounts.title')} sortable size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell sortDirection={sortDirection('name')} onClick={() => sortBy('name')}>{t('accounts.col.name')}</TableHeaderCell>
                <TableHeaderCell sortDirection={sortDirection('tier')} onClick={() => sortBy('tier')}>{t('accounts.col.tier')}</TableHeaderCell>
                <TableHeaderCell>{t('accounts.col.owner')}</TableHeaderCell>
                <TableHeaderCell sortDirection={sortDirection('lastContact')} onClick={() => sortBy('lastContact')}>{t('accounts.col.lastContact')}</TableHeaderCell>
                <TableHeaderCell>{t('accounts.col.nextDue')}</TableHeaderCell>
                <TableHeaderCell sortDirection={sortDirection('pipeline')} onClick={() => sortBy('pipeline')}>{t('accounts.col.pipeline')}</TableHeaderCell>
                <TableHeaderCell>{t('accounts.col.strength')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.items.map((a) => (
                <TableRow key={a.id} data-account-id={a.id} data-tier={a.tier} data-archived={a.archivedAt != null || undefined} className={a.archivedAt != null ? s.archivedRow : undefined}>
                  <TableCell>
                    <Link href={`?view=account&accountId=${encodeURIComponent(a.id)}`} onClick={(e) => { e.preventDefault(); navigate({ view: 'account', accountId: a.id }); }}>{a.name}</Link>
                    {a.archivedAt != null && (
                      <>
                        {' '}<Badge appearance="outline" color="subtle">{t('records.archivedBadge')}</Badge>{' '}
                        <Button size="small" appearance="subtle" icon={<ArrowUndoRegular />} disabled={!a.can?.archive.allowed} title={a.can?.archive.reason ?? undefined}
                          aria-label={t('records.restoreNamed', { name: a.name })}
                          onClick={() => void unwrap(api.accounts[':id'].restore.$post({ param: { id: a.id } })).then(list.reload, (e: unknown) => console.error('restoring an account failed', { accountId: a.id, error: e }))}>
                          {t('records.restore')}
                        </Button>
                      </>
                    )}
                  </TableCell>
                  <TableCell><TierBadge tier={a.tier} /></TableCell>
                  <TableCell>{nameOf(a.ownerId) ?? t('account.noOwner')}</TableCell>
                  <TableCell>{a.lastContactAt ? <time dateTime={new Date(a.lastContactAt).toISOString()} title={formatDate(a.lastContactAt)}>{formatRelative(a.lastContactAt, now())}</time> : t('account.never')}</TableCell>
                  <TableCell className={mergeClasses(a.care.overdue && s.overdue)}>
                    {a.care.cadenceDays === null ? t('account.noCadence') : a.care.overdue ? t('account.overdue', { days: a.care.daysOverdue }) : a.care.nextDueAt ? formatDate(a.care.nextDueAt) : ''}
                  </TableCell>
                  <TableCell className={s.num}>{formatMoney(a.openPipelineCents)}</TableCell>
                  <TableCell><StrengthBadge strength={a.strength.strength} label={a.strength.label} /></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <div className={s.pager}>
            <Button disabled={page === 0} onClick={() => setPage(page - 1)}>{t('common.previous')}</Button>
            <Text>{t('accounts.page', { from: page * PAGE_SIZE + 1, to: page * PAGE_SIZE + list.data.items.length, total: list.data.total })}</Text>
            <Button disabled={(page + 1) * PAGE_SIZE >= list.data.total} onClick={() => setPage(page + 1)}>{t('common.next')}</Button>
          </div>
        </>
      )}
    </section>
  );
}
