// Mailbox sync health for administrators: a summary line, then per mailbox whose mail and calendar Suhde reads
// through Microsoft Graph its state (the worst of its streams), last good pass, items stored and skipped, and the
// next subscription renewal, with its streams below it (stream-list.tsx: errors, what an admin must do, restart).
// A pass can be queued now, a stream restarted and a mailbox's sync turned off or on. The API does the
// checking (admin role, a configured Graph connection); its problem details are shown as they come.
import { Fragment, useState } from 'react';
import {
  Badge, Button, Caption1, Link, MessageBar, MessageBarBody, Switch, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title2,
  makeStyles, mergeClasses, tokens, type BadgeProps,
} from '@fluentui/react-components';
import { ArrowSyncRegular } from '@fluentui/react-icons';
import { ErrorState, LoadingState, describeError, unwrap, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useColleagueName, useServices } from '../../app/services.tsx';
import { STATE_COLOR, StreamList } from './stream-list.tsx';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  muted: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1, maxWidth: '24rem', overflowWrap: 'anywhere' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  intro: { display: 'block', marginTop: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalXS },
  summary: { display: 'block', marginBottom: tokens.spacingVerticalM, fontWeight: tokens.fontWeightSemibold },
  streamsCell: { paddingLeft: tokens.spacingHorizontalXXL, paddingBottom: tokens.spacingVerticalM, backgroundColor: tokens.colorNeutralBackground2 },
});

/** The states in the summary line, worst first. */
const SUMMARY_ORDER = ['ok', 'needs-admin', 'failing', 'backfilling', 'syncing', 'waiting', 'disabled'];

const STORED_REMARKS = ['account-ambiguous', 'log-intent-unreadable', 'log-intent-partly-ignored'];

export function SyncView() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { api, navigate } = useServices();
  const nameOf = useColleagueName();
  const s = useStyles();
  const data = useAsync(() => unwrap(api.sync.health.$get()), [api]);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  if (data.status === 'loading' && !data.data) return <LoadingState label={t('sync.loading')} />;
  if (data.status === 'error') return <ErrorState error={data.error} onRetry={data.reload} />;
  const { items, queue, toReview } = data.data!;

  const act = async (id: string, what: () => Promise<string>) => {
    setBusy(id);
    setMessage(null);
    try {
      setMessage({ intent: 'success', text: await what() });
      data.reload();
    } catch (e) {
      const d = describeError(e, t);
      setMessage({ intent: 'error', text: `${d.title}: ${d.detail}` });
    } finally {
      setBusy(null);
    }
  };
  const runNow = (id: string, address: string) => act(id, async () => {
    await unwrap(api.sync.mailboxes[':id'].run.$post({ param: { id } }));
    return t('sync.queued', { address });
  });
  const restart = (id: string, address: string, stream: string, name: string) => act(id, async () => {
    await unwrap(api.sync.mailboxes[':id'].streams[':stream'].restart.$post({ param: { id, stream } }));
    return t('sync.restarted', { stream: name, address });
  });
  const toggle = (id: string, address: string, enabled: boolean) => act(id, async () => {
    await unwrap(api.sync.mailboxes[':id'].$patch({ param: { id }, json: { enabled } }));
    return t(enabled ? 'sync.turnedOn' : 'sync.turnedOff', { address });
  });
  // Stored items the sync has a remark about are counted beside the skip reasons; they were not skipped.
  const skippedOf = (x: Record<string, number>) => Object.entries(x).reduce((n, [k, v]) => (STORED_REMARKS.includes(k) ? n : n + v), 0);
  const counts = SUMMARY_ORDER.map((state) => [state, items.filter((m) => m.state === state).length] as const).filter(([, n]) => n > 0);
  const summary = t('sync.summary', { n: items.length, states: counts.map(([state, n]) => t(`sync.summaryState.${state}`, { n })).join(', ') });
  const remarksOf = (x: Record<string, number>) => STORED_REMARKS.filter((k) => x[k]).map((k) => t(`sync.remark.${k}`, { n: x[k]! }));

  return (
    <section aria-labelledby="sync-title">
      <Title2 as="h1" block id="sync-title">{t('sync.title')}</Title2>
      <Text as="p" block className={mergeClasses(s.muted, s.intro)}>{queue === 'off' ? t('sync.queueOff') : t('sync.intro', { n: items.length })}</Text>
      {items.length > 0 && <Text as="p" block className={s.summary} data-testid="sync-summary">{summary}</Text>}
      {toReview > 0 && <Text as="p" block data-to-review={toReview}><Link onClick={() => navigate({ view: 'review' })}>{t('sync.toReview', { n: toReview })}</Link></Text>}
      {message && <MessageBar intent={message.intent} role={message.intent === 'error' ? 'alert' : 'status'}><MessageBarBody>{message.text}</MessageBarBody></MessageBar>}
      {items.length === 0 ? (
        <Text as="p">{t('sync.none')}</Text>
      ) : (
        <div className={s.scroll}>
          <Table size="small" aria-label={t('sync.title')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('sync.mailbox')}</TableHeaderCell>
                <TableHeaderCell>{t('sync.state')}</TableHeaderCell>
                <TableHeaderCell>{t('sync.lastSuccess')}</TableHeaderCell>
                <TableHeaderCell className={s.num}>{t('sync.stored')}</TableHeaderCell>
                <TableHeaderCell className={s.num}>{t('sync.skipped')}</TableHeaderCell>
                <TableHeaderCell>{t('sync.problems')}</TableHeaderCell>
                <TableHeaderCell>{t('sync.renewal')}</TableHeaderCell>
                <TableHeaderCell>{t('sync.actions')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((m) => (
                <Fragment key={m.mailbox.id}>
                <TableRow data-mailbox-id={m.mailbox.id} data-state={m.state}>
                  <TableCell>
                    <div>{nameOf(m.mailbox.userId) ?? m.mailbox.address}</div>
                    <Caption1 className={s.muted}>{m.mailbox.address} · {t(`sync.mode.${m.mailbox.mode}`)}</Caption1>
                  </TableCell>
                  <TableCell><Badge appearance="tint" color={STATE_COLOR[m.state] ?? 'informative'}>{t(`sync.stateName.${m.state}`)}</Badge></TableCell>
                  <TableCell>{m.lastSuccessAt === null ? <span className={s.muted}>{t('sync.never')}</span> : formatDateTime(m.lastSuccessAt)}</TableCell>
                  <TableCell className={s.num}>{formatNumber(m.itemsStored)} / {formatNumber(m.itemsSeen)}</TableCell>
                  <TableCell className={s.num} title={Object.entries(m.skipped).map(([k, v]) => `${k}: ${v}`).join(', ')}>{formatNumber(skippedOf(m.skipped))}</TableCell>
                  <TableCell>
                    {m.consecutiveFailures > 0 ? (
                      <div className={s.error}>{t('sync.failingStreams', { n: m.streams.filter((x) => x.consecutiveFailures > 0).length })}</div>
                    ) : m.throttledMs === 0 && remarksOf(m.skipped).length === 0 ? (
                      <span className={s.muted}>–</span>
                    ) : null}
                    {m.throttledMs > 0 && <Caption1 className={s.muted}>{t('sync.throttled', { s: Math.round(m.throttledMs / 1000) })}</Caption1>}
                    {remarksOf(m.skipped).map((r) => <Caption1 key={r} block className={s.muted}>{r}</Caption1>)}
                  </TableCell>
                  <TableCell>{m.nextRenewalAt === null ? <span className={s.muted}>{t('sync.noSubscription')}</span> : formatDateTime(m.nextRenewalAt)}</TableCell>
                  <TableCell>
                    <div className={s.actions}>
                      <Button size="small" icon={<ArrowSyncRegular />} disabled={busy === m.mailbox.id || !m.mailbox.enabled}
                        onClick={() => void runNow(m.mailbox.id, m.mailbox.address)} aria-label={t('sync.runNowFor', { address: m.mailbox.address })}>
                        {t('sync.runNow')}
                      </Button>
                      <Switch checked={m.mailbox.enabled} disabled={busy === m.mailbox.id} label={t('sync.enabled')}
                        aria-label={t('sync.enabledFor', { address: m.mailbox.address })}
                        onChange={(_, d) => void toggle(m.mailbox.id, m.mailbox.address, d.checked)} />
                    </div>
                  </TableCell>
                </TableRow>
                <TableRow data-streams-of={m.mailbox.id}>
                  <TableCell colSpan={8} className={s.streamsCell}>
                    <StreamList address={m.mailbox.address} streams={m.streams} unreadable={m.unreadable} unreadableCount={m.skipped.unreadable ?? 0}
                      busy={busy === m.mailbox.id} enabled={m.mailbox.enabled}
                      onRestart={(stream, name) => void restart(m.mailbox.id, m.mailbox.address, stream, name)} />
                  </TableCell>
                </TableRow>
                </Fragment>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
