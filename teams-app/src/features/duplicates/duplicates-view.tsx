// Duplicates: likely duplicate accounts and contacts with the evidence, each with "Review merge" (the preview and
// Confirm). The older record is proposed as the one kept; "Keep the other" swaps them. "Not a duplicate" stops
// suggesting the pair (to everyone), with Undo.
import { useState } from 'react';
import { Badge, Button, Caption1, Card, Link, MessageBar, MessageBarActions, MessageBarBody, Tab, TabList, Text, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorState, LoadingState, expectOk, unwrap, useAsync, useI18n } from '../../../../web-shared/src/index.ts';
import { useServices } from '../../app/services.tsx';
import { MergeDialog, type MergePair } from './merge-dialog.tsx';

const useStyles = makeStyles({
  intro: { display: 'block', color: tokens.colorNeutralForeground3, marginTop: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalM },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalM },
  card: { display: 'flex', flexDirection: 'row', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  pair: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, flex: '1 1 22rem', minWidth: '16rem' },
  evidence: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

type Kind = 'account' | 'contact';

/** The API's evidence in the reader's language: its code, and the domain or address the reason names. */
export function evidenceText(t: (key: string, values?: Record<string, string | number>) => string, e: { code: string; reason: string }): string {
  const what = e.reason.replace(/^same (domain|address) /, '');
  const atAccount = e.reason.endsWith('at the same account');
  return t(`duplicates.why.${e.code}${atAccount ? '-at-account' : ''}`, { what });
}
interface Rec { id: string; name: string; domains?: string[]; emails?: string[] }

export function DuplicatesView() {
  const { t } = useI18n();
  const { api, navigate } = useServices();
  const s = useStyles();
  const [kind, setKind] = useState<Kind>('account');
  const [review, setReview] = useState<MergePair | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState<{ id: string; a: string; b: string } | null>(null);
  const [dismissError, setDismissError] = useState<unknown>(null);
  const list = useAsync(() => unwrap(api.duplicates.$get({ query: { kind, limit: '100' } })), [api, kind]);

  const dismiss = async (a: Rec, b: Rec) => {
    setDone(null);
    setDismissError(null);
    try {
      const d = await unwrap(api.duplicates.dismissals.$post({ json: { kind, ids: [a.id, b.id] } }));
      setDismissed({ id: d.id, a: a.name, b: b.name });
      list.reload();
    } catch (e) {
      setDismissError(e);
    }
  };
  const undoDismiss = async () => {
    if (!dismissed) return;
    setDismissError(null);
    try {
      await expectOk(api.duplicates.dismissals[':id'].$delete({ param: { id: dismissed.id } }));
      setDismissed(null);
      list.reload();
    } catch (e) {
      setDismissError(e);
    }
  };
  const detail = (r: Rec) => (r.domains ?? r.emails ?? []).join(', ') || t('common.none');
  const open = (pair: MergePair) => {
    setDone(null);
    setDismissed(null);
    setReview(pair);
  };
  return (
    <section aria-labelledby="duplicates-title">
      <Title2 as="h1" block id="duplicates-title">{t('duplicates.title')}</Title2>
      <Text as="p" block className={s.intro}>{t('duplicates.intro')}</Text>
      <TabList selectedValue={kind} onTabSelect={(_, d) => setKind(d.value as Kind)} aria-label={t('duplicates.kinds')}>
        <Tab value="account">{t('duplicates.kind.account')}</Tab>
        <Tab value="contact">{t('duplicates.kind.contact')}</Tab>
      </TabList>
      {done && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{t('duplicates.merged', { name: done })}</MessageBarBody>
        </MessageBar>
      )}
      {dismissed && (
        <MessageBar intent="info" role="status" data-testid="dismissed-notice">
          <MessageBarBody>{t('duplicates.dismissed', { a: dismissed.a, b: dismissed.b })}</MessageBarBody>
          <MessageBarActions><Button size="small" onClick={() => void undoDismiss()}>{t('records.undo')}</Button></MessageBarActions>
        </MessageBar>
      )}
      {dismissError !== null && <ErrorState error={dismissError} />}
      {list.status === 'loading' && !list.data && <LoadingState label={t('duplicates.loading')} />}
      {list.status === 'error' && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.data && (list.data.items.length === 0 ? (
        <Text as="p" block role="status">{t(`duplicates.none.${kind}`)}</Text>
      ) : (
        <div className={s.list} role="list" aria-label={t('duplicates.listLabel', { n: list.data.total })}>
          <Text as="p" block>{t('duplicates.total', { n: list.data.total })}</Text>
          {list.data.items.map((item) => {
            const [a, b] = ((item.accounts ?? item.contacts ?? []) as Rec[]) as [Rec, Rec];
            const name = (r: Rec) => (kind === 'account'
              ? <Link onClick={() => navigate({ view: 'account', accountId: r.id })}>{r.name}</Link>
              : <Text weight="semibold">{r.name}</Text>);
            return (
              <Card key={`${a.id}:${b.id}`} className={s.card} role="listitem" data-pair={`${a.id}:${b.id}`}>
                <div className={s.pair}>
                  <Text>{name(a)} <Caption1 className={s.muted}>{detail(a)}</Caption1></Text>
                  <Text>{name(b)} <Caption1 className={s.muted}>{detail(b)}</Caption1></Text>
                  <div className={s.evidence} aria-label={t('duplicates.evidence')}>
                    {item.evidence.map((e) => <Badge key={e.reason} appearance="tint" color={e.code === 'similar-name' ? 'warning' : 'danger'}>{evidenceText(t, e)}</Badge>)}
                  </div>
                </div>
                <div className={s.actions}>
                  <Button appearance="primary" data-action="review" onClick={() => open({ kind, survivor: a, merged: b })} aria-label={`${t('duplicates.review')}: ${t('duplicates.pairLabel', { keep: a.name, merged: b.name })}`}>
                    {t('duplicates.review')}
                  </Button>
                  <Button data-action="keep-other" onClick={() => open({ kind, survivor: b, merged: a })} aria-label={`${t('duplicates.keepOther')}: ${t('duplicates.pairLabel', { keep: b.name, merged: a.name })}`}>
                    {t('duplicates.keepOther')}
                  </Button>
                  <Button appearance="subtle" data-action="not-duplicate" onClick={() => void dismiss(a, b)} aria-label={t('duplicates.notDuplicateNamed', { a: a.name, b: b.name })}>
                    {t('duplicates.notDuplicate')}
                  </Button>
                </div>
              </Card>
            );
          })}
        </div>
      ))}
      {review && (
        <MergeDialog
          pair={review}
          onClose={() => setReview(null)}
          onMerged={(name) => {
            setReview(null);
            setDone(name);
            list.reload();
          }}
        />
      )}
    </section>
  );
}
