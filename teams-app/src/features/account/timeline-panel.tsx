// The account's timeline, newest first: filters by kind, contact and colleague; the next page loads as the end
// scrolls into view (and by a button, for keyboards and screen readers). Metadata-only items say that a
// contact happened without its content. A deep-linked item (wherever it is in the history, however many pages
// down) is read by its id and shown first, scrolled to and focused; where it comes up in the list it is marked.
// Runs of items the viewer may not open collapse into one expandable line (private-group.tsx); notes and calls
// are titled by their note's first line; the linked opportunity is named on the item.
import { useEffect, useRef, useState } from 'react';
import { Button, Caption1, Dropdown, Field, MessageBar, MessageBarBody, Option, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { BriefcaseRegular } from '@fluentui/react-icons';
import { ErrorState, LoadingState, TimelineItem, unwrap, useAsync, useI18n, type Interaction } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { groupTimeline, itemTitle, noteBelowTitle } from './timeline-groups.ts';
import { PrivateGroup } from './private-group.tsx';

const KINDS = ['email', 'meeting', 'call', 'note', 'chat'] as const;
const PAGE = 25;

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalM },
  narrow: { minWidth: '10rem' },
  list: { listStyle: 'none', margin: 0, padding: 0, backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  row: { padding: `0 ${tokens.spacingHorizontalM}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}` },
  note: { color: tokens.colorNeutralForeground2, whiteSpace: 'pre-wrap', margin: `0 0 ${tokens.spacingVerticalXS} 28px` },
  linked: { outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalM, backgroundColor: tokens.colorNeutralBackground1, scrollMarginTop: tokens.spacingVerticalXXL },
  linkedRow: { backgroundColor: tokens.colorBrandBackground2, boxShadow: `inset ${tokens.strokeWidthThicker} 0 0 ${tokens.colorBrandStroke1}` },
  more: { marginTop: tokens.spacingVerticalM },
  deal: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, color: tokens.colorNeutralForeground2, margin: `0 0 ${tokens.spacingVerticalXS} 28px` },
});

/** One readable item: titled by its subject or its note's first line, the rest of the note and its deal below. */
function ReadableItem({ item, now }: { item: Interaction; now: number }) {
  const { t } = useI18n();
  const s = useStyles();
  const note = item.redacted ? null : noteBelowTitle(item);
  return (
    <>
      <TimelineItem item={{ ...item, subject: item.redacted ? null : itemTitle(item) }} now={now} as="div" />
      {item.opportunity && (
        <Caption1 className={s.deal} data-opportunity-id={item.opportunity.id}>
          <BriefcaseRegular aria-hidden />{t('timeline.opportunity', { name: item.opportunity.name })}
        </Caption1>
      )}
      {note && <p className={s.note}>{note}</p>}
    </>
  );
}

interface Filters {
  kinds: string[];
  contactId: string;
  userId: string;
}

export function TimelinePanel({ accountId, interactionId }: { accountId: string; interactionId?: string }) {
  const { t } = useI18n();
  const { api, colleagues, now } = useServices();
  const s = useStyles();
  const [filters, setFilters] = useState<Filters>({ kinds: [], contactId: '', userId: '' });
  const [items, setItems] = useState<Interaction[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'idle' | 'error' | 'end'>('loading');
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);
  const sentinel = useRef<HTMLDivElement | null>(null);
  const contacts = useAsync(() => unwrap(api.accounts[':id'].contacts.$get({ param: { id: accountId } })), [api, accountId]);
  const linked = useAsync(async () => {
    if (!interactionId) return null;
    const item = await unwrap(api.interactions[':id'].$get({ param: { id: interactionId } }));
    // A link whose item is not in this account's history (moved, or a hand-edited link) is "not there".
    if (!item.accountIds.includes(accountId)) throw new Error('not in this account');
    return item;
  }, [api, interactionId, accountId]);
  const linkedBox = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (linked.status !== 'done' || !linked.data) return;
    linkedBox.current?.scrollIntoView?.({ block: 'nearest' });
    linkedBox.current?.focus({ preventScroll: true });
  }, [linked.status, linked.data]);

  const load = async (cursor: string | null, reset: boolean) => {
    const mine = ++seq.current;
    setState('loading');
    try {
      const query: Record<string, string> = { limit: String(PAGE) };
      if (cursor) query.cursor = cursor;
      if (filters.kinds.length) query.kind = filters.kinds.join(',');
      if (filters.contactId) query.contactId = filters.contactId;
      if (filters.userId) query.userId = filters.userId;
      const page = await unwrap(api.accounts[':id'].timeline.$get({ param: { id: accountId }, query: query as never }));
      if (mine !== seq.current) return;
      setItems((prev) => (reset ? page.items : [...prev, ...page.items]));
      setNext(page.next);
      setState(page.next ? 'idle' : 'end');
    } catch (e) {
      if (mine !== seq.current) return;
      setError(e);
      setState('error');
    }
  };

  useEffect(() => {
    setItems([]);
    void load(null, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, accountId, filters.kinds.join(','), filters.contactId, filters.userId]);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && state === 'idle' && next) void load(next, false);
    }, { rootMargin: '200px' });
    io.observe(el);
    return () => io.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, next]);

  const contactName = contacts.data?.items.find((c) => c.id === filters.contactId)?.name;
  const colleagueName = colleagues.find((c) => c.id === filters.userId)?.displayName;
  return (
    <section aria-label={t('account.tab.timeline')}>
      {linked.status === 'done' && linked.data && (
        <div className={s.linked} data-linked-interaction={linked.data.id} ref={linkedBox} tabIndex={-1} role="region" aria-label={t('timeline.linked')}>
          <Text weight="semibold">{t('timeline.linked')}</Text>
          <ReadableItem item={linked.data} now={now()} />
        </div>
      )}
      {linked.status === 'error' && <MessageBar intent="warning"><MessageBarBody>{t('timeline.linkedMissing')}</MessageBarBody></MessageBar>}
      <div className={s.filters}>
        <Field label={t('timeline.filter.kind')}>
          <Dropdown className={s.narrow} multiselect selectedOptions={filters.kinds} value={filters.kinds.map((k) => t(`kind.${k}`)).join(', ') || t('accounts.filter.all')}
            onOptionSelect={(_, d) => setFilters((f) => ({ ...f, kinds: d.selectedOptions }))} data-filter="kind">
            {KINDS.map((k) => <Option key={k} value={k}>{t(`kind.${k}`)}</Option>)}
          </Dropdown>
        </Field>
        <Field label={t('timeline.filter.contact')}>
          <Dropdown className={s.narrow} selectedOptions={[filters.contactId]} value={contactName ?? t('accounts.filter.all')} onOptionSelect={(_, d) => setFilters((f) => ({ ...f, contactId: d.optionValue ?? '' }))}>
            <Option value="">{t('accounts.filter.all')}</Option>
            {(contacts.data?.items ?? []).map((c) => <Option key={c.id} value={c.id}>{c.name}</Option>)}
          </Dropdown>
        </Field>
        <Field label={t('timeline.filter.colleague')}>
          <Dropdown className={s.narrow} selectedOptions={[filters.userId]} value={colleagueName ?? t('accounts.filter.all')} onOptionSelect={(_, d) => setFilters((f) => ({ ...f, userId: d.optionValue ?? '' }))}>
            <Option value="">{t('accounts.filter.all')}</Option>
            {colleagues.map((c) => <Option key={c.id} value={c.id}>{c.displayName}</Option>)}
          </Dropdown>
        </Field>
      </div>
      {items.length > 0 && (
        <ol className={s.list} aria-label={t('timeline.list')} data-testid="timeline">
          {groupTimeline(items).map((row) => row.type === 'group' ? (
            <li key={row.id} className={s.row} data-interaction-ids={row.items.map((i) => i.id).join(' ')}><PrivateGroup id={row.id} items={row.items} /></li>
          ) : (
            <li key={row.item.id} className={mergeClasses(s.row, row.item.id === interactionId && s.linkedRow)} data-interaction-id={row.item.id} data-kind={row.item.kind}
              {...(row.item.id === interactionId ? { 'aria-current': 'true' as const, 'data-linked': 'true' } : {})}>
              <ReadableItem item={row.item} now={now()} />
            </li>
          ))}
        </ol>
      )}
      {state === 'end' && items.length === 0 && <Text role="status">{t('timeline.empty')}</Text>}
      {state === 'end' && items.length > 0 && <Text className={s.more} as="p" role="status">{t('timeline.end', { n: items.length })}</Text>}
      {state === 'loading' && <LoadingState label={t('timeline.loading')} />}
      {state === 'error' && <ErrorState error={error} onRetry={() => void load(next, items.length === 0)} />}
      {state === 'idle' && next && (
        <Button className={s.more} onClick={() => void load(next, false)}>{t('timeline.more')}</Button>
      )}
      <div ref={sentinel} aria-hidden />
    </section>
  );
}
