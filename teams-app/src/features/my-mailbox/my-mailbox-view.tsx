// "What the sync captured from my mailbox", for every user: what was stored from their own mailbox (in full,
// they hold it), how much was skipped and why, their own blocklist, and per captured email thread whether it
// stays private or is shared with the account team. The API decides; its problem details are shown as they come.
import { useEffect, useState } from 'react';
import {
  Badge, Button, Caption1, Field, MessageBar, MessageBarBody, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Textarea,
  Title2, Title3, makeStyles, mergeClasses, tokens,
} from '@fluentui/react-components';
import { ErrorState, LoadingState, describeError, unwrap, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  muted: { color: tokens.colorNeutralForeground3 },
  intro: { display: 'block', marginTop: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalM },
  section: { marginTop: tokens.spacingVerticalL },
  lists: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(16rem, 1fr))', gap: tokens.spacingHorizontalM },
  skips: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', marginTop: tokens.spacingVerticalS },
});

/** Counted beside the skips by the sync, but these emails were stored: remarks, not skips. */
const STORED_REMARKS = new Set(['account-ambiguous', 'log-intent-unreadable', 'log-intent-partly-ignored']);
const KNOWN_REASONS = new Set(['private', 'personal', 'internal', 'blocked', 'automated', 'draft', 'cancelled', 'series-master', 'no-ical-uid', 'removed-by-user']);

type Captures = Awaited<ReturnType<typeof loadPage>>;
type Api = ReturnType<typeof useServices>['api'];
const loadPage = (api: Api, cursor?: string) => unwrap(api.sync['my-captures'].$get({ query: cursor ? { cursor } : {} }));
const lines = (s: string) => s.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);

export function MyMailboxView() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { api } = useServices();
  const s = useStyles();
  const first = useAsync(() => loadPage(api), [api]);
  const [items, setItems] = useState<Captures['items']>([]);
  const [next, setNext] = useState<string | null>(null);
  const [addresses, setAddresses] = useState('');
  const [domains, setDomains] = useState('');
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    if (first.status !== 'done') return;
    setItems(first.data.items);
    setNext(first.data.next);
    setAddresses(first.data.mailbox?.blockedAddresses.join('\n') ?? '');
    setDomains(first.data.mailbox?.blockedDomains.join('\n') ?? '');
  }, [first.status, first.data]);

  if (first.status === 'loading' && !first.data) return <LoadingState label={t('myMailbox.loading')} />;
  if (first.status === 'error') return <ErrorState error={first.error} onRetry={first.reload} />;
  const { mailbox, skipped } = first.data!;

  const act = async (key: string, what: () => Promise<string>) => {
    setBusy(key);
    setMessage(null);
    try {
      setMessage({ intent: 'success', text: await what() });
    } catch (e) {
      const d = describeError(e, t);
      setMessage({ intent: 'error', text: `${d.title}: ${d.detail}` });
    } finally {
      setBusy(null);
    }
  };
  const more = () => act('more', async () => {
    const page = await loadPage(api, next!);
    setItems((xs) => [...xs, ...page.items]);
    setNext(page.next);
    return t('myMailbox.loaded', { n: page.items.length });
  });
  const saveBlocklist = () => act('blocklist', async () => {
    await unwrap(api.sync['my-blocklist'].$put({ json: { blockedAddresses: lines(addresses), blockedDomains: lines(domains).map((d) => d.toLowerCase()) } }));
    // Blocking releases what was already captured with them: the list is read again.
    const page = await loadPage(api);
    setItems(page.items);
    setNext(page.next);
    return t('myMailbox.blocklist.saved');
  });
  const setThread = (id: string, visibility: 'private' | 'shared') => act(id, async () => {
    const r = await unwrap(api.interactions[':id']['thread-visibility'].$put({ param: { id }, json: { visibility } }));
    const changed = new Set(r.interactionIds);
    setItems((xs) => xs.map((x) => (changed.has(x.id) ? { ...x, visibility } : x)));
    return t(visibility === 'private' ? 'myMailbox.keptPrivate' : 'myMailbox.shared', { n: r.interactionIds.length });
  });

  const skips = Object.entries(skipped).filter(([k]) => !STORED_REMARKS.has(k));
  const skipTotal = skips.reduce((n, [, v]) => n + v, 0);

  return (
    <section aria-labelledby="my-mailbox-title">
      <Title2 as="h1" block id="my-mailbox-title">{t('myMailbox.title')}</Title2>
      <Text as="p" block className={mergeClasses(s.muted, s.intro)}>
        {mailbox ? t('myMailbox.intro', { address: mailbox.address }) : t('myMailbox.notSynced')}
      </Text>
      {message && <MessageBar intent={message.intent} role={message.intent === 'error' ? 'alert' : 'status'}><MessageBarBody>{message.text}</MessageBarBody></MessageBar>}
      {mailbox && (
        <>
          <div className={s.section} aria-labelledby="my-mailbox-skipped">
            <Title3 as="h2" block id="my-mailbox-skipped">{t('myMailbox.skipped', { n: skipTotal })}</Title3>
            <div className={s.skips}>
              {skips.length === 0 ? <Text className={s.muted}>{t('myMailbox.noSkips')}</Text> : skips.map(([reason, n]) => (
                <Badge key={reason} appearance="tint" color="informative" data-reason={reason}>
                  {KNOWN_REASONS.has(reason) ? t(`myMailbox.reason.${reason}`) : reason}: {formatNumber(n)}
                </Badge>
              ))}
            </div>
          </div>
          <div className={s.section}>
            <Title3 as="h2" block>{t('myMailbox.captured')}</Title3>
            {items.length === 0 ? <Text as="p">{t('myMailbox.none')}</Text> : (
              <div className={s.scroll}>
                <Table size="small" aria-label={t('myMailbox.captured')}>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell>{t('myMailbox.when')}</TableHeaderCell>
                      <TableHeaderCell>{t('myMailbox.what')}</TableHeaderCell>
                      <TableHeaderCell>{t('myMailbox.account')}</TableHeaderCell>
                      <TableHeaderCell>{t('myMailbox.visibility')}</TableHeaderCell>
                      <TableHeaderCell>{t('myMailbox.actions')}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {items.map((i) => (
                      <TableRow key={i.id} data-interaction-id={i.id} data-visibility={i.visibility}>
                        <TableCell>{formatDateTime(i.occurredAt)}</TableCell>
                        <TableCell>
                          <div>{i.subject ?? <span className={s.muted}>{t('myMailbox.noSubject')}</span>}</div>
                          <Caption1 className={s.muted}>{t(`kind.${i.kind}`)}</Caption1>
                        </TableCell>
                        <TableCell>{i.accounts.map((a) => a.name).join(', ') || <span className={s.muted}>–</span>}</TableCell>
                        <TableCell>{t(`visibility.${i.visibility}`)}</TableCell>
                        <TableCell>
                          {!i.inThread ? <span className={s.muted}>–</span> : i.visibility === 'private' ? (
                            <Button size="small" disabled={busy === i.id} onClick={() => void setThread(i.id, 'shared')}>{t('myMailbox.shareThread')}</Button>
                          ) : (
                            <Button size="small" disabled={busy === i.id} onClick={() => void setThread(i.id, 'private')}>{t('myMailbox.keepPrivate')}</Button>
                          )}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
            {next && <Button className={s.section} disabled={busy === 'more'} onClick={() => void more()}>{t('myMailbox.more')}</Button>}
          </div>
          <div className={s.section}>
            <Title3 as="h2" block>{t('myMailbox.blocklist.title')}</Title3>
            <Text as="p" block className={mergeClasses(s.muted, s.intro)}>{t('myMailbox.blocklist.intro')}</Text>
            <div className={s.lists}>
              <Field label={t('myMailbox.blocklist.addresses')} hint={t('myMailbox.blocklist.onePerLine')}>
                <Textarea value={addresses} onChange={(_, d) => setAddresses(d.value)} resize="vertical" />
              </Field>
              <Field label={t('myMailbox.blocklist.domains')} hint={t('myMailbox.blocklist.onePerLine')}>
                <Textarea value={domains} onChange={(_, d) => setDomains(d.value)} resize="vertical" />
              </Field>
            </div>
            <Button className={s.section} appearance="primary" disabled={busy === 'blocklist'} onClick={() => void saveBlocklist()}>{t('myMailbox.blocklist.save')}</Button>
          </div>
        </>
      )}
    </section>
  );
}
