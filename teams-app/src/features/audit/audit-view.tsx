// The audit trail for administrators: who did what, when, to which record, newest first, filtered by person,
// kind of action and period, fifty at a time. The API keeps personal values out of the detail (field names
// only); the page puts actions and records into words.
import { useEffect, useState } from 'react';
import {
  Button, Caption1, Dropdown, Field, Link, Option, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title2,
  makeStyles, mergeClasses, tokens,
} from '@fluentui/react-components';
import { ErrorState, LoadingState, describeError, unwrap, useAsync, useI18n, type ApiClient } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', marginBottom: tokens.spacingVerticalM },
  narrow: { minWidth: '10rem', maxWidth: '16rem' },
  scroll: { overflowX: 'auto' },
  table: { backgroundColor: tokens.colorNeutralBackground1 },
  muted: { color: tokens.colorNeutralForeground3 },
  intro: { display: 'block', marginTop: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalM },
  when: { whiteSpace: 'nowrap' },
  more: { marginTop: tokens.spacingVerticalM },
});

const PAGE = 50;
const DAY = 86_400_000;
/** Kinds of action an admin filters by: the prefix the API matches. */
export const ACTION_GROUPS = ['account.', 'contact.', 'opportunity.', 'interaction.', 'settings.', 'user.', 'mailbox.', 'export.'] as const;
const PERIODS = ['7', '30', '90', 'all'] as const;
type Period = (typeof PERIODS)[number];

interface Filters {
  actorId: string;
  action: string;
  period: Period;
}

type AuditPage = Awaited<ReturnType<typeof loadPage>>;
type Entry = AuditPage['items'][number];

async function loadPage(api: ApiClient, f: Filters, now: number, cursor: string | null) {
  return unwrap(api.audit.$get({
    query: {
      limit: String(PAGE),
      ...(f.actorId ? { actorId: f.actorId } : {}),
      ...(f.action ? { action: f.action } : {}),
      ...(f.period !== 'all' ? { from: new Date(now - Number(f.period) * DAY).toISOString() } : {}),
      ...(cursor ? { cursor } : {}),
    } as never,
  }));
}

export function AuditView() {
  const { t, formatDateTime } = useI18n();
  const { api, colleagues, now, navigate } = useServices();
  const s = useStyles();
  const [filters, setFilters] = useState<Filters>({ actorId: '', action: '', period: '30' });
  const first = useAsync(() => loadPage(api, filters, now(), null), [api, JSON.stringify(filters)]);
  // Pages after the first, appended by "load more"; a filter change starts over.
  const [more, setMore] = useState<{ items: Entry[]; next: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  useEffect(() => {
    setMore(null);
    setMoreError(null);
  }, [first.data]);

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const people = [{ value: '', label: t('audit.filter.anyone') }, ...colleagues.map((u) => ({ value: u.id, label: u.displayName }))];
  const actions = [{ value: '', label: t('audit.filter.anything') }, ...ACTION_GROUPS.map((g) => ({ value: g, label: t(`audit.group.${g.slice(0, -1)}`) }))];
  const periods = PERIODS.map((p) => ({ value: p, label: t(`audit.period.${p}`) }));

  const filterBar = (
    <div className={s.filters} role="search" aria-label={t('audit.filters')}>
      <Field label={t('audit.filter.who')}>
        <Dropdown className={s.narrow} selectedOptions={[filters.actorId]} value={people.find((o) => o.value === filters.actorId)?.label ?? ''} onOptionSelect={(_, d) => set({ actorId: d.optionValue ?? '' })} data-filter="who">
          {people.map((o) => <Option key={o.value || 'anyone'} value={o.value}>{o.label}</Option>)}
        </Dropdown>
      </Field>
      <Field label={t('audit.filter.action')}>
        <Dropdown className={s.narrow} selectedOptions={[filters.action]} value={actions.find((o) => o.value === filters.action)?.label ?? ''} onOptionSelect={(_, d) => set({ action: d.optionValue ?? '' })} data-filter="action">
          {actions.map((o) => <Option key={o.value || 'anything'} value={o.value}>{o.label}</Option>)}
        </Dropdown>
      </Field>
      <Field label={t('audit.filter.period')}>
        <Dropdown className={s.narrow} selectedOptions={[filters.period]} value={periods.find((o) => o.value === filters.period)!.label} onOptionSelect={(_, d) => set({ period: (d.optionValue ?? '30') as Period })} data-filter="period">
          {periods.map((o) => <Option key={o.value} value={o.value}>{o.label}</Option>)}
        </Dropdown>
      </Field>
    </div>
  );

  const header = (
    <>
      <Title2 as="h1" block id="audit-title">{t('audit.title')}</Title2>
      <Text as="p" block className={mergeClasses(s.muted, s.intro)}>{t('audit.intro')}</Text>
      {filterBar}
    </>
  );
  if (first.status === 'loading' && !first.data) return <section aria-labelledby="audit-title">{header}<LoadingState label={t('audit.loading')} /></section>;
  if (first.status === 'error') return <section aria-labelledby="audit-title">{header}<ErrorState error={first.error} onRetry={first.reload} /></section>;
  const items = [...first.data!.items, ...(more?.items ?? [])];
  const next = more ? more.next : first.data!.next;

  const loadMore = async () => {
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await loadPage(api, filters, now(), next);
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.items], next: page.next }));
    } catch (e) {
      const d = describeError(e, t);
      setMoreError(`${d.title}: ${d.detail}`);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section aria-labelledby="audit-title">
      {header}
      {items.length === 0 ? (
        <Text as="p">{t('audit.none')}</Text>
      ) : (
        <div className={s.scroll}>
          <Table size="small" aria-label={t('audit.title')} className={s.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('audit.col.when')}</TableHeaderCell>
                <TableHeaderCell>{t('audit.col.who')}</TableHeaderCell>
                <TableHeaderCell>{t('audit.col.action')}</TableHeaderCell>
                <TableHeaderCell>{t('audit.col.what')}</TableHeaderCell>
                <TableHeaderCell>{t('audit.col.detail')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((e) => (
                <TableRow key={e.id} data-audit-id={e.id} data-action={e.action}>
                  <TableCell className={s.when}>{formatDateTime(e.at)}</TableCell>
                  <TableCell>{e.actor?.displayName ?? <span className={s.muted}>{e.actorId ? t('audit.formerColleague') : t('audit.system')}</span>}</TableCell>
                  <TableCell>{actionInWords(t, e.action)}</TableCell>
                  <TableCell>
                    <Caption1 className={s.muted}>{t(`audit.entity.${e.entity.type}`)} </Caption1>
                    {e.entity.type === 'account' && e.entity.label
                      ? <Link onClick={() => navigate({ view: 'account', accountId: e.entity.id })}>{e.entity.label}</Link>
                      : e.entity.label ?? <span className={s.muted} title={e.entity.id}>{shortId(e.entity.id)}</span>}
                  </TableCell>
                  <TableCell>{detailInWords(t, e) || <span className={s.muted}>–</span>}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {moreError && <Text role="alert" block>{moreError}</Text>}
      {next && (
        <Button className={s.more} disabled={loadingMore} onClick={() => void loadMore()}>
          {loadingMore ? t('audit.loadingMore') : t('audit.loadMore')}
        </Button>
      )}
    </section>
  );
}

type T = (key: string, vars?: Record<string, string | number>) => string;

/** A known action in words; an unknown one (a newer server) as the API names it. */
export function actionInWords(t: T, action: string): string {
  const key = `audit.action.${action}`;
  const words = t(key);
  return words === key ? action : words;
}

export function detailInWords(t: T, e: Pick<Entry, 'action' | 'detail'>): string {
  const { fields, values } = e.detail;
  const parts: string[] = [];
  if (values.from !== undefined && values.to !== undefined) parts.push(t('audit.detail.fromTo', { from: valueInWords(t, e.action, values.from), to: valueInWords(t, e.action, values.to) }));
  if (values.rows !== undefined) parts.push(t('audit.detail.rows', { n: Number(values.rows) }));
  for (const k of ['visibility', 'mode', 'kind', 'role'] as const) if (values[k] !== undefined && values.to === undefined) parts.push(`${t(`audit.value.${k}`)}: ${String(values[k])}`);
  if (fields.length) parts.push(t('audit.detail.fields', { fields: fields.map((f) => fieldName(t, f)).join(', ') }));
  return parts.join(' · ');
}

/** A stage or role in words where the shared strings have it (stage.offer, role.admin). */
function valueInWords(t: T, action: string, v: string | number | boolean | null): string {
  const kind = action === 'opportunity.stage' ? 'stage' : action === 'user.role' ? 'role' : null;
  if (!kind) return String(v);
  const key = `${kind}.${String(v)}`;
  const words = t(key);
  return words === key ? String(v) : words;
}

/** A uuid cut to its first part (the full id is in the title); a short id such as a view name whole. */
function shortId(id: string): string {
  return id.length > 24 ? id.slice(0, 8) : id;
}

function fieldName(t: T, field: string): string {
  const key = `audit.field.${field}`;
  const words = t(key);
  return words === key ? field : words;
}
